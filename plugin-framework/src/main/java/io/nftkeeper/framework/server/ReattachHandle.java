package io.nftkeeper.framework.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nftkeeper.framework.internal.plugin.GrpcPluginServer;

/**
 * A provider served in this JVM for Terraform to reattach to. Pass {@link #reattachJson()} as the
 * environment variable {@code TF_REATTACH_PROVIDERS} to terraform; close when done.
 */
public final class ReattachHandle implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GrpcPluginServer server;
    private final String sourceAddress;

    ReattachHandle(GrpcPluginServer server, String sourceAddress) {
        this.server = server;
        this.sourceAddress = sourceAddress;
    }

    public int port() {
        return server.port();
    }

    /** The value of {@code TF_REATTACH_PROVIDERS}; {@code "Test": true} stops Terraform from killing us. */
    public String reattachJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode entry = root.putObject(sourceAddress);
        entry.put("Protocol", "grpc");
        entry.put("ProtocolVersion", 6);
        entry.put("Pid", ProcessHandle.current().pid());
        entry.put("Test", true);
        ObjectNode addr = entry.putObject("Addr");
        addr.put("Network", "tcp");
        addr.put("String", "127.0.0.1:" + port());
        return root.toString();
    }

    /** Blocks until the server stops (it is stopped by {@link #close()}, e.g. from a shutdown hook). */
    public void awaitClose() throws InterruptedException {
        server.awaitStop();
    }

    @Override
    public void close() {
        server.stop();
    }
}
