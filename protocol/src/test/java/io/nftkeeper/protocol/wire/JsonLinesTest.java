package io.nftkeeper.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.protocol.CtHelper;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Limit;
import io.nftkeeper.protocol.LimitUnit;
import io.nftkeeper.protocol.Quota;
import io.nftkeeper.protocol.RatePeriod;
import io.nftkeeper.protocol.Secmark;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableFlag;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveBaseChain;
import io.nftkeeper.protocol.live.LiveChain;
import io.nftkeeper.protocol.live.LiveCounter;
import io.nftkeeper.protocol.live.LiveMap;
import io.nftkeeper.protocol.live.LiveQuota;
import io.nftkeeper.protocol.live.LiveRule;
import io.nftkeeper.protocol.live.LiveSet;
import io.nftkeeper.protocol.live.LiveTable;
import io.nftkeeper.protocol.live.ObjectReference;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonLinesTest {

    private final ObjectMapper mapper = JsonLines.mapper();

    static Stream<Object> everyMessage() throws JsonProcessingException {
        TableRef web = new TableRef(Family.INET, "web");
        return Stream.of(
                new Request(7, "list", JsonLines.mapper().readTree("{\"tables\":[]}")),
                Response.success(7, JsonLines.mapper().createObjectNode()),
                Response.failure(8L, new ErrorBody(ErrorCode.NOT_FOUND, "table inet web", "no such table")),
                Response.failure(null, new ErrorBody(ErrorCode.INVALID, null, "not JSON")),
                Response.failure(9L, new ErrorBody(ErrorCode.NOT_FOUND, "table inet b", "command 2 of 3 failed", 1)),
                new HelloParams(1, "nftkeeper-provider/0.1.0"),
                new HelloResult(1, "0.1.0", "1.0.6", "host1"),
                new ListParams(List.of(web, new TableRef(Family.IP, "nat"))),
                new ListResult(List.of(
                        TableListing.present(web, true, liveTable(web), "table inet web {\n}\n"),
                        TableListing.absent(new TableRef(Family.BRIDGE, "b"), false))),
                new ApplyParams(Transaction.builder()
                        .add(new Table(Family.INET, "web"))
                        .delete(new Table(Family.IP6, "old"))
                        .destroy(new Table(Family.ARP, "x"))
                        .build()),
                new ApplyResult("add table inet web\n"),
                new AdoptParams(web),
                new ApplyParams(
                        Transaction.builder().add(new Table(Family.INET, "web")).build(), 5000L),
                new AdoptParams(web, 250L),
                new CheckParams(
                        Transaction.builder().add(new Table(Family.INET, "web")).build()),
                CheckResult.passed(),
                new DriftParams(List.of(web)),
                new DriftResult(List.of(
                        new TableDrift(
                                Family.INET,
                                "web",
                                TableDrift.Status.DRIFTED,
                                List.of(new DriftChange(
                                        DriftChange.Kind.RULE,
                                        DriftChange.Change.ADDED,
                                        "rule inet web input #1",
                                        "{\"expr\":[]}",
                                        null))),
                        new TableDrift(Family.IP, "nat", TableDrift.Status.NO_BASELINE, List.of()))));
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void everyMessageSurvivesARoundTrip(Object message) throws JsonProcessingException {
        String json = mapper.writeValueAsString(message);

        assertThat(mapper.readValue(json, message.getClass())).isEqualTo(message);
    }

    @Test
    void driftSpellsStatusKindAndChangeInLowercase() throws JsonProcessingException {
        DriftResult result = new DriftResult(List.of(new TableDrift(
                Family.INET,
                "web",
                TableDrift.Status.DRIFTED,
                List.of(new DriftChange(
                        DriftChange.Kind.CHAIN, DriftChange.Change.REMOVED, "chain inet web input", null, "{}")))));

        assertThat(mapper.writeValueAsString(result))
                .isEqualTo("{\"tables\":[{\"family\":\"inet\",\"name\":\"web\","
                        + "\"status\":\"drifted\",\"changes\":[{\"kind\":\"chain\",\"change\":\"removed\","
                        + "\"object\":\"chain inet web input\",\"baseline\":\"{}\"}]}]}");
    }

    @Test
    void aPassedCheckSaysWhatADryRunCannotSee() throws JsonProcessingException {
        assertThat(mapper.writeValueAsString(CheckResult.passed()))
                .startsWith("{\"ok\":true,\"limits\":\"commit-time checks ")
                .contains("are not checkable before apply");
    }

    @Test
    void anApplyWithoutLockTimeoutLeavesItOutOfTheJson() throws JsonProcessingException {
        ApplyParams params =
                mapper.readValue("{\"transaction\":{\"commands\":[]},\"lockTimeoutMs\":100}", ApplyParams.class);

        assertThat(params.lockTimeoutMs()).isEqualTo(100L);
        assertThat(mapper.writeValueAsString(new ApplyParams(params.transaction())))
                .isEqualTo("{\"transaction\":{\"commands\":[]}}");
    }

    @Test
    void applySpellsFamilyVerbAndKindInLowercase() throws JsonProcessingException {
        ApplyParams params = new ApplyParams(
                Transaction.builder().add(new Table(Family.INET, "web")).build());

        assertThat(mapper.writeValueAsString(params))
                .isEqualTo("{\"transaction\":{\"commands\":[{\"verb\":\"add\",\"object\":"
                        + "{\"kind\":\"table\",\"family\":\"inet\",\"name\":\"web\"}}]}}");
    }

    @Test
    void aTableCarriesItsFlagsAndCommentOnlyWhenItHasThem() throws JsonProcessingException {
        Table dormant = new Table(Family.INET, "web", List.of(TableFlag.DORMANT), "edge");
        String json = mapper.writeValueAsString(
                new ApplyParams(Transaction.builder().add(dormant).build()));

        assertThat(json)
                .contains("{\"kind\":\"table\",\"family\":\"inet\",\"name\":\"web\","
                        + "\"flags\":[\"dormant\"],\"comment\":\"edge\"}");
        assertThat(mapper.readValue(json, ApplyParams.class)
                        .transaction()
                        .commands()
                        .get(0)
                        .object())
                .isEqualTo(dormant);
    }

    @Test
    void listingEveryTableSaysSoAndAPlainListLeavesItOut() throws JsonProcessingException {
        assertThat(mapper.writeValueAsString(ListParams.everyTable())).isEqualTo("{\"tables\":[],\"all\":true}");
        assertThat(mapper.writeValueAsString(new ListParams(List.of()))).isEqualTo("{\"tables\":[]}");
        assertThat(mapper.readValue("{\"tables\":[]}", ListParams.class).listsAll())
                .isFalse();
    }

    @Test
    void errorsSpellTheCodeInUppercaseAndOmitAbsentFields() throws JsonProcessingException {
        Response response = Response.failure(3L, new ErrorBody(ErrorCode.NOT_FOUND, null, "gone"));

        assertThat(mapper.writeValueAsString(response))
                .isEqualTo("{\"id\":3,\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"gone\"}}");
    }

    @Test
    void readsTheContractExamples() throws JsonProcessingException {
        ListResult list = mapper.readValue(
                "{\"tables\":[{\"family\":\"inet\",\"name\":\"web\",\"exists\":true,"
                        + "\"managed\":true,\"live\":{\"family\":\"inet\",\"name\":\"web\",\"chains\":[{\"name\":\"input\","
                        + "\"baseChain\":{\"type\":\"filter\",\"hook\":\"input\",\"priority\":\"filter\"},"
                        + "\"rules\":[{\"canonical\":\"accept\",\"expr\":\"accept\",\"handle\":2}]}]}}]}",
                ListResult.class);
        AdoptParams adopt = mapper.readValue("{\"table\":{\"family\":\"inet\",\"name\":\"web\"}}", AdoptParams.class);

        assertThat(list.tables().get(0).table()).isEqualTo(new TableRef(Family.INET, "web"));
        assertThat(list.tables()
                        .get(0)
                        .live()
                        .chain("input")
                        .orElseThrow()
                        .base()
                        .orElseThrow()
                        .hook())
                .isEqualTo("input");
        assertThat(list.tables().get(0).live().chain("input").orElseThrow().rules())
                .containsExactly(new LiveRule("accept", "accept", null, 2, null, null));
        assertThat(list.tables().get(0).live().sets()).isEmpty();
        assertThat(adopt.table()).isEqualTo(new TableRef(Family.INET, "web"));
    }

    @Test
    void rejectsUnknownFamiliesVerbsAndKinds() {
        assertThatThrownBy(() -> mapper.readValue("{\"family\":\"inet6\",\"name\":\"x\"}", TableRef.class))
                .hasMessageContaining("unknown family \"inet6\": use one of ip, ip6, inet, arp, bridge, netdev");
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"transaction\":{\"commands\":[{\"verb\":\"replace\",\"object\":"
                                + "{\"kind\":\"table\",\"family\":\"inet\",\"name\":\"web\"}}]}}",
                        ApplyParams.class))
                .hasMessageContaining("unknown verb \"replace\"");
        assertThatThrownBy(() -> mapper.readValue(
                        "{\"transaction\":{\"commands\":[{\"verb\":\"add\",\"object\":" + "{\"kind\":\"ruleset\"}}]}}",
                        ApplyParams.class))
                .hasMessageContaining("ruleset");
    }

    @Test
    void rejectsInvalidNamesWhileReading() {
        assertThatThrownBy(
                        () -> mapper.readValue("{\"table\":{\"family\":\"inet\",\"name\":\"a;b\"}}", AdoptParams.class))
                .hasMessageContaining("table name \"a;b\" is not a valid identifier");
    }

    @Test
    void writesExactlyOneLinePerMessageEvenWhenStringsContainNewlines() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        JsonLines.writeLine(out, new ApplyResult("add table inet a\nadd table inet b\n"));
        JsonLines.writeLine(out, new ApplyResult(""));

        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written.split("\n", -1)).hasSize(3).endsWith("");
    }

    /** A table with one object of every kind the typed listing carries. */
    private static LiveTable liveTable(TableRef web) {
        return new LiveTable(
                Family.INET,
                "web",
                List.of("dormant"),
                "edge",
                List.of(
                        new LiveChain(
                                "input",
                                new LiveBaseChain("filter", "input", "filter + 10", "drop", List.of("eth0")),
                                List.of(new LiveRule(
                                        "tcp dport 22 counter packets 3 bytes 180 accept comment \"ssh\"",
                                        "tcp dport 22 counter packets 3 bytes 180 accept",
                                        "ssh",
                                        4,
                                        3L,
                                        180L))),
                        new LiveChain("helper", null, List.of())),
                List.of(new LiveSet(
                        "allowed",
                        "ipv4_addr",
                        null,
                        Set.of("interval"),
                        null,
                        null,
                        null,
                        true,
                        List.of("10.0.0.0/8"))),
                List.of(new LiveMap(
                        "ports",
                        "inet_service",
                        null,
                        "verdict",
                        Set.of(),
                        null,
                        64L,
                        null,
                        List.of("22 : accept"),
                        Map.of("22", "accept"))),
                List.of(new LiveCounter("hits", 5, 300)),
                List.of(new LiveQuota(new Quota(web, "q", 1024, false), 10)),
                List.of(new Limit(web, "l", 10, LimitUnit.PACKETS, RatePeriod.SECOND, 5L, false)),
                List.of(new CtHelper(web, "ftp", "ftp", "tcp", "inet"), new Secmark(web, "s", "system_u:object_r:x")),
                List.of(new ObjectReference("counter", "hits", "input", 4)));
    }
}
