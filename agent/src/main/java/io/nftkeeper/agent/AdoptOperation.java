package io.nftkeeper.agent;

import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.AdoptParams;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import java.util.Set;
import java.util.TreeSet;

/** Import: takes an existing table under management. Adopting a managed table again changes nothing. */
final class AdoptOperation {

    private final Nftables nftables;
    private final OwnershipRegistry registry;

    AdoptOperation(Nftables nftables, OwnershipRegistry registry) {
        this.nftables = nftables;
        this.registry = registry;
    }

    void handle(AdoptParams params) {
        TableRef table = params.table();
        if (table == null) {
            throw new AgentException(ErrorCode.INVALID, null, "adopt needs a table");
        }
        if (!nftables.tables().contains(table)) {
            throw new AgentException(ErrorCode.NOT_FOUND, table.describe(),
                    table.describe() + " does not exist on this host, so it cannot be imported");
        }
        Set<TableRef> managed = new TreeSet<>(registry.managed());
        if (managed.add(table)) {
            registry.save(managed);
        }
    }
}
