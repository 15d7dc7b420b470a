package io.nftkeeper.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.protocol.Counter;
import io.nftkeeper.protocol.CtExpectation;
import io.nftkeeper.protocol.CtHelper;
import io.nftkeeper.protocol.CtTimeout;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Flowtable;
import io.nftkeeper.protocol.Limit;
import io.nftkeeper.protocol.LimitUnit;
import io.nftkeeper.protocol.Quota;
import io.nftkeeper.protocol.RatePeriod;
import io.nftkeeper.protocol.Secmark;
import io.nftkeeper.protocol.Synproxy;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatefulObjectWireTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");
    private final ObjectMapper mapper = JsonLines.mapper();

    @Test
    void countersQuotasAndLimitsRoundTripWithLowercaseSpellings() throws Exception {
        Transaction tx = Transaction.builder()
                .add(new Counter(WEB, "hits"))
                .add(new Quota(WEB, "monthly", 500L << 20, true))
                .add(new Limit(WEB, "ssh", 10, LimitUnit.PACKETS, RatePeriod.MINUTE, null, false))
                .destroy(new Limit(WEB, "bulk", 1 << 20, LimitUnit.BYTES, RatePeriod.SECOND, 10_240L, true))
                .build();

        String json = mapper.writeValueAsString(new ApplyParams(tx));

        assertThat(json)
                .contains("{\"kind\":\"counter\",\"table\":{\"family\":\"inet\",\"name\":\"web\"},"
                        + "\"name\":\"hits\"}")
                .contains("{\"kind\":\"quota\",\"table\":{\"family\":\"inet\",\"name\":\"web\"},\"name\":\"monthly\","
                        + "\"bytes\":524288000,\"over\":true}")
                .contains(
                        "\"unit\":\"packets\",\"per\":\"minute\"",
                        "\"unit\":\"bytes\",\"per\":\"second\"," + "\"burst\":10240,\"over\":true")
                .doesNotContain("renderRate");
        ApplyParams back = mapper.readValue(json, ApplyParams.class);
        assertThat(back.transaction()).isEqualTo(tx);
        assertThat(back.transaction().toScript()).isEqualTo(tx.toScript());
    }

    @Test
    void namedObjectsOfEveryNewKindRoundTrip() throws Exception {
        Transaction tx = Transaction.builder()
                .add(new Flowtable(WEB, "ft", "ingress", 0, List.of("eth0"), List.of("offload")))
                .add(new CtHelper(WEB, "ftp-standard", "ftp", "tcp", null))
                .add(new CtTimeout(WEB, "tcp-short", "tcp", "ip", Map.of("established", 120L)))
                .add(new CtExpectation(WEB, "e1", "tcp", 2121, 60_000, 8, "ip"))
                .add(new Synproxy(WEB, "www", 1460, 7, true, false))
                .destroy(new Secmark(WEB, "ssh", "system_u:object_r:ssh_server_packet_t:s0"))
                .build();

        String json = mapper.writeValueAsString(new ApplyParams(tx));

        assertThat(json)
                .contains("\"kind\":\"ct_helper\"", "\"kind\":\"flowtable\"", "\"policy\":{\"established\":120}")
                .doesNotContain("\"body\"");
        ApplyParams back = mapper.readValue(json, ApplyParams.class);
        assertThat(back.transaction()).isEqualTo(tx);
        assertThat(back.transaction().toScript()).isEqualTo(tx.toScript());
    }

    @Test
    void invalidQuantitiesArrivingOverTheWireAreRefusedByTheModel() {
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"transaction\":{\"commands\":[{\"verb\":\"add\",\"object\":"
                                + "{\"kind\":\"limit\",\"table\":{\"family\":\"inet\",\"name\":\"web\"},\"name\":\"l\",\"rate\":10,"
                                + "\"unit\":\"packets\",\"per\":\"fortnight\"}}]}}",
                        ApplyParams.class))
                .hasMessageContaining("fortnight");
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"transaction\":{\"commands\":[{\"verb\":\"add\",\"object\":"
                                + "{\"kind\":\"quota\",\"table\":{\"family\":\"inet\",\"name\":\"web\"},\"name\":\"q\","
                                + "\"bytes\":-5,\"over\":false}}]}}",
                        ApplyParams.class))
                .hasMessageContaining("bytes must not be negative");
    }
}
