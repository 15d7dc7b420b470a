package io.nftkeeper.protocol;

import java.util.Objects;

/**
 * A named limit: {@code rate} packets or bytes ({@code unit}) per {@code per}, with an optional {@code burst} in the
 * same unit (null: nft's default, 5 packets for packet limits and none for byte limits). {@code over} matches traffic
 * above the rate instead of below it. Quantities are plain packets or bytes; nft lists byte quantities in the largest
 * unit that divides them ({@code 1048576 bytes/second} lists as {@code 1 mbytes/second}). The kernel cannot change a
 * limit in place: adding an existing limit is silently ignored, so a changed limit must be deleted and added again.
 */
public record Limit(TableRef table, String name, long rate, LimitUnit unit, RatePeriod per, Long burst, boolean over)
        implements NftObject {

    /** The kernel keeps the burst in 32 bits and silently truncates larger values. */
    public static final long MAX_BURST = 0xFFFF_FFFFL;

    public Limit {
        Objects.requireNonNull(table, "table");
        Identifiers.require("limit", name);
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(per, "per");
        String owner = "limit " + table.family().nftName() + " " + table.name() + " " + name;
        if (rate <= 0) {
            throw new InvalidObjectDefinitionException(owner + ": rate must be positive, got " + rate);
        }
        // burst 0 means "default" to nft: 5 for packets, none for bytes; asking for it would list differently
        if (burst != null && (burst <= 0 || burst > MAX_BURST)) {
            throw new InvalidObjectDefinitionException(
                    owner + ": burst must be between 1 and " + MAX_BURST + ", got " + burst);
        }
    }

    /** E.g. {@code limit inet web ssh}. */
    @Override
    public String describe() {
        return "limit " + table.family().nftName() + " " + table.name() + " " + name;
    }

    /** The object body, e.g. {@code rate over 1048576 bytes/second burst 10240 bytes}. */
    public String renderRate() {
        StringBuilder out = new StringBuilder("rate ");
        if (over) {
            out.append("over ");
        }
        out.append(rate);
        if (unit == LimitUnit.BYTES) {
            out.append(" bytes");
        }
        out.append('/').append(per.nftName());
        if (burst != null) {
            out.append(" burst ").append(burst).append(' ').append(unit.nftName());
        }
        return out.toString();
    }
}
