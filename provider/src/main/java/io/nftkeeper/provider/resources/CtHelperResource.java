package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.CtHelper;
import io.nftkeeper.protocol.NamedObject;
import io.nftkeeper.protocol.TableRef;
import java.util.List;

/**
 * {@code nftables_ct_helper}: a ct helper of a managed table, which rules assign with {@code ct helper set "name"}.
 * The kernel ignores an add of an existing helper, so every change replaces it.
 */
public final class CtHelperResource extends NamedObjectResource {

    public CtHelperResource() {
        super("ct helper", "nftables_ct_helper", "ftp-standard", false);
    }

    @Override
    String description() {
        return "A ct helper of a managed nftables table. Rules assign it to connections with "
                + "`ct helper set \"<name>\"` (e.g. `tcp dport 21 ct helper set \"ftp-standard\"` in a prerouting "
                + "or output chain of type filter), and the kernel's helper then expects the related connections "
                + "(FTP data, TFTP transfers, ...). The kernel cannot change a helper in place: any change replaces "
                + "it, and a helper that rules use cannot be deleted (see the notes below).";
    }

    @Override
    List<Attribute> kindAttributes() {
        return List.of(
                Attribute.string("type")
                        .required()
                        .validators(KEYWORD)
                        .planModifiers(PlanModifiers.requiresReplace())
                        .description("The kernel's helper: `ftp`, `tftp`, `sip`, `irc`, `amanda`, `h323`, `pptp`, "
                                + "`sane`, `snmp`, `netbios-ns`. Changing it replaces the helper."),
                Attribute.string("protocol")
                        .required()
                        .validators(KEYWORD)
                        .planModifiers(PlanModifiers.requiresReplace())
                        .description("Layer 4 protocol the helper watches: `tcp` or `udp` (`ftp` is `tcp`, `tftp` "
                                + "is `udp`). Changing it replaces the helper."),
                l3proto("ct helper"));
    }

    @Override
    NamedObject object(TableRef table, String name, Value state) {
        return new CtHelper(
                table,
                name,
                state.get("type").asString(),
                state.get("protocol").asString(),
                state.get("l3proto").isKnown() ? nullableString(state.get("l3proto")) : null);
    }

    @Override
    Value withListed(Value state, NamedObject listed) {
        CtHelper helper = (CtHelper) listed;
        return state.with("type", Value.string(helper.type()))
                .with("protocol", Value.string(helper.protocol()))
                .with("l3proto", string(helper.l3proto()));
    }
}
