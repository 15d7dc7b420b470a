package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One sandbox host per test class with a table nftkeeper does not manage on it (kube-proxy's, as on a Kubernetes
 * node), which must stay byte-identical through every test. Register it in a static field with
 * {@code @RegisterExtension}: the host is up before the class's {@code @BeforeAll} methods run, the bystander is
 * compared after each test, and the host is removed after the last, also when a test failed.
 */
final class BystanderHost implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private static final String LIST_BYSTANDER = "list table ip kube-proxy";

    private final String name;
    private final String bystanderScript;
    private SandboxHost host;
    private String bystanderBefore;

    /** {@code bystanderScript} is nft input that creates {@code table ip kube-proxy}. */
    BystanderHost(String name, String bystanderScript) {
        this.name = name;
        this.bystanderScript = bystanderScript;
    }

    SandboxHost host() {
        if (host == null) {
            throw new IllegalStateException("sandbox host " + name + " is not up: register BystanderHost with "
                    + "@RegisterExtension in a static field");
        }
        return host;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        host = SandboxHost.up(name);
        host.exec("sh", "-c", "printf '%s' '" + bystanderScript + "' | nft -f -");
        bystanderBefore = host.nft(LIST_BYSTANDER);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertThat(host().nft(LIST_BYSTANDER))
                .as("the table nftkeeper does not manage")
                .isEqualTo(bystanderBefore);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (host != null) {
            host.close();
            host = null;
        }
    }
}
