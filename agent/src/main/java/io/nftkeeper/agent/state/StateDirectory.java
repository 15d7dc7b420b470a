package io.nftkeeper.agent.state;

import io.nftkeeper.agent.nft.StartupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/** Where the agent keeps what it must remember between runs. Only root may write there. */
public final class StateDirectory {

    public static final String ENV = "NFTKEEPER_STATE_DIR";
    public static final Path DEFAULT = Path.of("/var/lib/nftkeeper");
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private StateDirectory() {}

    /** The {@code --state-dir} flag wins, then {@value #ENV}, then {@link #DEFAULT}. */
    public static Path choose(Path flag, Map<String, String> env) {
        if (flag != null) {
            return flag;
        }
        String fromEnv = env.get(ENV);
        return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : DEFAULT;
    }

    /**
     * Creates the directory with mode 0700, or checks that an existing one is not writable by others and makes it
     * 0700 if others could read it (the provider's {@code mkdir -p} of its default agent_dir below it made it 0755).
     */
    public static Path prepare(Path dir) {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir);
                // set explicitly: the umask may have widened what createDirectories asked for
                Files.setPosixFilePermissions(dir, PRIVATE);
            }
            if (!Files.isDirectory(dir)) {
                throw refuse(dir + " is not a directory");
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw refuse("state directory " + dir + " is writable by group or others (mode "
                        + PosixFilePermissions.toString(permissions) + "); anyone who can write there can make "
                        + "the agent delete tables. Fix it with: chmod 700 " + dir);
            }
            if (!permissions.equals(PRIVATE) && isOwnedByMe(dir)) {
                Files.setPosixFilePermissions(dir, PRIVATE);
            }
            return dir;
        } catch (IOException e) {
            throw refuse("cannot prepare state directory " + dir + ": " + e.getMessage());
        }
    }

    private static boolean isOwnedByMe(Path dir) throws IOException {
        return Files.getAttribute(dir, "unix:uid").equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static StartupException refuse(String message) {
        return new StartupException(StartupException.EXIT_USAGE, message);
    }
}
