package io.nftkeeper.acceptance.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One sandbox host per test class with tables nftkeeper does not manage on it: kube-proxy's, as on a Kubernetes
 * node ({@code kube-proxy.nft} next to this class), which must stay byte-identical, handles included, through every
 * test. Register it in a static field with {@code @RegisterExtension}: the host is up before the class's
 * {@code @BeforeAll} methods run, the bystander tables are compared after each test, and the host is removed after
 * the last, also when a test failed. A test that starts its own sandboxes uses {@link #loadBystander} and
 * {@link #bystander} instead.
 */
public final class BystanderHost implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final String name;
    private SandboxHost host;
    private String bystanderBefore;

    public BystanderHost(String name) {
        this.name = name;
    }

    public SandboxHost host() {
        if (host == null) {
            throw new IllegalStateException("sandbox host " + name + " is not up: register BystanderHost with "
                    + "@RegisterExtension in a static field");
        }
        return host;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        host = SandboxHost.up(name);
        bystanderBefore = loadBystander(host);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertThat(bystander(host())).as("the tables nftkeeper does not manage").isEqualTo(bystanderBefore);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (host != null) {
            host.close();
            host = null;
        }
    }

    /** Loads kube-proxy's tables onto {@code host} and returns their listing, as {@link #bystander} lists them. */
    public static String loadBystander(SandboxHost host) {
        try (InputStream in = BystanderHost.class.getResourceAsStream("kube-proxy.nft")) {
            Path ruleset = Files.createTempFile("nftkeeper-bystander", ".nft");
            try {
                Files.writeString(ruleset, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                host.exec("nft", "-f", ruleset.toString());
            } finally {
                Files.delete(ruleset);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String listing = bystander(host);
        assertThat(listing).contains("table ip kube-proxy").contains("table ip6 kube-proxy");
        return listing;
    }

    /** Both kube-proxy tables with handles: a deleted and re-added object would show as a new handle. */
    public static String bystander(SandboxHost host) {
        return host.exec("nft", "-a", "list", "table", "ip", "kube-proxy")
                + host.exec("nft", "-a", "list", "table", "ip6", "kube-proxy");
    }
}
