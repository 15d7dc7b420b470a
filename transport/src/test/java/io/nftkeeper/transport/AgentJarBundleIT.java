package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

    @Test
    void theBuildBundlesTheAgentRuntimeWithItsSha256AndAManifestOfItsFiles() throws Exception {
        AgentRuntime runtime = AgentRuntime.bundled().orElseThrow();

        try (InputStream archive = runtime.archive()) {
            assertThat(Fingerprints.sha256Hex(archive.readAllBytes())).isEqualTo(runtime.archiveSha256());
        }
        try (InputStream manifest = AgentRuntime.class.getResourceAsStream(AgentRuntime.MANIFEST_RESOURCE)) {
            String files = new String(manifest.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(files)
                    .contains("  ./bin/java\n", "  ./lib/modules\n", "  ./lib/server/libjvm.so\n")
                    .doesNotContain("  ./include/", "  ./man/");
        }
        assertThat(runtime.architecture()).isNotBlank();
    }
}
