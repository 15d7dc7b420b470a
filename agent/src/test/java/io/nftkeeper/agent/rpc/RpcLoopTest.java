package io.nftkeeper.agent.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.agent.nft.FakeNftables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpcLoopTest {

    @TempDir
    Path stateDir;

    @Test
    void answersEachRequestInOrderAndReturnsWhenStdinCloses() throws Exception {
        String requests = """
                {"id":1,"method":"hello","params":{"protocolVersion":1,"client":"t"}}

                not json
                {"id":2,"method":"list","params":{"tables":[]}}
                """;
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new RpcLoop(new Dispatcher("0.1.0", "h", new FakeNftables(), stateDir))
                .serve(new ByteArrayInputStream(requests.getBytes(StandardCharsets.UTF_8)), out);

        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
                .hasSize(3)
                .satisfies(lines -> {
                    assertThat(lines.get(0)).startsWith("{\"id\":1,\"result\":");
                    assertThat(lines.get(1)).startsWith("{\"error\":{\"code\":\"INVALID\"");
                    assertThat(lines.get(2)).isEqualTo("{\"id\":2,\"result\":{\"tables\":[]}}");
                });
    }
}
