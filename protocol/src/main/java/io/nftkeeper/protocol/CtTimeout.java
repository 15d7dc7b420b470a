package io.nftkeeper.protocol;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A ct timeout policy ({@code add ct timeout inet web tcp-short { protocol tcp; l3proto ip; policy = { established:
 * 120 }; }}): connections a rule marks with {@code ct timeout set "tcp-short"} get these per-state timeouts, in
 * seconds. nft lists only the states whose timeout differs from the kernel's default. {@code l3proto} null: the
 * table's family. The kernel ignores an add of an existing policy, so a change replaces it.
 */
public record CtTimeout(TableRef table, String name, String protocol, String l3proto, Map<String, Long> policy)
        implements NamedObject {

    /** The kernel keeps timeouts in 32 bits of seconds. */
    public static final long MAX_SECONDS = 0xFFFF_FFFFL;

    public CtTimeout {
        Objects.requireNonNull(table, "table");
        Identifiers.require("ct timeout", name);
        String owner = NamedObject.owner("ct timeout", table, name);
        NamedObject.requireKeyword(owner, "protocol", protocol);
        if (l3proto != null) {
            NamedObject.requireKeyword(owner, "l3proto", l3proto);
        }
        policy = new TreeMap<>(policy == null ? Map.of() : policy);
        for (Map.Entry<String, Long> entry : policy.entrySet()) {
            NamedObject.requireKeyword(owner, "policy state", entry.getKey());
            NamedObject.requireBetween(
                    owner,
                    "the timeout of " + entry.getKey(),
                    Objects.requireNonNull(entry.getValue(), "policy value"),
                    0,
                    MAX_SECONDS);
        }
        policy = Collections.unmodifiableMap(policy);
    }

    @Override
    public String kind() {
        return "ct timeout";
    }

    @Override
    public String body() {
        return "{ protocol " + protocol + "; " + (l3proto == null ? "" : "l3proto " + l3proto + "; ")
                + (policy.isEmpty()
                        ? ""
                        : "policy = { "
                                + policy.entrySet().stream()
                                        .map(e -> e.getKey() + ": " + e.getValue())
                                        .collect(Collectors.joining(", "))
                                + " }; ")
                + "}";
    }
}
