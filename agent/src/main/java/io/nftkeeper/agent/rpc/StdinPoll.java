package io.nftkeeper.agent.rpc;

import java.util.Optional;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Waits with {@code poll(2)} until the process's stdin (fd 0) has input or a timeout passes. With it the request
 * thread reads stdin itself and still wakes up for deferred work in time: no reader thread, so no hand-off of each
 * request from one thread to the other (one wake-up fewer per request, more than the work it hands over on a busy
 * host). Not thread-safe: the request thread's.
 */
final class StdinPoll {

    /** The part of libc this needs. */
    public interface LibC {
        int poll(Pointer fds, long nfds, int timeoutMillis);
    }

    private static final int STDIN = 0;
    private static final short POLLIN = 0x1;

    private final LibC libc;
    /** One {@code struct pollfd}: int fd, short events, short revents. */
    private final Pointer pollFd;

    private StdinPoll(LibC libc) {
        this.libc = libc;
        this.pollFd = Memory.allocateDirect(Runtime.getRuntime(libc), 8);
        pollFd.putInt(0, STDIN);
        pollFd.putShort(4, POLLIN);
    }

    /** Empty where libc cannot be bound; the caller then reads on a thread of its own. */
    static Optional<StdinPoll> load() {
        try {
            return Optional.of(new StdinPoll(
                    LibraryLoader.create(LibC.class).failImmediately().load("c")));
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @param nanos how long to wait at most; {@link Long#MAX_VALUE} for no limit
     * @return true when stdin has input or its end was reached (a read will not block for long), false after the
     *         timeout. Also true when poll fails (e.g. interrupted by a signal): the read then tells.
     */
    boolean await(long nanos) {
        int millis = nanos == Long.MAX_VALUE ? -1 : (int) Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000);
        pollFd.putShort(6, (short) 0);
        return libc.poll(pollFd, 1, millis) != 0;
    }
}
