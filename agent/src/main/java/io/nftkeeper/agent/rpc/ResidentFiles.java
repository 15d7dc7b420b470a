package io.nftkeeper.agent.rpc;

import io.nftkeeper.agent.nft.StartupException;
import io.nftkeeper.agent.state.AtomicFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files of a resident agent, all in its runtime directory: the socket, {@code <socket>.lock} (held while the
 * agent serves, so one agent per socket path: a second one started at the same time exits) and {@code <socket>.pid}
 * (written once the socket listens; the start command waits for it). The directory is root's, 0700; with a socket
 * group it is 0750 and the socket 0660, both of that group, so its members can connect and nobody else can.
 */
public final class ResidentFiles implements AutoCloseable {

    /** Where sockets live unless {@code --socket} names another place: per sandbox in tests, via sshd's SetEnv. */
    static final String ENV = "NFTKEEPER_RUNTIME_DIR";

    static final Path DEFAULT_DIRECTORY = Path.of("/run/nftkeeper");

    private final Path socket;
    private final Optional<GroupPrincipal> group;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private boolean closed;

    private ResidentFiles(Path socket, Optional<GroupPrincipal> group, FileChannel lockChannel, FileLock lock) {
        this.socket = socket;
        this.group = group;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** The directory for sockets: {@value #ENV}, else {@link #DEFAULT_DIRECTORY}. */
    static Path directory(Map<String, String> env) {
        String fromEnv = env.get(ENV);
        return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : DEFAULT_DIRECTORY;
    }

    /**
     * Prepares the socket's directory and takes the serve lock; empty when another agent holds it (it serves this
     * socket already).
     */
    public static Optional<ResidentFiles> claim(Path socket, Optional<String> groupName) {
        Path directory = socket.toAbsolutePath().getParent();
        try {
            Optional<GroupPrincipal> group = groupName.isEmpty()
                    ? Optional.empty()
                    : Optional.of(directory
                            .getFileSystem()
                            .getUserPrincipalLookupService()
                            .lookupPrincipalByGroupName(groupName.get()));
            prepareDirectory(directory, group);
            Path lockFile = sibling(socket, ".lock");
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException heldInThisProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new ResidentFiles(socket, group, channel, lock));
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            throw new StartupException(
                    StartupException.EXIT_USAGE,
                    "socket group '" + groupName.orElseThrow() + "' does not exist: create it (groupadd "
                            + groupName.orElseThrow() + ") and add the SSH user");
        } catch (IOException e) {
            throw new StartupException(
                    StartupException.EXIT_USAGE,
                    "cannot prepare the socket directory " + directory + ": " + e.getMessage());
        }
    }

    Path socket() {
        return socket;
    }

    /** Removes whatever a killed agent left at the socket path; safe, since we hold the serve lock. */
    void removeStaleSocket() throws IOException {
        Files.deleteIfExists(socket);
    }

    /** The socket listens: restricts it to root (or the group), then tells the start command our pid. */
    void listening() throws IOException {
        restrict(socket, group.isPresent() ? "rw-rw----" : "rw-------");
        Path pidFile = sibling(socket, ".pid");
        AtomicFile.write(pidFile, (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8));
        restrict(pidFile, group.isPresent() ? "rw-r-----" : "rw-------");
    }

    /**
     * No new client can connect from here on; a new agent may take the path at once. Only the first call acts: a
     * later one must not remove the files of the agent that took the path since.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(sibling(socket, ".pid"));
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(ResidentFiles.class).warn("cannot remove {}: {}", socket, e.getMessage());
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // closing the channel releases the lock anyway
        }
    }

    static Path sibling(Path socket, String suffix) {
        return socket.resolveSibling(socket.getFileName() + suffix);
    }

    private void restrict(Path file, String mode) throws IOException {
        if (group.isPresent()) {
            Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setGroup(group.get());
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    private static void prepareDirectory(Path directory, Optional<GroupPrincipal> group) throws IOException {
        Set<PosixFilePermission> wanted =
                PosixFilePermissions.fromString(group.isPresent() ? "rwxr-x---" : "rwx------");
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory);
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(directory + " is not a directory");
        }
        Object owner = Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!owner.equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
            throw new IOException(directory + " belongs to uid " + owner + ", not to the agent's user: whoever owns "
                    + "it could put another socket in its place");
        }
        PosixFileAttributeView view =
                Files.getFileAttributeView(directory, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (group.isPresent()) {
            view.setGroup(group.get());
        }
        view.setPermissions(wanted);
    }
}
