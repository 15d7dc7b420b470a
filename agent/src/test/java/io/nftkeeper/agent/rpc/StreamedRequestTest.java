package io.nftkeeper.agent.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.JsonLines;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamedRequestTest {

    private static Optional<ParsedRequest> parse(String line) {
        return StreamedRequest.parse(JsonLines.mapper(), line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsParamsStraightIntoTheirRecordWhenMethodComesFirst() {
        ParsedRequest request = parse("{\"id\":7,\"method\":\"apply\",\"params\":{\"transaction\":{\"commands\":"
                        + "[{\"verb\":\"add\",\"object\":{\"kind\":\"table\",\"family\":\"inet\",\"name\":\"web\"}}]},"
                        + "\"txId\":\"t-1\"},\"extra\":[1,{\"a\":2}]}")
                .orElseThrow();

        assertThat(request.id()).isEqualTo(7);
        assertThat(request.method()).isEqualTo("apply");
        ApplyParams params = request.params().read("apply", ApplyParams.class);
        assertThat(params.txId()).isEqualTo("t-1");
        assertThat(params.transaction().toScript()).isEqualTo("add table inet web\n");
    }

    @Test
    void leavesEverythingElseToTheTreePathWhichWordsTheErrors() {
        assertThat(parse("{\"params\":{\"tables\":[]},\"id\":1,\"method\":\"list\"}"))
                .isEmpty();
        assertThat(parse("{\"id\":1,\"method\":\"list\"}")).isEmpty();
        assertThat(parse("{\"id\":1,\"method\":\"nope\",\"params\":{}}")).isEmpty();
        assertThat(parse("{\"id\":1,\"method\":\"adopt\",\"params\":{\"table\":{\"family\":\"inet\","
                        + "\"name\":\"bad name\"}}}"))
                .isEmpty();
        assertThat(parse("{\"id\":1,\"method\":\"list\",\"params\":{\"tables\":[]}} trailing"))
                .isEmpty();
        assertThat(parse("not json")).isEmpty();
    }
}
