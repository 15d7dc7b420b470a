package io.nftkeeper.protocol;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What makes a chain a base chain: attached to a hook. {@code policy} null leaves nft's default (accept);
 * {@code devices} (netdev ingress/egress, inet ingress) may be empty.
 */
public record BaseChain(ChainType type, Hook hook, Priority priority, ChainPolicy policy, List<String> devices) {

    /** Linux interface names: at most 15 bytes (IFNAMSIZ 16 with NUL); we also keep them free of quotes and spaces. */
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.@+-]{1,15}");

    public BaseChain {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(priority, "priority");
        devices = devices == null ? List.of() : List.copyOf(devices);
        for (String device : devices) {
            if (!DEVICE.matcher(device).matches()) {
                throw new InvalidObjectDefinitionException("base chain: device name " + ScriptText.quoted(device)
                        + " is not a valid interface name (at most 15 letters, digits, '_', '.', '@', '+', '-')");
            }
        }
    }

    public BaseChain(ChainType type, Hook hook, Priority priority, ChainPolicy policy) {
        this(type, hook, priority, policy, List.of());
    }

    /** E.g. {@code type filter hook input priority filter; policy drop;}. */
    String render() {
        StringBuilder out = new StringBuilder("type ")
                .append(type.nftName())
                .append(" hook ")
                .append(hook.nftName());
        if (!devices.isEmpty()) {
            out.append(" devices = { ");
            for (int i = 0; i < devices.size(); i++) {
                out.append(i == 0 ? "\"" : ", \"").append(devices.get(i)).append('"');
            }
            out.append(" }");
        }
        out.append(" priority ").append(priority.render()).append(';');
        if (policy != null) {
            out.append(" policy ").append(policy.nftName()).append(';');
        }
        return out.toString();
    }
}
