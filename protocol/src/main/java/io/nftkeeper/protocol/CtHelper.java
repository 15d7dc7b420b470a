package io.nftkeeper.protocol;

import java.util.Objects;

/**
 * A ct helper ({@code add ct helper inet web ftp-standard { type "ftp" protocol tcp; l3proto inet; }}): rules assign
 * it to connections with {@code ct helper set "ftp-standard"}, and the kernel's helper ({@code ftp}, {@code tftp},
 * {@code sip}, ...) then expects the related connections. {@code l3proto} null: nft's default, the table's family.
 * Adding an existing helper with other values is silently ignored by the kernel, so a change replaces it.
 */
public record CtHelper(TableRef table, String name, String type, String protocol, String l3proto)
        implements NamedObject {

    public CtHelper {
        Objects.requireNonNull(table, "table");
        Identifiers.require("ct helper", name);
        String owner = NamedObject.owner("ct helper", table, name);
        NamedObject.requireKeyword(owner, "type", type);
        NamedObject.requireKeyword(owner, "protocol", protocol);
        if (l3proto != null) {
            NamedObject.requireKeyword(owner, "l3proto", l3proto);
        }
    }

    @Override
    public String kind() {
        return "ct helper";
    }

    @Override
    public String body() {
        return "{ type \"" + type + "\" protocol " + protocol + "; "
                + (l3proto == null ? "" : "l3proto " + l3proto + "; ") + "}";
    }
}
