package io.nftkeeper.provider.transport;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a host has this provider's exact agent jar, uploading it only when the host lacks that build. Safe
 * when several provider processes bootstrap the same host at once: each uploads to its own temporary file, checks
 * its hash on the host and renames it into place atomically.
 */
public final class AgentBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AgentBootstrap.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final int EXIT_NO_JAVA = 3;
    private static final int EXIT_HASH_MISMATCH = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AgentJar jar;
    private final String directory;

    public AgentBootstrap(AgentJar jar, String directory) {
        this.jar = jar;
        this.directory = directory;
    }

    /** Returns the path of the agent jar on the host, after uploading it if it was missing or differed. */
    public String ensureInstalled(SshSession session) {
        String installed = directory + "/" + jar.fileName();
        ExecResult probe = session.exec("command -v java >/dev/null 2>&1 || exit " + EXIT_NO_JAVA + "; "
                + "sha256sum " + ShellQuote.quote(installed) + " 2>/dev/null; exit 0", COMMAND_TIMEOUT);
        if (probe.exitStatus() == EXIT_NO_JAVA) {
            throw new TransportException("java not found on " + session.target().host()
                    + ": install a Java 17+ runtime (Debian: apt install openjdk-17-jre-headless)");
        }
        requireSuccess(probe, session, "checking the agent jar");
        if (probe.stdout().startsWith(jar.sha256() + " ")) {
            return installed;
        }
        LOG.info("uploading the agent {} to {} on {}", jar, directory, session.target().host());
        upload(session, installed);
        return installed;
    }

    private void upload(SshSession session, String installed) {
        String temporary = directory + "/." + jar.fileName() + "." + HexFormat.of().formatHex(randomBytes()) + ".tmp";
        requireSuccess(session.exec("mkdir -p " + ShellQuote.quote(directory), COMMAND_TIMEOUT), session,
                "creating " + directory);
        session.upload(jar.content(), temporary);
        String temp = ShellQuote.quote(temporary);
        ExecResult install = session.exec("if [ \"$(sha256sum < " + temp + ")\" = " + ShellQuote.quote(jar.sha256() + "  -")
                + " ]; then mv -f " + temp + " " + ShellQuote.quote(installed) + "; else rm -f " + temp + "; exit "
                + EXIT_HASH_MISMATCH + "; fi", COMMAND_TIMEOUT);
        if (install.exitStatus() == EXIT_HASH_MISMATCH) {
            throw new TransportException("the agent jar uploaded to " + session.target().host()
                    + " arrived corrupted (its sha256 differs from " + jar.sha256() + "); nothing was installed");
        }
        requireSuccess(install, session, "installing the agent jar");
    }

    private static void requireSuccess(ExecResult result, SshSession session, String action) {
        if (!result.succeeded()) {
            throw new TransportException(action + " on " + session.target().host() + " failed (exit "
                    + result.exitStatus() + "): " + result.stderr().strip());
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
