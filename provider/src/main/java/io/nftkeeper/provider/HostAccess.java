package io.nftkeeper.provider;

import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.wire.ListParams;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.resources.PlannedObjects;
import io.nftkeeper.provider.resources.TableOwners;
import io.nftkeeper.transport.AgentCalls;
import java.util.List;
import java.util.Optional;

/**
 * What resources receive from the configured provider: the host they manage unless they name their own, and the
 * agent of any host. {@link SshHostAccess} reaches agents over SSH; unit tests give resources a fake.
 */
public interface HostAccess {

    /** The provider's {@code host}, which resources without their own {@code host} manage. */
    Optional<String> defaultHost();

    /** The resource's own host if it names one, else the provider's; empty when neither is set. */
    default Optional<String> resolve(String resourceHost) {
        return resourceHost != null ? Optional.of(resourceHost) : defaultHost();
    }

    /** The agent on {@code host}. */
    AgentCalls agent(String host);

    /** {@code table} as its host lists it (a listing cached since this process's last apply there is kept). */
    default TableListing listing(TableId table) {
        return agent(table.host()).list(List.of(table.table())).tables().get(0);
    }

    /** {@code table} as its host lists it now, never from a cache. */
    default TableListing freshListing(TableId table) {
        return agent(table.host())
                .listAfresh(new ListParams(List.of(table.table())))
                .tables()
                .get(0);
    }

    /**
     * The tables and objects resources have planned in this command (Terraform plans every resource in this
     * process), which chains' dry runs declare before their rules.
     */
    PlannedObjects planned();

    /** The owner IDs of this configuration's tables, which writes into them run for. */
    TableOwners owners();

    /** Why a resource has no host to manage; said the same way everywhere. */
    static String noHostDetail() {
        return "Set `host` on this resource or in the provider \"nftables\" block.";
    }
}
