package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What packaging put into the transport jar: the agent jar is copied in at prepare-package, so a unit stage cannot see it. */
class AgentJarBundleIT {

    @Test
    void theBuildBundlesTheAgentJar() {
        AgentJar bundled = AgentJar.bundled();

        assertThat(bundled.sha256()).matches("[0-9a-f]{64}");
        assertThat(bundled.content()).startsWith((byte) 'P', (byte) 'K');
        assertThat(AgentJar.bundled()).as("read once per process").isSameAs(bundled);
    }
}
