package io.nftkeeper.protocol;

import java.util.Objects;

/**
 * A ct expectation ({@code add ct expectation inet web e1 { protocol tcp; dport 2121; timeout 60000ms; size 8;
 * l3proto ip; }}): a rule's {@code ct expectation set "e1"} makes the kernel expect a related connection to
 * {@code dport} for {@code timeoutMs}, at most {@code size} of them per connection. {@code l3proto} null: the
 * table's family (which an {@code inet} table cannot use: the kernel wants {@code ip} or {@code ip6} there). The
 * kernel ignores an add of an existing expectation, so a change replaces it.
 */
public record CtExpectation(
        TableRef table, String name, String protocol, int dport, long timeoutMs, int size, String l3proto)
        implements NamedObject {

    public CtExpectation {
        Objects.requireNonNull(table, "table");
        Identifiers.require("ct expectation", name);
        String owner = NamedObject.owner("ct expectation", table, name);
        NamedObject.requireKeyword(owner, "protocol", protocol);
        NamedObject.requireBetween(owner, "dport", dport, 0, 65535);
        NamedObject.requireBetween(owner, "timeout (ms)", timeoutMs, 1, 0xFFFF_FFFFL);
        NamedObject.requireBetween(owner, "size", size, 1, 255);
        if (l3proto != null) {
            NamedObject.requireKeyword(owner, "l3proto", l3proto);
        }
    }

    @Override
    public String kind() {
        return "ct expectation";
    }

    @Override
    public String body() {
        return "{ protocol " + protocol + "; dport " + dport + "; timeout " + timeoutMs + "ms; size " + size + "; "
                + (l3proto == null ? "" : "l3proto " + l3proto + "; ") + "}";
    }
}
