package io.nftkeeper.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.agent.nft.FakeNftables;
import io.nftkeeper.agent.state.OwnershipRegistry;
import io.nftkeeper.protocol.wire.Response;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmUpTest {

    @TempDir
    Path stateDir;

    @Test
    void servesHelloListCheckAndDriftInMemory() throws Exception {
        List<Response> responses = WarmUp.session(new FakeNftables(), stateDir);

        assertThat(responses).extracting(Response::id).containsExactly(1L, 2L, 3L, 4L);
        assertThat(responses)
                .allSatisfy(response -> assertThat(response.error()).isNull());
        assertThat(responses.get(0).result().path("agentVersion").isTextual()).isTrue();
        assertThat(responses
                        .get(1)
                        .result()
                        .path("tables")
                        .path(0)
                        .path("exists")
                        .asBoolean(true))
                .isFalse();
    }

    @Test
    void changesNoRulesetOnlyDryRunsTheCheck() throws Exception {
        FakeNftables nftables = new FakeNftables();

        WarmUp.session(nftables, stateDir);

        assertThat(nftables.scripts()).isEmpty();
        assertThat(nftables.dryRuns()).singleElement().asString().contains("nftkeeper_warm_up");
        assertThat(nftables.dump()).isEmpty();
    }

    @Test
    void leavesTheTableUnmanaged() throws Exception {
        WarmUp.session(new FakeNftables(), stateDir);

        assertThat(new OwnershipRegistry(stateDir).managed()).doesNotContain(WarmUp.TABLE);
    }
}
