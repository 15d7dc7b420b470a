package io.nftkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Golden scripts: every object kind × verb renders exactly this, or is refused with a reason. */
class ObjectScriptTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");

    private static final Table TABLE = Table.of(WEB);
    private static final Chain REGULAR = Chain.regular(WEB, "extra");
    private static final Chain BASE = new Chain(
            WEB, "input", new BaseChain(ChainType.FILTER, Hook.INPUT, Priority.named("filter", 10), ChainPolicy.DROP));
    private static final Rule RULE = new Rule(WEB, "input", "tcp dport { 22, 443 } ct state new accept", "ssh & https");
    private static final Rule EXISTING_RULE = new Rule(WEB, "input", "tcp dport 22 accept").withHandle(7);
    private static final NftSet SET = NftSet.builder(WEB, "allowed")
            .type("ipv4_addr", "inet_service")
            .flags(SetFlag.INTERVAL, SetFlag.TIMEOUT)
            .timeoutMs(3_600_000)
            .size(1000)
            .policy(SetPolicy.MEMORY)
            .autoMerge()
            .elements(List.of("10.0.0.1 . 22", "10.0.0.0/8 . 80"))
            .build();
    private static final Element ELEMENT = new Element(WEB, "allowed", List.of("192.168.0.1 . 443"));
    private static final NftMap MAP = NftMap.builder(WEB, "ports")
            .type("inet_service")
            .value("ipv4_addr . inet_service")
            .flags(SetFlag.TIMEOUT)
            .timeoutMs(60_000)
            .size(64)
            .elements(List.of("80 : 10.213.0.9 . 8080"))
            .build();
    private static final Counter COUNTER = new Counter(WEB, "hits");
    private static final Quota QUOTA = new Quota(WEB, "monthly", 524_288_000L, true);
    private static final Limit LIMIT =
            new Limit(WEB, "ssh", 1_048_576L, LimitUnit.BYTES, RatePeriod.SECOND, 10_240L, true);
    private static final Flowtable FLOWTABLE =
            new Flowtable(WEB, "ft", "ingress", -10, List.of("eth1", "eth0", "eth1"), List.of("counter", "offload"));
    private static final CtHelper CT_HELPER = new CtHelper(WEB, "ftp-standard", "ftp", "tcp", "inet");
    private static final CtTimeout CT_TIMEOUT =
            new CtTimeout(WEB, "tcp-short", "tcp", "ip", Map.of("established", 120L, "close", 10L));
    private static final CtExpectation CT_EXPECTATION = new CtExpectation(WEB, "e1", "tcp", 2121, 60_000, 8, "ip");
    private static final Synproxy SYNPROXY = new Synproxy(WEB, "www", 1460, 7, true, true);
    private static final Secmark SECMARK = new Secmark(WEB, "ssh_server", "system_u:object_r:ssh_server_packet_t:s0");

    /** kind → verb → script; null means the pair is refused. */
    private static final Map<NftObject, Map<Verb, String>> GOLDEN = new LinkedHashMap<>();

    static {
        GOLDEN.put(
                TABLE,
                Map.of(
                        Verb.ADD, "add table inet web\n",
                        Verb.DELETE, "delete table inet web\n",
                        Verb.DESTROY, "add table inet web\ndelete table inet web\n",
                        Verb.FLUSH, "flush table inet web\n"));
        GOLDEN.put(
                BASE,
                Map.of(
                        Verb.ADD,
                                "add chain inet web input { type filter hook input priority filter + 10; policy drop; }\n",
                        Verb.DELETE, "delete chain inet web input\n",
                        Verb.DESTROY, "add chain inet web input\ndelete chain inet web input\n",
                        Verb.FLUSH, "flush chain inet web input\n"));
        GOLDEN.put(
                REGULAR,
                Map.of(
                        Verb.ADD, "add chain inet web extra\n",
                        Verb.DELETE, "delete chain inet web extra\n",
                        Verb.DESTROY, "add chain inet web extra\ndelete chain inet web extra\n",
                        Verb.FLUSH, "flush chain inet web extra\n"));
        GOLDEN.put(
                RULE,
                Map.of(
                        Verb.ADD,
                        "add rule inet web input tcp dport { 22, 443 } ct state new accept comment \"ssh & https\"\n",
                        Verb.INSERT,
                        "insert rule inet web input tcp dport { 22, 443 } ct state new accept comment "
                                + "\"ssh & https\"\n"));
        // a rule with a handle is a position for add (after it) and insert (before it), as in nft's grammar
        GOLDEN.put(
                EXISTING_RULE,
                Map.of(
                        Verb.ADD, "add rule inet web input handle 7 tcp dport 22 accept\n",
                        Verb.INSERT, "insert rule inet web input handle 7 tcp dport 22 accept\n",
                        Verb.DELETE, "delete rule inet web input handle 7\n"));
        GOLDEN.put(
                SET,
                Map.of(
                        Verb.ADD,
                        "add set inet web allowed { type ipv4_addr . inet_service; flags interval,timeout; "
                                + "timeout 3600s; size 1000; policy memory; auto-merge; "
                                + "elements = { 10.0.0.1 . 22, 10.0.0.0/8 . 80 }; }\n",
                        Verb.DELETE,
                        "delete set inet web allowed\n",
                        Verb.DESTROY,
                        "add set inet web allowed { type ipv4_addr . inet_service; flags interval,timeout; "
                                + "timeout 3600s; size 1000; policy memory; auto-merge; }\ndelete set inet web allowed\n",
                        Verb.FLUSH,
                        "flush set inet web allowed\n"));
        GOLDEN.put(
                MAP,
                Map.of(
                        Verb.ADD,
                        "add map inet web ports { type inet_service : ipv4_addr . inet_service; flags timeout; "
                                + "timeout 60s; size 64; elements = { 80 : 10.213.0.9 . 8080 }; }\n",
                        Verb.DELETE,
                        "delete map inet web ports\n",
                        Verb.DESTROY,
                        "add map inet web ports { type inet_service : ipv4_addr . inet_service; flags timeout; "
                                + "timeout 60s; size 64; }\ndelete map inet web ports\n",
                        Verb.FLUSH,
                        "flush map inet web ports\n"));
        GOLDEN.put(
                ELEMENT,
                Map.of(
                        Verb.ADD, "add element inet web allowed { 192.168.0.1 . 443 }\n",
                        Verb.DELETE, "delete element inet web allowed { 192.168.0.1 . 443 }\n",
                        Verb.DESTROY,
                                "add element inet web allowed { 192.168.0.1 . 443 }\n"
                                        + "delete element inet web allowed { 192.168.0.1 . 443 }\n"));
        GOLDEN.put(
                COUNTER,
                Map.of(
                        Verb.ADD, "add counter inet web hits\n",
                        Verb.DELETE, "delete counter inet web hits\n",
                        Verb.DESTROY, "add counter inet web hits\ndelete counter inet web hits\n"));
        GOLDEN.put(
                QUOTA,
                Map.of(
                        Verb.ADD, "add quota inet web monthly { over 524288000 bytes; }\n",
                        Verb.DELETE, "delete quota inet web monthly\n",
                        Verb.DESTROY,
                                "add quota inet web monthly { over 524288000 bytes; }\ndelete quota inet web monthly\n"));
        GOLDEN.put(
                LIMIT,
                Map.of(
                        Verb.ADD, "add limit inet web ssh { rate over 1048576 bytes/second burst 10240 bytes; }\n",
                        Verb.DELETE, "delete limit inet web ssh\n",
                        Verb.DESTROY,
                                "add limit inet web ssh { rate over 1048576 bytes/second burst 10240 bytes; }\n"
                                        + "delete limit inet web ssh\n"));
        named(
                FLOWTABLE,
                "flowtable inet web ft",
                "{ hook ingress priority -10; devices = { \"eth0\", \"eth1\" }; " + "flags offload; counter; }");
        named(CT_HELPER, "ct helper inet web ftp-standard", "{ type \"ftp\" protocol tcp; l3proto inet; }");
        named(
                CT_TIMEOUT,
                "ct timeout inet web tcp-short",
                "{ protocol tcp; l3proto ip; policy = { close: 10, established: 120 }; }");
        named(
                CT_EXPECTATION,
                "ct expectation inet web e1",
                "{ protocol tcp; dport 2121; timeout 60000ms; size 8; l3proto ip; }");
        named(SYNPROXY, "synproxy inet web www", "{ mss 1460; wscale 7; timestamp sack-perm; }");
        named(SECMARK, "secmark inet web ssh_server", "{ \"system_u:object_r:ssh_server_packet_t:s0\" }");
    }

    /** A named object adds with its body and destroys by adding it first; it cannot be flushed. */
    private static void named(NamedObject object, String describe, String body) {
        GOLDEN.put(
                object,
                Map.of(
                        Verb.ADD, "add " + describe + " " + body + "\n",
                        Verb.DELETE, "delete " + describe + "\n",
                        Verb.DESTROY, "add " + describe + " " + body + "\ndelete " + describe + "\n"));
    }

    @Test
    void everyKindAndVerbRendersItsGoldenScriptOrIsRefused() {
        for (var entry : GOLDEN.entrySet()) {
            for (Verb verb : Verb.values()) {
                String expected = entry.getValue().get(verb);
                if (expected == null) {
                    assertThatThrownBy(() -> new Command(verb, entry.getKey()))
                            .as("%s %s", verb, entry.getKey().describe())
                            .isInstanceOf(InvalidObjectDefinitionException.class);
                } else {
                    assertThat(Transaction.builder()
                                    .command(verb, entry.getKey())
                                    .build()
                                    .toScript())
                            .as("%s %s", verb, entry.getKey().describe())
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void theGoldenTableCoversEveryKindOfTheSealedModel() {
        Set<Class<?>> covered = GOLDEN.keySet().stream().map(Object::getClass).collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrderElementsOf(concreteKinds(NftObject.class));
    }

    private static List<Class<?>> concreteKinds(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses())
                .flatMap(kind -> kind.isSealed() ? concreteKinds(kind).stream() : java.util.stream.Stream.of(kind))
                .toList();
    }

    @Test
    void namedObjectsRefuseWhatTheScriptCouldNotCarry() {
        assertThatThrownBy(() -> new Secmark(WEB, "s", "a\" ; flush ruleset"))
                .isInstanceOf(InvalidObjectDefinitionException.class)
                .hasMessageContaining("context must not contain '\"'");
        assertThatThrownBy(() -> new CtHelper(WEB, "h", "ftp\"; flush ruleset; \"", "tcp", null))
                .isInstanceOf(InvalidObjectDefinitionException.class)
                .hasMessageContaining("type must be an nft keyword");
        assertThatThrownBy(() -> new Flowtable(WEB, "f", "egress", 0, List.of(), List.of()))
                .hasMessageContaining("hook must be one of [ingress]");
        assertThatThrownBy(() -> new Flowtable(WEB, "f", "ingress", 0, List.of("eth0;"), List.of()))
                .isInstanceOf(InvalidIdentifierException.class);
        assertThatThrownBy(() -> new Flowtable(WEB, "f", "ingress", 0, List.of(), List.of("fast")))
                .hasMessageContaining("flags must be among [offload, counter]");
        assertThatThrownBy(() -> new Synproxy(WEB, "s", 1460, 15, false, false)).hasMessageContaining("wscale");
        assertThatThrownBy(() -> new CtExpectation(WEB, "e", "tcp", 70000, 1000, 1, "ip"))
                .hasMessageContaining("dport must be between 0 and 65535");
        assertThatThrownBy(() -> new CtTimeout(WEB, "t", "tcp", null, Map.of("established; flush", 1L)))
                .hasMessageContaining("policy state must be an nft keyword");
        assertThat(new Synproxy(WEB, "s", 1460, 0, false, true).body()).isEqualTo("{ mss 1460; wscale 0; sack-perm; }");
        assertThat(new CtHelper(WEB, "h", "tftp", "udp", null).body()).isEqualTo("{ type \"tftp\" protocol udp; }");
    }

    @Test
    void refusedPairsSayWhy() {
        assertThatThrownBy(() -> Transaction.builder().delete(RULE))
                .hasMessage("deleting rule inet web input needs its handle (list the chain to learn it)");
        assertThatThrownBy(() -> Transaction.builder().flush(RULE)).hasMessageContaining("rules cannot be flushed");
        assertThatThrownBy(() -> Transaction.builder().command(Verb.INSERT, TABLE))
                .hasMessageContaining("only rules can be inserted");
        assertThatThrownBy(() -> Transaction.builder().flush(ELEMENT)).hasMessageContaining("flush their set instead");
    }

    @Test
    void prioritiesRenderAsNumbersOrNamesWithOffsets() {
        assertThat(Priority.of(-100).render()).isEqualTo("-100");
        assertThat(Priority.named("filter", 0).render()).isEqualTo("filter");
        assertThat(Priority.named("dstnat", -5).render()).isEqualTo("dstnat - 5");
        assertThatThrownBy(() -> Priority.named("filter; flush ruleset", 0))
                .isInstanceOf(InvalidObjectDefinitionException.class)
                .hasMessageContaining("unknown name");
    }

    @Test
    void tablesRenderTheirFlagsAndCommentAndAPlainAddWakesADormantTable() {
        Table dormant = new Table(Family.INET, "web", List.of(TableFlag.DORMANT), "edge firewall");

        assertThat(Transaction.builder().add(dormant).build().toScript())
                .isEqualTo("add table inet web { flags dormant; comment \"edge firewall\"; }\n");
        assertThat(Transaction.builder().add(Table.of(WEB)).build().toScript()).isEqualTo("add table inet web\n");
        assertThatThrownBy(() -> new Table(Family.INET, "web", List.of(), "x\"; flush ruleset; #"))
                .isInstanceOf(InvalidObjectDefinitionException.class)
                .hasMessageContaining("table inet web");
    }

    @Test
    void baseChainsRenderDevicesAndOmitAMissingPolicy() {
        Chain ingress = new Chain(
                new TableRef(Family.NETDEV, "edge"),
                "in",
                new BaseChain(ChainType.FILTER, Hook.INGRESS, Priority.of(0), null, List.of("eth0", "lo")));

        assertThat(Transaction.builder().add(ingress).build().toScript())
                .isEqualTo(
                        "add chain netdev edge in { type filter hook ingress devices = { \"eth0\", \"lo\" } priority 0; }\n");
        assertThatThrownBy(() -> new BaseChain(
                        ChainType.FILTER,
                        Hook.INGRESS,
                        Priority.of(0),
                        null,
                        List.of("eth0\" } priority 0; }; flush ruleset; #")))
                .hasMessageContaining("is not a valid interface name");
    }

    @Test
    void setsWithTypeofAndMillisecondTimeoutsRenderAsNftReadsThem() {
        NftSet seen = NftSet.builder(WEB, "seen")
                .typeof("ip saddr . tcp dport")
                .flags(SetFlag.DYNAMIC)
                .timeoutMs(1500)
                .build();

        assertThat(Transaction.builder().add(seen).build().toScript())
                .isEqualTo("add set inet web seen { typeof ip saddr . tcp dport; flags dynamic; timeout 1500ms; }\n");
        assertThatThrownBy(() -> NftSet.builder(WEB, "both")
                        .type("ipv4_addr")
                        .typeof("ip saddr")
                        .build())
                .hasMessage("set inet web both: give exactly one of type and typeof");
        assertThatThrownBy(() -> NftSet.builder(WEB, "bad")
                        .type("ipv4_addr; flush ruleset")
                        .build())
                .hasMessageContaining("is not an nft data type name");
    }

    @Test
    void replacingAChainsRulesFlushesItAndAddsThemAgainInOneBatch() {
        Transaction tx = Transaction.builder()
                .replaceChainRules(
                        BASE,
                        List.of(
                                new Rule(WEB, "input", "ct state established,related accept"),
                                new Rule(WEB, "input", "tcp dport 22 accept")))
                .build();

        assertThat(tx.toScript()).isEqualTo("""
                flush chain inet web input
                add rule inet web input ct state established,related accept
                add rule inet web input tcp dport 22 accept
                """);
        assertThatThrownBy(
                        () -> Transaction.builder().replaceChainRules(BASE, List.of(new Rule(WEB, "output", "accept"))))
                .hasMessage("rule inet web output does not belong to chain inet web input");
    }

    @Test
    void aHundredThousandElementSetRendersInOneBufferOfTheEstimatedSize() {
        List<String> elements = Arrays.asList(new String[100_000]);
        for (int i = 0; i < elements.size(); i++) {
            elements.set(i, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        Command add = new Command(
                Verb.ADD,
                NftSet.builder(WEB, "big").type("ipv4_addr").elements(elements).build());

        String script = Transaction.of(List.of(add)).toScript();

        assertThat(script)
                .startsWith("add set inet web big { type ipv4_addr; elements = { 10.0.0.0, 10.0.0.1, ")
                .endsWith("10.1.134.159 }; }\n");
        assertThat(add.estimatedScriptLength()).isGreaterThanOrEqualTo(script.length());
    }
}
