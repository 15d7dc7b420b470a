package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.CtExpectation;
import io.nftkeeper.protocol.InvalidObjectDefinitionException;
import io.nftkeeper.protocol.NamedObject;
import io.nftkeeper.protocol.NftDuration;
import io.nftkeeper.protocol.TableRef;
import java.util.List;
import java.util.Optional;

/**
 * {@code nftables_ct_expectation}: a ct expectation of a managed table, which rules set with
 * {@code ct expectation set "name"}. The kernel ignores an add of an existing expectation, so every change replaces
 * it; {@code timeout} spellings of the same duration ({@code 60s}, {@code 1m}) are no change.
 */
public final class CtExpectationResource extends NamedObjectResource {

    public CtExpectationResource() {
        super("ct expectation", "nftables_ct_expectation", "e1", false);
    }

    @Override
    String description() {
        return "A ct expectation of a managed nftables table. A rule's `ct expectation set \"<name>\"` makes the "
                + "kernel expect a related connection of `protocol` to `dport` from the same peers for `timeout`, at "
                + "most `size` at a time per connection. The rule must see the connection's first packet, before the "
                + "kernel confirms it (e.g. `ct state new` in an output or prerouting chain). In an `inet` table set "
                + "`l3proto` to `ip` or `ip6`. The kernel cannot change an expectation in place: any change replaces "
                + "it, and one that rules use cannot be deleted (see the notes below).";
    }

    @Override
    List<Attribute> kindAttributes() {
        return List.of(
                Attribute.string("protocol")
                        .required()
                        .validators(KEYWORD)
                        .planModifiers(PlanModifiers.requiresReplace())
                        .description("Layer 4 protocol of the expected connection: `tcp`, `udp`, `dccp`, `sctp`. "
                                + "Changing it replaces the expectation."),
                Attribute.number("dport")
                        .required()
                        .validators(Validators.wholeNumber(), Validators.between(0, 65535))
                        .planModifiers(PlanModifiers.requiresReplace())
                        .description("Destination port of the expected connection. Changing it replaces the "
                                + "expectation."),
                Attribute.string("timeout")
                        .required()
                        .validators(Durations.VALIDATOR)
                        .semanticEquality(
                                (a, b) -> NftDuration.millis(a.asString()).equals(NftDuration.millis(b.asString())))
                        .planModifiers(PlanModifiers.requiresReplace())
                        .description("How long the expectation waits for the connection, as an nft duration: "
                                + "`500ms`, `30s`, `1m`. Spellings of the same duration are no change; another "
                                + "replaces the expectation."),
                Attribute.number("size")
                        .required()
                        .validators(Validators.wholeNumber(), Validators.between(1, 255))
                        .planModifiers(PlanModifiers.requiresReplace())
                        .description("How many expectations of this kind a connection may have at once. Changing "
                                + "it replaces the expectation."),
                l3proto("ct expectation"));
    }

    @Override
    NamedObject object(TableRef table, String name, Value state) {
        long timeoutMs = NftDuration.millis(state.get("timeout").asString())
                .orElseThrow(() -> new InvalidObjectDefinitionException(
                        NftDuration.syntaxHelp(state.get("timeout").asString())));
        return new CtExpectation(
                table,
                name,
                state.get("protocol").asString(),
                state.get("dport").asInt(),
                timeoutMs,
                state.get("size").asInt(),
                state.get("l3proto").isKnown() ? nullableString(state.get("l3proto")) : null);
    }

    @Override
    Value withListed(Value state, NamedObject listed) {
        CtExpectation expectation = (CtExpectation) listed;
        Value timeout = state.get("timeout");
        boolean sameTimeout = timeout.isKnown()
                && !timeout.isNull()
                && NftDuration.millis(timeout.asString()).equals(Optional.of(expectation.timeoutMs()));
        return state.with("protocol", Value.string(expectation.protocol()))
                .with("dport", Value.number(expectation.dport()))
                .with("timeout", sameTimeout ? timeout : Value.string(NftDuration.text(expectation.timeoutMs())))
                .with("size", Value.number(expectation.size()))
                .with("l3proto", string(expectation.l3proto()));
    }
}
