package io.nftkeeper.cli.drift.input;

import io.nftkeeper.cli.CliException;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableRef;

/** Tables written as {@code family/name} (as the resource id ends), e.g. {@code inet/web}. */
final class TableRefs {

    private TableRefs() {}

    static TableRef parse(String text, String where) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new CliException(where + ": '" + text + "' is not a table; write family/name, e.g. inet/web");
        }
        return of(text.substring(0, slash), text.substring(slash + 1), where);
    }

    static TableRef of(String family, String name, String where) {
        Family parsed = Family.parse(family)
                .orElseThrow(() -> new CliException(
                        where + ": unknown family '" + family + "' (one of ip, ip6, inet, arp, bridge, netdev)"));
        try {
            return new TableRef(parsed, name);
        } catch (NftkeeperException e) {
            throw new CliException(where + ": " + e.getMessage(), e);
        }
    }
}
