package io.nftkeeper.agent.rollback;

import io.nftkeeper.protocol.NftkeeperException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the agent's own jar right before a rollback timer starts java from it again, as root and long after the
 * provider checked it: the jar and every directory above it, literal and resolved, must be owned by root (or the
 * agent's own user) and not writable by group or others (a root-owned sticky parent such as {@code /tmp} is fine),
 * and a jar named {@code nftkeeper-agent-<sha256>.jar}, as the provider installs it, must have that sha256. The
 * provider's start command applies the same rule (its {@code TrustedAgentFiles}); with it, nobody else can replace
 * the jar between this check and the timer's start.
 */
final class TrustedAgentJar {

    private static final Pattern INSTALLED_NAME = Pattern.compile("nftkeeper-agent-([0-9a-f]{64})\\.jar");
    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final int STICKY = 01000;

    private TrustedAgentJar() {}

    /** @throws NftkeeperException naming the file that cannot be trusted, and why */
    static void require(Path code) {
        try {
            int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            boolean jar = Files.isRegularFile(code, LinkOption.NOFOLLOW_LINKS);
            requireTrusted(code, self, false);
            requireParentsTrusted(code.toAbsolutePath(), self);
            requireParentsTrusted(code.toRealPath(), self);
            Matcher installed = INSTALLED_NAME.matcher(code.getFileName().toString());
            if (jar && installed.matches() && !installed.group(1).equals(sha256(code))) {
                throw new NftkeeperException(code + " is not the agent jar the provider installed: its sha256 differs "
                        + "from the one in its name");
            }
        } catch (IOException e) {
            throw new NftkeeperException("cannot check the agent jar " + code + ": " + e.getMessage(), e);
        }
    }

    private static void requireParentsTrusted(Path path, int self) throws IOException {
        for (Path parent = path.getParent(); parent != null; parent = parent.getParent()) {
            requireTrusted(parent, self, true);
        }
    }

    private static void requireTrusted(Path path, int self, boolean parent) throws IOException {
        int owner = (Integer) Files.getAttribute(path, "unix:uid");
        int mode = (Integer) Files.getAttribute(path, "unix:mode");
        if (owner != 0 && owner != self) {
            throw new NftkeeperException(path + " is owned by uid " + owner + ", not by root: the agent does not run "
                    + "code that another user could have written");
        }
        boolean writable = Files.getPosixFilePermissions(path).stream().anyMatch(WRITABLE_BY_OTHERS::contains);
        boolean stickyRootDirectory = parent && owner == 0 && (mode & STICKY) != 0;
        if (writable && !stickyRootDirectory) {
            throw new NftkeeperException(path + " is writable by group or others (mode "
                    + Integer.toOctalString(mode & 07777) + "): the agent does not run code that another user could "
                    + "have written");
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
