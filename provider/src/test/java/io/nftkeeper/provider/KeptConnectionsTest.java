package io.nftkeeper.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.server.PluginEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only a resident server, which serves the next Terraform process too, keeps a process's SSH connections. */
class KeptConnectionsTest {
    private static final Path HERE = Path.of("/srv/terraform");

    @Test
    void aResidentServerKeepsThemAMinuteUnlessToldOtherwise() {
        assertThat(NftablesProvider.keptConnections(new PluginEnvironment(Map.of(), HERE, true)))
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(NftablesProvider.keptConnections(
                        new PluginEnvironment(Map.of(NftablesProvider.KEEP_CONNECTIONS, "5"), HERE, true)))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(NftablesProvider.keptConnections(
                        new PluginEnvironment(Map.of(NftablesProvider.KEEP_CONNECTIONS, "0"), HERE, true)))
                .isZero();
        assertThat(NftablesProvider.keptConnections(
                        new PluginEnvironment(Map.of(NftablesProvider.KEEP_CONNECTIONS, "a minute"), HERE, true)))
                .as("not a number: nothing is kept")
                .isZero();
    }

    @Test
    void aPluginProcessOfItsOwnKeepsNothingItsExitWouldCloseAnyway() {
        assertThat(NftablesProvider.keptConnections(
                        new PluginEnvironment(Map.of(NftablesProvider.KEEP_CONNECTIONS, "60"), HERE)))
                .isZero();
    }
}
