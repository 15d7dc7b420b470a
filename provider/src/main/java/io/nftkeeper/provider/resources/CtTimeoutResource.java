package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.CtTimeout;
import io.nftkeeper.protocol.NamedObject;
import io.nftkeeper.protocol.TableRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code nftables_ct_timeout}: a ct timeout policy of a managed table, which rules assign with
 * {@code ct timeout set "name"}. The kernel ignores an add of an existing policy, so every change replaces it.
 */
public final class CtTimeoutResource extends NamedObjectResource {

    public CtTimeoutResource() {
        super("ct timeout", "nftables_ct_timeout", "tcp-short", false);
    }

    @Override
    String description() {
        return "A ct timeout policy of a managed nftables table: per connection state, how many seconds the kernel "
                + "keeps an idle connection. Rules assign it with `ct timeout set \"<name>\"` (in a prerouting or "
                + "output chain, before the connection is confirmed). nft lists only the states whose timeout "
                + "differs from the kernel's default; a state declared with its default value is accepted, and an "
                + "imported policy shows only the others. The kernel cannot change a policy in place: any change "
                + "replaces it, and a policy that rules use cannot be deleted (see the notes below).";
    }

    @Override
    List<Attribute> kindAttributes() {
        return List.of(
                Attribute.string("protocol")
                        .required()
                        .validators(KEYWORD)
                        .planModifiers(PlanModifiers.requiresReplace())
                        .description("Layer 4 protocol: `tcp`, `udp`, `icmp`, ... Changing it replaces the policy."),
                l3proto("ct timeout"),
                Attribute.map("policy", Type.NUMBER)
                        .required()
                        .validators(
                                Validators.eachElement(Validators.wholeNumber()),
                                Validators.eachElement(Validators.between(0, CtTimeout.MAX_SECONDS)))
                        .planModifiers(PlanModifiers.requiresReplace())
                        .description("Timeout in seconds per state, e.g. `{ established = 120, close = 10 }` for "
                                + "`tcp` (states `syn_sent`, `syn_recv`, `established`, `fin_wait`, `close_wait`, "
                                + "`last_ack`, `time_wait`, `close`, `syn_sent2`, `retrans`, `unacknowledged`) or "
                                + "`{ unreplied = 30, replied = 120 }` for `udp`. Changing it replaces the policy."));
    }

    @Override
    NamedObject object(TableRef table, String name, Value state) {
        Map<String, Long> policy = new TreeMap<>();
        state.get("policy").asMap().forEach((key, seconds) -> policy.put(key, seconds.asLong()));
        return new CtTimeout(
                table,
                name,
                state.get("protocol").asString(),
                state.get("l3proto").isKnown() ? nullableString(state.get("l3proto")) : null,
                policy);
    }

    @Override
    Value withListed(Value state, NamedObject listed) {
        CtTimeout timeout = (CtTimeout) listed;
        Map<String, Value> policy = new LinkedHashMap<>();
        timeout.policy().forEach((key, seconds) -> policy.put(key, Value.number(seconds)));
        return state.with("protocol", Value.string(timeout.protocol()))
                .with("l3proto", string(timeout.l3proto()))
                .with("policy", Value.map(Type.NUMBER, policy));
    }
}
