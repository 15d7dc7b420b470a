package io.nftkeeper.protocol;

import java.util.Objects;

/**
 * A synproxy ({@code add synproxy inet web www { mss 1460; wscale 7; timestamp sack-perm; }}): rules answer SYNs on
 * the server's behalf with {@code synproxy name "www"}, announcing this MSS, window scale and TCP options. The
 * kernel changes an existing synproxy in place when it is added again.
 */
public record Synproxy(TableRef table, String name, int mss, int wscale, boolean timestamp, boolean sackPerm)
        implements NamedObject {

    public Synproxy {
        Objects.requireNonNull(table, "table");
        Identifiers.require("synproxy", name);
        String owner = NamedObject.owner("synproxy", table, name);
        NamedObject.requireBetween(owner, "mss", mss, 0, 65535);
        NamedObject.requireBetween(owner, "wscale", wscale, 0, 14);
    }

    @Override
    public String kind() {
        return "synproxy";
    }

    @Override
    public String body() {
        String flags = ((timestamp ? " timestamp" : "") + (sackPerm ? " sack-perm" : "")).strip();
        return "{ mss " + mss + "; wscale " + wscale + "; " + (flags.isEmpty() ? "" : flags + "; ") + "}";
    }
}
