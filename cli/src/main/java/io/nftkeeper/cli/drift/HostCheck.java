package io.nftkeeper.cli.drift;

import io.nftkeeper.cli.host.SshSettings;
import io.nftkeeper.protocol.TableRef;
import java.util.List;
import java.util.Objects;

/**
 * One host to check: how to reach it and which of its tables. An empty table list means every table the host's
 * agent manages.
 */
public record HostCheck(String host, SshSettings ssh, List<TableRef> tables) {

    public HostCheck {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(ssh, "ssh");
        tables = List.copyOf(tables);
    }

    public boolean allManagedTables() {
        return tables.isEmpty();
    }
}
