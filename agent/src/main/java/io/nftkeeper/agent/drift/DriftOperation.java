package io.nftkeeper.agent.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.agent.nft.CanonicalListing;
import io.nftkeeper.agent.nft.Nftables;
import io.nftkeeper.agent.nft.RuleTexts;
import io.nftkeeper.agent.state.BaselineStore;
import io.nftkeeper.agent.state.OwnershipRegistry;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.DriftChange;
import io.nftkeeper.protocol.wire.DriftParams;
import io.nftkeeper.protocol.wire.DriftResult;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.TableDrift;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares managed tables with the baselines recorded after nftkeeper last changed or adopted them, and sets filled
 * from files with the agent's record of their last apply (their elements are not in the table listings).
 */
public final class DriftOperation {

    private final Nftables nftables;
    private final OwnershipRegistry registry;
    private final BaselineStore baselines;
    private final FileSetDigest fileSets;

    public DriftOperation(
            Nftables nftables, OwnershipRegistry registry, BaselineStore baselines, FileSetDigest fileSets) {
        this.nftables = nftables;
        this.registry = registry;
        this.baselines = baselines;
        this.fileSets = fileSets;
    }

    public DriftResult handle(DriftParams params) {
        Set<TableRef> managed = registry.managed();
        List<TableRef> tables = params.tables().isEmpty() ? List.copyOf(managed) : params.tables();
        for (TableRef table : tables) {
            if (!managed.contains(table)) {
                throw new AgentException(
                        ErrorCode.NOT_OWNED,
                        table.describe(),
                        table.describe() + " is not managed by nftkeeper, so it has no baseline to drift from");
            }
        }
        List<TableDrift> drifts = new ArrayList<>();
        for (TableRef table : tables) {
            drifts.add(drift(table));
        }
        return new DriftResult(drifts);
    }

    private TableDrift drift(TableRef table) {
        Optional<JsonNode> baseline = baselines.read(table);
        Optional<JsonNode> listed = nftables.listTable(table);
        Optional<JsonNode> live = listed.map(CanonicalListing::of);
        if (live.isEmpty()) {
            List<DriftChange> gone = baseline.map(b -> List.of(new DriftChange(
                            DriftChange.Kind.TABLE, DriftChange.Change.REMOVED, table.describe(), null, b.toString())))
                    .orElse(List.of());
            return new TableDrift(table.family(), table.name(), TableDrift.Status.MISSING, gone);
        }
        if (baseline.isEmpty()) {
            return new TableDrift(table.family(), table.name(), TableDrift.Status.NO_BASELINE, List.of());
        }
        List<DriftChange> changes = new ArrayList<>(RulesetDiff.between(
                table,
                CanonicalListing.of(baseline.get()),
                RuleTexts.fromBaseline(baseline.get()),
                live.get(),
                RuleTexts.byChain(listed.get(), nftables.ruleTexts(table))));
        changes.addAll(fileSets.drift(table));
        return new TableDrift(
                table.family(),
                table.name(),
                changes.isEmpty() ? TableDrift.Status.CLEAN : TableDrift.Status.DRIFTED,
                changes);
    }
}
