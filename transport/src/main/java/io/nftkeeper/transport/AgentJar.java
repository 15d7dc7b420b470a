package io.nftkeeper.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The agent jar to install on hosts, named after its sha256 so a host runs exactly this build and several builds
 * can sit side by side.
 */
public final class AgentJar {

    /** Where the provider build puts the agent jar inside the provider jar. */
    public static final String BUNDLED_RESOURCE = "/nftkeeper-agent.jar";

    private final byte[] content;
    private final String sha256;

    private AgentJar(byte[] content) {
        this.content = content;
        this.sha256 = Fingerprints.sha256Hex(content);
    }

    private static AgentJar bundled;

    /** The agent jar bundled into this provider, read and hashed once per process. */
    public static synchronized AgentJar bundled() {
        if (bundled == null) {
            bundled = loadBundled();
        }
        return bundled;
    }

    public static AgentJar of(byte[] content) {
        return new AgentJar(content.clone());
    }

    /** Lower-case hex SHA-256 of the jar, as sha256sum prints it. */
    public String sha256() {
        return sha256;
    }

    /** The file name on hosts: {@code nftkeeper-agent-<sha256>.jar}. */
    public String fileName() {
        return "nftkeeper-agent-" + sha256 + ".jar";
    }

    byte[] content() {
        return content;
    }

    @Override
    public String toString() {
        return fileName() + " (" + content.length + " bytes)";
    }

    private static AgentJar loadBundled() {
        try (InputStream in = AgentJar.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new TransportException("this provider build has no bundled agent (" + BUNDLED_RESOURCE
                        + " is missing from the provider jar); rebuild the provider with Maven");
            }
            return new AgentJar(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled agent jar", e);
        }
    }
}
