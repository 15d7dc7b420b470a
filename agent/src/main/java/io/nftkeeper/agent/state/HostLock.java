package io.nftkeeper.agent.state;

import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Serialises changes across every agent on the host (each provider session runs its own agent) with a lock on
 * {@code <state dir>/host.lock}, which names its holder (pid and time) for whoever has to wait.
 *
 * <p>The lock is Java's {@link FileChannel#tryLock()}, a POSIX record lock (fcntl) on Linux: {@code flock(1)} does
 * not see it. POSIX locks belong to the process and are dropped when <em>any</em> descriptor of the file closes,
 * so one channel stays open for the life of this object and the holder's line is read through it.
 */
public final class HostLock {

    static final String FILE_NAME = "host.lock";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 20;
    private static final long PID = ProcessHandle.current().pid();

    private final Path file;
    private final Clock clock;
    private FileChannel channel;

    public HostLock(Path stateDir) {
        this(stateDir, Clock.systemUTC());
    }

    public HostLock(Path stateDir, Clock clock) {
        this.file = stateDir.resolve(FILE_NAME);
        this.clock = clock;
    }

    /** The lock is released when the returned handle closes. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits at most {@code timeout} for the lock.
     *
     * @throws AgentException LOCKED when another agent held it all that time
     */
    public synchronized Held acquire(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            FileChannel open = channel();
            while (true) {
                FileLock lock = tryLock(open);
                if (lock != null) {
                    recordHolder(open);
                    return () -> release(lock);
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new AgentException(
                            ErrorCode.LOCKED,
                            null,
                            "another nftkeeper apply holds the host lock "
                                    + holder(open) + "; gave up after waiting " + readable(timeout) + " (lock file "
                                    + file
                                    + ")");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            throw new NftkeeperException("cannot use the host lock " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException(ErrorCode.LOCKED, null, "interrupted while waiting for the host lock " + file);
        }
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            if (!Files.exists(file)) {
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another agent created it first: the same file serves us both
                }
            }
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        return channel;
    }

    private static FileLock tryLock(FileChannel open) throws IOException {
        try {
            return open.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            // only when two HostLocks of one process compete (tests); to us it is the same as another process
            return null;
        }
    }

    /**
     * Overwrites the holder's line in place and cuts off only what a longer earlier line left behind. Truncating
     * to zero first made ext4 free and reallocate the block on every apply: 50–90 µs here, against 12 µs for
     * {@code pwrite} plus a {@code fstat}. Millisecond times keep the line's length the same from one apply to
     * the next, so the cut is rare.
     */
    private void recordHolder(FileChannel open) throws IOException {
        byte[] line =
                (PID + " " + Instant.now(clock).truncatedTo(ChronoUnit.MILLIS) + "\n").getBytes(StandardCharsets.UTF_8);
        open.write(ByteBuffer.wrap(line), 0);
        open.truncate(line.length);
    }

    /** E.g. {@code (pid 4711) since 2024-05-01T10:00:00Z}, from the holder's line {@code 4711 2024-05-01T10:00:00Z}. */
    private static String holder(FileChannel open) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(200);
        open.read(buffer, 0);
        String[] fields = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)
                .strip()
                .split(" ");
        // the holder writes its line right after locking; in that instant a waiter may read an empty file
        return fields.length == 2 ? "(pid " + fields[0] + ") since " + fields[1] : "(pid unknown)";
    }

    private synchronized void release(FileLock lock) {
        try {
            lock.release();
        } catch (IOException e) {
            throw new NftkeeperException("cannot release the host lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
