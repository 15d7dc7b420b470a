package io.nftkeeper.protocol;

import java.util.Objects;

/**
 * A named quota of {@code bytes} (0 or more): rules matching {@code quota name "q"} match until that many bytes
 * passed ({@code over}: only after). The bytes used so far are a live value the datapath writes, not part of the
 * object. Adding an existing quota changes its bytes and mode in place and keeps what was used.
 */
public record Quota(TableRef table, String name, long bytes, boolean over) implements NftObject {

    public Quota {
        Objects.requireNonNull(table, "table");
        Identifiers.require("quota", name);
        if (bytes < 0) {
            throw new InvalidObjectDefinitionException("quota " + table.family().nftName() + " " + table.name() + " "
                    + name + ": bytes must not be negative, got " + bytes);
        }
    }

    /** E.g. {@code quota inet web monthly}. */
    @Override
    public String describe() {
        return "quota " + table.family().nftName() + " " + table.name() + " " + name;
    }
}
