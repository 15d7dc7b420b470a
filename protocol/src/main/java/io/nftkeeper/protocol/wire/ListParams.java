package io.nftkeeper.protocol.wire;

import io.nftkeeper.protocol.TableRef;
import java.util.List;

/**
 * The tables to list, or with {@code all} every table on the host whatever its owner (kube-proxy, docker, ...),
 * in family and name order; listing never changes anything, so it needs no ownership. {@code all} absent is false.
 * With {@code counters} the JSON listing is stateful (counter packets and bytes, quota usage) instead of stateless;
 * the text listing stays stateless. Absent is false. With {@code claims} each managed table's listing says whether
 * it is claimed for an owner ID ({@link TableListing#claimed()}); absent is false.
 */
public record ListParams(List<TableRef> tables, Boolean all, Boolean counters, Boolean claims) {

    public ListParams {
        tables = tables == null ? List.of() : List.copyOf(tables);
        all = Boolean.TRUE.equals(all) ? Boolean.TRUE : null;
        counters = Boolean.TRUE.equals(counters) ? Boolean.TRUE : null;
        claims = Boolean.TRUE.equals(claims) ? Boolean.TRUE : null;
    }

    public ListParams(List<TableRef> tables) {
        this(tables, null, null, null);
    }

    /** Every table on the host. */
    public static ListParams everyTable() {
        return new ListParams(List.of(), true, null, null);
    }

    /** The same tables, listed with counter values. */
    public ListParams withCounters() {
        return new ListParams(tables, all, true, claims);
    }

    /** The same tables, each saying whether an owner claims it: an import asks, at plan. */
    public ListParams withClaims() {
        return new ListParams(tables, all, counters, true);
    }

    public boolean listsClaims() {
        return claims != null;
    }

    public boolean listsCounters() {
        return counters != null;
    }

    public boolean listsAll() {
        return all != null;
    }
}
