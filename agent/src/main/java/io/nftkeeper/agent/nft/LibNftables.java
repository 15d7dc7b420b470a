package io.nftkeeper.agent.nft;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;

/**
 * With {@link RulesetGeneration}, the only class that knows jnr-ffi: a thin, not thread-safe binding of libnftables. Callers must confine an
 * instance, and in fact every libnftables call of the process, to one thread (the library has global state).
 */
final class LibNftables implements AutoCloseable {

    static final String LIBRARY = "libnftables.so.1";
    static final int OUTPUT_DEFAULT = 0;
    static final int OUTPUT_STATELESS = 4;
    static final int OUTPUT_HANDLE = 8;
    static final int OUTPUT_JSON = 16;
    static final int OUTPUT_TERSE = 2048;

    /** Mirrors libnftables.h of nftables 1.0.6. */
    public interface Api {
        Pointer nft_ctx_new(int flags);

        void nft_ctx_free(Pointer ctx);

        void nft_ctx_output_set_flags(Pointer ctx, int flags);

        void nft_ctx_set_dry_run(Pointer ctx, boolean dry);

        int nft_ctx_buffer_output(Pointer ctx);

        int nft_ctx_buffer_error(Pointer ctx);

        Pointer nft_ctx_get_output_buffer(Pointer ctx);

        Pointer nft_ctx_get_error_buffer(Pointer ctx);

        int nft_run_cmd_from_buffer(Pointer ctx, @In byte[] nulTerminatedBuffer);
    }

    /** What one nft_run_cmd_from_buffer call left behind, copied out of the library's buffers. */
    record Outcome(boolean succeeded, String output, String error) {}

    private final Api api;
    private final Pointer ctx;

    private LibNftables(Api api, Pointer ctx) {
        this.api = api;
        this.ctx = ctx;
    }

    /** Loads the library now, so a missing one stops the agent at start-up rather than at the first request. */
    static LibNftables open(String libraryName) {
        Api api;
        try {
            api = LibraryLoader.create(Api.class).failImmediately().load(libraryName);
        } catch (LinkageError | RuntimeException e) {
            throw new StartupException(
                    StartupException.EXIT_LIBRARY_MISSING,
                    libraryName + " not found: install the "
                            + "Debian/Ubuntu package libnftables1 (or your distribution's nftables library)",
                    e);
        }
        Pointer ctx = api.nft_ctx_new(0);
        if (ctx == null) {
            throw new StartupException(StartupException.EXIT_LIBRARY_MISSING, "nft_ctx_new failed");
        }
        api.nft_ctx_set_dry_run(ctx, false);
        if (api.nft_ctx_buffer_output(ctx) != 0 || api.nft_ctx_buffer_error(ctx) != 0) {
            api.nft_ctx_free(ctx);
            throw new StartupException(StartupException.EXIT_LIBRARY_MISSING, "libnftables cannot buffer its output");
        }
        return new LibNftables(api, ctx);
    }

    Outcome run(String script, int outputFlags) {
        return run(script, outputFlags, false);
    }

    /** With {@code dryRun} the batch goes to the kernel and is aborted instead of committed. */
    Outcome run(String script, int outputFlags, boolean dryRun) {
        api.nft_ctx_output_set_flags(ctx, outputFlags);
        api.nft_ctx_set_dry_run(ctx, dryRun);
        boolean succeeded;
        try {
            succeeded = api.nft_run_cmd_from_buffer(ctx, nulTerminated(script)) == 0;
        } finally {
            // the context is shared by every later call: never leave it in dry-run mode
            api.nft_ctx_set_dry_run(ctx, false);
        }
        // Both buffers are read (which rewinds them) right after every call: they are library-owned and reused by
        // the next call, and a buffer this call did not write to may still hold an earlier call's text. So the
        // outcome trusts output only on success and error only on failure.
        String output = utf8(api.nft_ctx_get_output_buffer(ctx));
        String error = utf8(api.nft_ctx_get_error_buffer(ctx));
        return new Outcome(succeeded, succeeded ? output : "", succeeded ? "" : error);
    }

    @Override
    public void close() {
        api.nft_ctx_free(ctx);
    }

    /*
     * Scripts and listings are UTF-8 (comments may hold any text), whatever the agent JVM's default charset is: over
     * SSH without a locale it is ASCII, which would turn "ä" into "?" on the way in and nft's own curly quotes into
     * garbage on the way out.
     */
    private static byte[] nulTerminated(String script) {
        byte[] text = script.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(text, text.length + 1);
    }

    private static String utf8(Pointer buffer) {
        return buffer == null ? "" : buffer.getString(0, Integer.MAX_VALUE, StandardCharsets.UTF_8);
    }
}
