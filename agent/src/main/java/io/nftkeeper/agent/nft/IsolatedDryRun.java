package io.nftkeeper.agent.nft;

import io.nftkeeper.protocol.NftkeeperException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Dry runs in a process of their own ({@code nft -c -f -}, the same libnftables): some scripts make nft 1.0.6 abort
 * (e.g. {@code ip saddr { { 1.1.1.1 } }} ends in {@code alloc_nftnl_setelem: Assertion '0' failed}), which inside the
 * agent would end every client's connection. A child that dies is reported as an {@link NftCrash}; the next check
 * starts a new one. A dry run changes nothing, so a crash leaves the ruleset as it was.
 */
final class IsolatedDryRun {

    /** nft prints little; more than this from a dry run is not an error message worth keeping. */
    private static final int OUTPUT_LIMIT = 64 * 1024;
    /** The JVM reports a child ended by signal N as exit status 128 + N. */
    private static final int SIGNALLED = 128;

    /** nft reading a file puts {@code /dev/stdin:2:37-37: } before each error; from a buffer it prints none. */
    private static final Pattern FILE_POSITION = Pattern.compile("(?m)^/dev/stdin:\\d+:\\d+(-\\d+)?: ");

    private final List<String> command;

    private IsolatedDryRun(List<String> command) {
        this.command = command;
    }

    /** With the host's {@code nft} command, if it has one. */
    static Optional<IsolatedDryRun> find() {
        return Executables.find("nft").map(nft -> new IsolatedDryRun(command(List.of(nft, "-c", "-f", "-"))));
    }

    /**
     * With the host's {@code nft} in a network namespace of its own ({@code unshare --net}), whose ruleset is empty,
     * if the host has both commands: for scripts that declare all they use. What the host holds cannot slow them
     * down there (nft 1.0.6 reads every set element of the ruleset before adding one: 98 s next to a million-element
     * set, 0.16 s alone) nor make them fail.
     */
    static Optional<IsolatedDryRun> findAlone() {
        return Executables.find("nft")
                .flatMap(nft -> Executables.find("unshare")
                        .filter(unshare -> mayUnshare(unshare, nft))
                        .map(unshare ->
                                new IsolatedDryRun(command(List.of(unshare, "--net", "--", nft, "-c", "-f", "-")))));
    }

    /**
     * Whether this process may make a network namespace (not in a container without CAP_SYS_ADMIN, say): else a dry
     * run there would fail for want of one, and nft's verdict is asked against the host's ruleset instead.
     */
    private static boolean mayUnshare(String unshare, String nft) {
        try {
            Process probe = new ProcessBuilder(unshare, "--net", "--", nft, "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return waitFor(probe) == 0;
        } catch (IOException | NftkeeperException e) {
            return false;
        }
    }

    /** {@code nft}, killed with the agent where the host has {@code setpriv}. */
    private static List<String> command(List<String> nft) {
        List<String> command = new ArrayList<>();
        Executables.find("setpriv").ifPresent(setpriv -> command.addAll(List.of(setpriv, "--pdeathsig", "KILL", "--")));
        command.addAll(nft);
        return List.copyOf(command);
    }

    /** @throws NftFailure as nft rejected the script, {@link NftCrash} if nft died checking it */
    void check(String script) {
        Process child;
        try {
            child = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new NftkeeperException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readBounded(child.getErrorStream()));
        try (OutputStream in = child.getOutputStream()) {
            in.write(script.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // nft stopped reading: it died or rejected the script early; its status says which
        }
        int status = waitFor(child);
        String said = join(errors);
        if (status == 0) {
            return;
        }
        if (status > SIGNALLED) {
            throw new NftCrash("nft crashed (signal " + (status - SIGNALLED) + ")"
                    + (said.isBlank() ? "" : ": " + lastLine(said)));
        }
        throw NftFailure.fromErrorText(FILE_POSITION.matcher(said).replaceAll(""));
    }

    private static String readBounded(InputStream stream) {
        try (stream) {
            byte[] kept = stream.readNBytes(OUTPUT_LIMIT);
            stream.transferTo(OutputStream.nullOutputStream());
            return new String(kept, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static int waitFor(Process child) {
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroyForcibly();
            throw new NftkeeperException("interrupted while nft checked a script", e);
        }
    }

    private static String join(CompletableFuture<String> errors) {
        try {
            return errors.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException e) {
            return "";
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }
}
