package io.nftkeeper.provider.transport;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a host can run this provider's exact agent: java 17+ is there, and the agent jar with this sha256 is,
 * uploading it only when the host lacks it. One remote command checks java and the jar's hash. Safe when several
 * provider processes bootstrap the same host at once: each uploads to its own temporary file, checks its hash on the
 * host and renames it into place atomically.
 */
public final class AgentBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AgentBootstrap.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final int EXIT_HASH_MISMATCH = 4;
    private static final String INSTALL_JAVA = "install a Java 17+ runtime (Debian/Ubuntu: apt install "
            + "openjdk-17-jre-headless) or set agent_java to the path of one";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AgentJar jar;
    private final AgentLaunch launch;

    public AgentBootstrap(AgentJar jar, AgentLaunch launch) {
        this.jar = jar;
        this.launch = launch;
    }

    /** Checks java, uploads the jar if it was missing or differed, and returns how to start the agent. */
    public AgentCommand ensureInstalled(SshSession session) {
        String host = session.target().host();
        String installed = launch.directory() + "/" + jar.fileName();
        ExecResult probe = session.exec(probeScript(installed), COMMAND_TIMEOUT);
        requireSuccess(probe, session, "checking java and the agent jar");
        Map<String, String> found = fields(probe.stdout());
        String java = found.getOrDefault("java", "");
        if (java.isEmpty()) {
            throw new TransportException("java not found on " + host + " (looked for '" + launch.java() + "' on the "
                    + "PATH of " + session.target().user() + "'s SSH commands): " + INSTALL_JAVA);
        }
        String versionLine = found.getOrDefault("version", "");
        OptionalInt major = JavaVersion.major(versionLine);
        if (major.isPresent() && major.getAsInt() < JavaVersion.REQUIRED_MAJOR) {
            throw new TransportException("java on " + host + " is too old: " + java + " is Java " + major.getAsInt()
                    + " (" + versionLine.strip() + "), the agent needs 17 or newer: " + INSTALL_JAVA);
        }
        if (major.isEmpty()) {
            LOG.warn("cannot tell the version of {} on {} from '{}'; trying it anyway", java, host, versionLine);
        }
        if (!jar.sha256().equals(found.get("sha256"))) {
            LOG.info("uploading the agent {} to {} on {}", jar, launch.directory(), host);
            upload(session, installed);
        }
        return new AgentCommand(java, installed, launch.sudo());
    }

    /** Prints {@code java:<absolute path>}, {@code version:<first line of java -version>}, {@code sha256:<hex>}. */
    private String probeScript(String installed) {
        return "j=$(command -v " + ShellQuote.quote(launch.java()) + " 2>/dev/null) || { echo java:; exit 0; }; "
                + "echo \"java:$j\"; "
                + "echo \"version:$(\"$j\" -version 2>&1 | head -n 1)\"; "
                + "echo \"sha256:$(sha256sum " + ShellQuote.quote(installed) + " 2>/dev/null | cut -d' ' -f1)\"";
    }

    private static Map<String, String> fields(String stdout) {
        Map<String, String> fields = new LinkedHashMap<>();
        stdout.lines().forEach(line -> {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        });
        return fields;
    }

    private void upload(SshSession session, String installed) {
        String directory = launch.directory();
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
                    + " arrived corrupted (its sha256 differs from " + jar.sha256() + "); nothing was installed", true,
                    null);
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
