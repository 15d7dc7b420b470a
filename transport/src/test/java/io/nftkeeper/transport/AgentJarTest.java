package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AgentJarTest {

    @Test
    void aJarIsNamedAfterItsSha256() {
        AgentJar jar = AgentJar.of("abc".getBytes(StandardCharsets.US_ASCII));

        assertThat(jar.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(jar.fileName())
                .isEqualTo("nftkeeper-agent-ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.jar");
    }
}
