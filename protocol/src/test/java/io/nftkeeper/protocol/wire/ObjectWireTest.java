package io.nftkeeper.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.protocol.BaseChain;
import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.ChainPolicy;
import io.nftkeeper.protocol.ChainType;
import io.nftkeeper.protocol.Element;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Hook;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.Priority;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.SetFlag;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectWireTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");
    private final ObjectMapper mapper = JsonLines.mapper();

    @Test
    void everyObjectKindRoundTripsWithLowercaseSpellings() throws Exception {
        Transaction tx = Transaction.builder()
                .add(Table.of(WEB))
                .add(new Chain(
                        WEB,
                        "input",
                        new BaseChain(ChainType.FILTER, Hook.INPUT, Priority.named("filter", -5), ChainPolicy.DROP)))
                .add(new Rule(WEB, "input", "tcp dport 22 accept", "ssh"))
                .delete(new Rule(WEB, "input", "udp dport 53 accept").withHandle(4))
                .add(NftSet.builder(WEB, "allowed")
                        .type("ipv4_addr")
                        .flags(SetFlag.INTERVAL)
                        .elements(List.of("10.0.0.0/8"))
                        .build())
                .flush(Chain.regular(WEB, "extra"))
                .destroy(new Element(WEB, "allowed", List.of("192.168.0.1")))
                .build();

        String json = mapper.writeValueAsString(new ApplyParams(tx, 1000L, "5f0c-retry", 30L));

        assertThat(json)
                .contains("{\"verb\":\"add\",\"object\":{\"kind\":\"chain\",\"table\":{\"family\":\"inet\","
                        + "\"name\":\"web\"},\"name\":\"input\",\"base\":{\"type\":\"filter\",\"hook\":\"input\","
                        + "\"priority\":{\"name\":\"filter\",\"offset\":-5},\"policy\":\"drop\",\"devices\":[]}}}")
                .contains(
                        "\"kind\":\"rule\"",
                        "\"kind\":\"set\"",
                        "\"flags\":[\"interval\"]",
                        "\"verb\":\"flush\"",
                        "\"kind\":\"element\"",
                        "\"txId\":\"5f0c-retry\"",
                        "\"confirmTimeoutSeconds\":30");
        ApplyParams back = mapper.readValue(json, ApplyParams.class);
        assertThat(back.transaction()).isEqualTo(tx);
        assertThat(back.transaction().toScript()).isEqualTo(tx.toScript());
        assertThat(back.txId()).isEqualTo("5f0c-retry");
        assertThat(back.confirmTimeoutSeconds()).isEqualTo(30L);
    }

    @Test
    void hostileTextArrivingOverTheWireIsRefusedByTheModelNotRendered() {
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"transaction\":{\"commands\":[{\"verb\":\"add\",\"object\":"
                                + "{\"kind\":\"rule\",\"table\":{\"family\":\"inet\",\"name\":\"web\"},\"chain\":\"input\","
                                + "\"expr\":\"accept; flush ruleset\"}}]}}",
                        ApplyParams.class))
                .hasMessageContaining("rule inet web input: expression must not contain ';'");
    }

    @Test
    void olderPeersWithoutTheNewFieldsStillParse() throws Exception {
        assertThat(mapper.readValue("{\"script\":\"add table inet web\\n\"}", ApplyResult.class))
                .isEqualTo(new ApplyResult("add table inet web\n", false));
        ApplyParams plain = mapper.readValue("{\"transaction\":{\"commands\":[]}}", ApplyParams.class);
        assertThat(plain.txId()).isNull();
        assertThat(plain.confirmTimeoutSeconds()).isNull();
    }

    @Test
    void streamEventsAndTxStatusHaveTheirWireShape() throws Exception {
        MonitorEvent event = new MonitorEvent(7, mapper.readTree("{\"add\":{\"table\":{\"name\":\"x\"}}}"));

        assertThat(mapper.writeValueAsString(event))
                .isEqualTo("{\"id\":7,\"event\":{\"add\":{\"table\":{\"name\":\"x\"}}}}");
        assertThat(mapper.writeValueAsString(new TxStatusResult(true, false, false)))
                .isEqualTo("{\"committed\":true,\"pendingConfirm\":false,\"rolledBack\":false}");
        assertThat(mapper.writeValueAsString(new CancelParams(7))).isEqualTo("{\"id\":7}");
    }
}
