package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.Flowtable;
import io.nftkeeper.protocol.NamedObject;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.provider.NftValidators;
import java.util.List;

/**
 * {@code nftables_flowtable}: a flowtable of a managed table, which forward rules fill with {@code flow add @name}.
 * nft 1.0.6 lists a flowtable's devices but not its flags, so the flags are the ones last applied. Every change
 * replaces the flowtable.
 */
public final class FlowtableResource extends NamedObjectResource {

    public FlowtableResource() {
        super("flowtable", "nftables_flowtable", "ft", false);
    }

    @Override
    String description() {
        return "A flowtable of a managed nftables table: the fast path for forwarded connections. A forward rule "
                + "such as `meta l4proto { tcp, udp } flow add @<name>` offloads established flows, whose packets "
                + "then bypass the forwarding path on the flowtable's devices (in the NIC with the `offload` flag, "
                + "where the driver supports it). The host's kernel needs flowtable support (`nf_flow_table`): "
                + "without it nft answers \"No such file or directory\", and the plan says so. nft 1.0.6 does not "
                + "list flags in its JSON output, so a change of flags made outside Terraform is not seen. Any change "
                + "replaces the flowtable, and one that rules use cannot be deleted (see the notes below).";
    }

    @Override
    List<Attribute> kindAttributes() {
        return List.of(
                Attribute.string("hook")
                        .optional()
                        .computed()
                        .defaultValue(Value.string("ingress"))
                        .validators(Validators.oneOf(Flowtable.HOOKS.toArray(String[]::new)))
                        .planModifiers(PlanModifiers.requiresReplace())
                        .description("The hook: `ingress` (the only one nft 1.0.6 has)."),
                Attribute.number("priority")
                        .optional()
                        .computed()
                        .defaultValue(Value.number(0))
                        .validators(Validators.wholeNumber(), Validators.between(Integer.MIN_VALUE, Integer.MAX_VALUE))
                        .planModifiers(PlanModifiers.requiresReplace())
                        .description("Priority of the ingress hook, a number; `0` by default. Changing it replaces "
                                + "the flowtable."),
                Attribute.set("devices", Type.STRING)
                        .optional()
                        .computed()
                        .validators(Validators.eachElement(NftValidators.identifier("device")))
                        .planModifiers(PlanModifiers.requiresReplace())
                        .description("Network devices whose forwarded flows the flowtable accelerates, e.g. "
                                + "`[\"eth0\", \"eth1\"]` (both sides of the forwarding path). They must exist when "
                                + "the flowtable is created. Changing them replaces the flowtable."),
                Attribute.set("flags", Type.STRING)
                        .optional()
                        .computed()
                        .validators(Validators.eachElement(Validators.oneOf(Flowtable.FLAGS.toArray(String[]::new))))
                        .planModifiers(PlanModifiers.requiresReplace())
                        .description("`offload`: offload flows to the NIC where its driver can; `counter`: count "
                                + "packets and bytes of offloaded flows (shown by `conntrack -L`). Changing them "
                                + "replaces the flowtable."));
    }

    @Override
    NamedObject object(TableRef table, String name, Value state) {
        return new Flowtable(
                table,
                name,
                state.get("hook").asString(),
                state.get("priority").asInt(),
                strings(state.get("devices")),
                strings(state.get("flags")));
    }

    @Override
    Value withListed(Value state, NamedObject listed) {
        Flowtable flowtable = (Flowtable) listed;
        return state.with("hook", Value.string(flowtable.hook()))
                .with("priority", Value.number(flowtable.priority()))
                .with("devices", set(flowtable.devices()))
                .with("flags", set(flowtable.flags()));
    }

    /** nft 1.0.6 lists no flags: the live flowtable has the stored ones. */
    @Override
    NamedObject asListed(NamedObject listed, NamedObject stored) {
        Flowtable flowtable = (Flowtable) listed;
        if (stored == null || !flowtable.flags().isEmpty()) {
            return listed;
        }
        return new Flowtable(
                flowtable.table(),
                flowtable.name(),
                flowtable.hook(),
                flowtable.priority(),
                flowtable.devices(),
                ((Flowtable) stored).flags());
    }

    @Override
    String refusalHint(String message) {
        return message.contains("No such file or directory")
                ? "Either a device does not exist on the host, or its kernel has no flowtable support "
                        + "(CONFIG_NF_FLOW_TABLE, module nf_flow_table), for which nft gives the same answer."
                : "";
    }

    private static List<String> strings(Value set) {
        return set.isKnown() && !set.isNull()
                ? set.asSet().stream().map(Value::asString).toList()
                : List.of();
    }

    private static Value set(List<String> values) {
        return Value.set(Type.STRING, values.stream().map(Value::string).toList());
    }
}
