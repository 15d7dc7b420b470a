package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.NamedObject;
import io.nftkeeper.protocol.Synproxy;
import io.nftkeeper.protocol.TableRef;
import java.util.List;

/**
 * {@code nftables_synproxy}: a synproxy of a managed table, which rules use with {@code synproxy name "name"}. The
 * kernel changes an existing synproxy in place when it is added again, so a change is one in-place apply.
 */
public final class SynproxyResource extends NamedObjectResource {

    public SynproxyResource() {
        super("synproxy", "nftables_synproxy", "www", true);
    }

    @Override
    String description() {
        return "A synproxy of a managed nftables table. Rules answer SYNs on the server's behalf with "
                + "`synproxy name \"<name>\"` (or `synproxy name tcp dport map { 80 : \"<name>\" }`), typically "
                + "`tcp dport 80 ct state invalid,untracked synproxy name \"www\"` after a `notrack` rule in raw "
                + "prerouting; the proxied handshake announces these TCP options. Changed in place.";
    }

    @Override
    List<Attribute> kindAttributes() {
        return List.of(
                Attribute.number("mss")
                        .required()
                        .validators(Validators.wholeNumber(), Validators.between(0, 65535))
                        .description("Maximum segment size announced to the client, e.g. `1460`. Changed in place."),
                Attribute.number("wscale")
                        .required()
                        .validators(Validators.wholeNumber(), Validators.between(0, 14))
                        .description("Window scale announced to the client, `0` to `14`. Changed in place."),
                Attribute.bool("timestamp")
                        .optional()
                        .computed()
                        .defaultValue(Value.bool(false))
                        .description("Whether to announce TCP timestamps. Changed in place."),
                Attribute.bool("sack_perm")
                        .optional()
                        .computed()
                        .defaultValue(Value.bool(false))
                        .description("Whether to announce selective acknowledgements (nft's `sack-perm`). Changed in "
                                + "place."));
    }

    @Override
    NamedObject object(TableRef table, String name, Value state) {
        return new Synproxy(
                table,
                name,
                state.get("mss").asInt(),
                state.get("wscale").asInt(),
                Boolean.TRUE.equals(state.get("timestamp").asBool()),
                Boolean.TRUE.equals(state.get("sack_perm").asBool()));
    }

    @Override
    Value withListed(Value state, NamedObject listed) {
        Synproxy synproxy = (Synproxy) listed;
        return state.with("mss", Value.number(synproxy.mss()))
                .with("wscale", Value.number(synproxy.wscale()))
                .with("timestamp", Value.bool(synproxy.timestamp()))
                .with("sack_perm", Value.bool(synproxy.sackPerm()));
    }
}
