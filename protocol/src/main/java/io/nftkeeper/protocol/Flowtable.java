package io.nftkeeper.protocol;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A flowtable ({@code add flowtable inet fw ft { hook ingress priority 0; devices = { "eth0", "eth1" }; flags
 * offload; counter; }}): forwarded flows that a rule adds with {@code flow add @ft} bypass the forwarding path on
 * these devices ({@code offload}: in the NIC where it can). {@code devices} are kept sorted and distinct: the kernel
 * does not keep their order. {@code flags} are {@code offload} and {@code counter}.
 */
public record Flowtable(
        TableRef table, String name, String hook, int priority, List<String> devices, List<String> flags)
        implements NamedObject {

    public static final List<String> HOOKS = List.of("ingress");
    public static final List<String> FLAGS = List.of("offload", "counter");

    public Flowtable {
        Objects.requireNonNull(table, "table");
        Identifiers.require("flowtable", name);
        if (!HOOKS.contains(hook)) {
            throw new InvalidObjectDefinitionException(
                    NamedObject.owner("flowtable", table, name) + ": hook must be one of " + HOOKS + ", got "
                            + (hook == null ? "nothing" : ScriptText.quoted(hook)));
        }
        devices = List.copyOf(new TreeSet<>(devices == null ? List.of() : devices));
        devices.forEach(device -> Identifiers.require("device", device));
        for (String flag : flags == null ? List.<String>of() : flags) {
            if (!FLAGS.contains(flag)) {
                throw new InvalidObjectDefinitionException(NamedObject.owner("flowtable", table, name)
                        + ": flags must be among " + FLAGS + ", got " + ScriptText.quoted(String.valueOf(flag)));
            }
        }
        List<String> given = flags == null ? List.of() : flags;
        flags = FLAGS.stream().filter(given::contains).toList();
    }

    @Override
    public String kind() {
        return "flowtable";
    }

    @Override
    public String body() {
        StringBuilder out = new StringBuilder("{ hook ")
                .append(hook)
                .append(" priority ")
                .append(priority)
                .append("; ");
        if (!devices.isEmpty()) {
            out.append("devices = { ")
                    .append(String.join(
                            ", ", devices.stream().map(d -> "\"" + d + "\"").toList()))
                    .append(" }; ");
        }
        if (flags.contains("offload")) {
            out.append("flags offload; ");
        }
        if (flags.contains("counter")) {
            out.append("counter; ");
        }
        return out.append('}').toString();
    }
}
