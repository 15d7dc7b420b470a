package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.CtExpectation;
import io.nftkeeper.protocol.CtHelper;
import io.nftkeeper.protocol.CtTimeout;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Flowtable;
import io.nftkeeper.protocol.NamedObject;
import io.nftkeeper.protocol.Secmark;
import io.nftkeeper.protocol.Synproxy;
import io.nftkeeper.protocol.TableRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The NamedObjectResource kinds against the objects the agent lists (the same objects its NamedObjectJsonTest reads
 * from nft 1.0.6's JSON).
 */
class NamedObjectKindsTest {
    private static final TableRef T = new TableRef(Family.INET, "t");
    private static final List<NamedObject> LISTED = List.of(
            new CtHelper(T, "ftp-standard", "ftp", "tcp", "inet"),
            new CtTimeout(T, "tcp-short", "tcp", "ip", Map.of("established", 120L)),
            new CtExpectation(T, "e1", "tcp", 22, 60_000, 12, "ip"),
            new Synproxy(T, "www", 1400, 5, false, false),
            new Synproxy(T, "s7", 1460, 7, true, true),
            new Flowtable(T, "ft", "ingress", 0, List.of("veth0", "veth1"), List.of()),
            new Flowtable(T, "one", "ingress", -5, List.of("veth0"), List.of()),
            new Secmark(T, "sshs", "system_u:object_r:ssh_server_packet_t:s0"));

    @Test
    void eachResourceTurnsItsListedObjectIntoAttributesThatDeclareTheSameObject() {
        for (var kind : List.of(
                new FlowtableResource(),
                new CtHelperResource(),
                new CtTimeoutResource(),
                new CtExpectationResource(),
                new SynproxyResource(),
                new SecmarkResource())) {
            String nftKind = kind.typeName().replace("nftables_", "").replace("ct_", "ct ");
            for (NamedObject listed :
                    LISTED.stream().filter(o -> o.kind().equals(nftKind)).toList()) {
                Value empty = Value.objectBuilder(kind.schema().objectType())
                        .set("table_id", "h/inet/t")
                        .set("name", listed.name())
                        .build();
                Value state = kind.withListed(empty, listed);
                assertThat(kind.object(T, listed.name(), state))
                        .as(kind.typeName())
                        .isEqualTo(listed);
            }
        }
    }

    @Test
    void anExpectationKeepsTheStoredSpellingOfItsTimeoutAndListsOthersAsNftWouldSpellThem() {
        CtExpectationResource resource = new CtExpectationResource();
        NamedObject listed = named("ct expectation", "e1");
        Value stored = Value.objectBuilder(resource.schema().objectType())
                .set("timeout", "60s")
                .build();

        assertThat(resource.withListed(stored, listed).get("timeout").asString())
                .isEqualTo("60s");
        assertThat(resource.withListed(stored.with("timeout", Value.string("2m")), listed)
                        .get("timeout")
                        .asString())
                .isEqualTo("1m");
    }

    @Test
    void aFlowtableListedWithoutFlagsHasTheStoredOnesBecauseNft106DoesNotListThem() {
        FlowtableResource resource = new FlowtableResource();
        Flowtable listed = (Flowtable) named("flowtable", "ft");
        Flowtable stored = new Flowtable(T, "ft", "ingress", 0, List.of("veth0", "veth1"), List.of("offload"));

        assertThat(resource.asListed(listed, stored)).isEqualTo(stored);
        assertThat(resource.asListed(listed, null)).isEqualTo(listed);
    }

    @Test
    void schemasShareTheirIdentityAttributesAndReplaceWhereTheKernelCannotUpdate() {
        for (var kind : List.of(
                new FlowtableResource(),
                new CtHelperResource(),
                new CtTimeoutResource(),
                new CtExpectationResource(),
                new SynproxyResource(),
                new SecmarkResource())) {
            var schema = kind.schema();
            assertThat(schema.attribute("table_id")).isPresent();
            assertThat(schema.attribute("canonical").orElseThrow().isComputed()).isTrue();
            assertThat(schema.attribute("id").orElseThrow().type()).isEqualTo(Type.STRING);
            boolean inPlace = kind instanceof SynproxyResource;
            kind.kindAttributes().stream()
                    .filter(a -> !a.isComputed() || a.isOptional())
                    .forEach(a -> assertThat(a.planModifiers().isEmpty())
                            .as(kind.typeName() + "." + a.name())
                            .isEqualTo(inPlace));
        }
    }

    @Test
    void onlyKernelMessagesOfMissingSupportGetAHint() {
        assertThat(new FlowtableResource().refusalHint("Could not process rule: No such file or directory"))
                .contains("CONFIG_NF_FLOW_TABLE");
        assertThat(new SecmarkResource().refusalHint("Could not process rule: No such file or directory"))
                .contains("SELinux");
        assertThat(new FlowtableResource().refusalHint("syntax error")).isEmpty();
    }

    private static NamedObject named(String kind, String name) {
        return LISTED.stream()
                .filter(o -> o.kind().equals(kind) && o.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
