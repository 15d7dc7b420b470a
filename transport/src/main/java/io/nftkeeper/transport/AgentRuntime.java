package io.nftkeeper.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java runtime bundled for the agent (jlink, only the modules it needs; built by {@code scripts/agent-runtime})
 * for hosts without Java 17. It travels in the transport jar as a tar.gz with a {@code sha256sums} manifest at its
 * root; a host keeps it unpacked in {@code <agent_dir>/runtime-<sha256 of the manifest>}, so a host holds exactly
 * this runtime and several can sit side by side. The archive is read only when a host needs it.
 */
public final class AgentRuntime {

    static final String ARCHIVE_RESOURCE = "/nftkeeper-agent-runtime.tar.gz";
    static final String ARCHIVE_SHA256_RESOURCE = ARCHIVE_RESOURCE + ".sha256";
    static final String MANIFEST_RESOURCE = "/nftkeeper-agent-runtime.sha256sums";
    static final String ARCHITECTURE_RESOURCE = "/nftkeeper-agent-runtime.arch";
    /** The manifest inside the runtime directory, as {@code sha256sum} writes it for {@code ./}-relative names. */
    static final String MANIFEST = "sha256sums";

    private static final int SHA256_HEX_LENGTH = 64;
    private static final String SHA256_HEX = "[0-9a-f]{" + SHA256_HEX_LENGTH + "}";
    private static final Pattern JAVA_OF_A_RUNTIME = Pattern.compile("(.*/runtime-" + SHA256_HEX + ")/bin/java");

    private final String sha256;
    private final String archiveSha256;
    private final String architecture;

    private AgentRuntime(String sha256, String archiveSha256, String architecture) {
        if (!archiveSha256.matches(SHA256_HEX)) {
            throw new TransportException("the bundled agent runtime's recorded sha256 is not one: '" + archiveSha256
                    + "'; rebuild the provider with Maven");
        }
        this.sha256 = sha256;
        this.archiveSha256 = archiveSha256;
        this.architecture = architecture;
    }

    private static Optional<AgentRuntime> bundled;

    /** The runtime bundled into this build, or empty when it has none (a build without {@code package}). */
    public static synchronized Optional<AgentRuntime> bundled() {
        if (bundled == null) {
            bundled = loadBundled();
        }
        return bundled;
    }

    static AgentRuntime of(byte[] manifest, String archiveSha256, String architecture) {
        return new AgentRuntime(Fingerprints.sha256Hex(manifest), archiveSha256, architecture);
    }

    /** Lower-case hex SHA-256 of the manifest: what names the runtime on hosts. */
    public String sha256() {
        return sha256;
    }

    /** Lower-case hex SHA-256 of the tar.gz, checked on the host before it is unpacked. */
    String archiveSha256() {
        return archiveSha256;
    }

    /** The machine it runs on as {@code uname -m} names it, e.g. {@code x86_64}: a host of another runs no java of it. */
    String architecture() {
        return architecture;
    }

    /** Where the runtime is unpacked under {@code agentDirectory}. */
    public String directoryIn(String agentDirectory) {
        return agentDirectory + "/runtime-" + sha256;
    }

    /** Its java binary under {@code agentDirectory}. */
    public String javaIn(String agentDirectory) {
        return directoryIn(agentDirectory) + "/bin/java";
    }

    /** The tar.gz, read from the jar now (tens of MB: only when a host lacks the runtime). */
    InputStream archive() {
        InputStream in = AgentRuntime.class.getResourceAsStream(ARCHIVE_RESOURCE);
        if (in == null) {
            throw new TransportException("this provider build has no bundled agent runtime (" + ARCHIVE_RESOURCE
                    + " is missing from its jar); rebuild it with Maven");
        }
        return in;
    }

    /** The runtime directory when {@code java} is the java of a bundled runtime (it ends in its sha256). */
    static Optional<String> directoryOfJava(String java) {
        Matcher matcher = JAVA_OF_A_RUNTIME.matcher(java);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The sha256 a runtime directory's name ends in. */
    static String sha256OfDirectory(String directory) {
        return directory.substring(directory.length() - SHA256_HEX_LENGTH);
    }

    @Override
    public String toString() {
        return "runtime-" + sha256;
    }

    private static Optional<AgentRuntime> loadBundled() {
        try (InputStream manifest = AgentRuntime.class.getResourceAsStream(MANIFEST_RESOURCE);
                InputStream archiveSha = AgentRuntime.class.getResourceAsStream(ARCHIVE_SHA256_RESOURCE);
                InputStream architecture = AgentRuntime.class.getResourceAsStream(ARCHITECTURE_RESOURCE)) {
            if (manifest == null || archiveSha == null || architecture == null) {
                return Optional.empty();
            }
            return Optional.of(of(
                    manifest.readAllBytes(),
                    new String(archiveSha.readAllBytes(), StandardCharsets.US_ASCII).strip(),
                    new String(architecture.readAllBytes(), StandardCharsets.US_ASCII).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled agent runtime's manifest", e);
        }
    }
}
