package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.NamedObject;
import io.nftkeeper.protocol.Secmark;
import io.nftkeeper.protocol.TableRef;
import java.util.List;

/**
 * {@code nftables_secmark}: a secmark of a managed table, which rules set with {@code meta secmark set "name"}. The
 * kernel translates the SELinux context when the object is added; a change replaces it.
 */
public final class SecmarkResource extends NamedObjectResource {

    public SecmarkResource() {
        super("secmark", "nftables_secmark", "ssh_server", false);
    }

    @Override
    String description() {
        return "A secmark of a managed nftables table: an SELinux security context that rules label packets with, "
                + "`meta secmark set \"<name>\"` (often with `ct secmark set meta secmark` to label the whole "
                + "connection). The host's kernel must run SELinux with a policy that knows the context: without it "
                + "the kernel refuses the object, and the plan says so. Any change replaces the secmark, and one that "
                + "rules use cannot be deleted (see the notes below).";
    }

    @Override
    List<Attribute> kindAttributes() {
        return List.of(Attribute.string("context")
                .required()
                .planModifiers(PlanModifiers.requiresReplace())
                .description("The SELinux context, e.g. `system_u:object_r:ssh_server_packet_t:s0`: at most "
                        + Secmark.MAX_CONTEXT_BYTES + " bytes, no `\"` or backslash. Changing it replaces the "
                        + "secmark."));
    }

    @Override
    NamedObject object(TableRef table, String name, Value state) {
        return new Secmark(table, name, state.get("context").asString());
    }

    @Override
    Value withListed(Value state, NamedObject listed) {
        return state.with("context", Value.string(((Secmark) listed).context()));
    }

    @Override
    String refusalHint(String message) {
        return message.contains("No such file or directory") || message.contains("not supported")
                ? "The kernel could not translate the context: secmarks need SELinux enabled on the host with a "
                        + "policy that defines the context."
                : "";
    }
}
