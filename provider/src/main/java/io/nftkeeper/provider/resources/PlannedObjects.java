package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.NftObject;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.TableListing;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The chains, sets, maps and named objects this provider process has planned, per table, so that a chain's dry run
 * can declare them before its rules, as one {@code nft -f} file would. Terraform plans a resource only after the
 * resources it references, so an object named by a reference ({@code @${nftables_set.x.name}}) is always known here
 * when the chain that uses it is planned; the apply then creates it first, in the same order.
 */
public final class PlannedObjects {

    /** The JSON listing's keys of what a table may hold by name; the same words as each object's describe(). */
    private final Map<TableId, Map<String, NftObject>> byTable = new HashMap<>();

    private final Map<TableId, Integer> generations = new HashMap<>();
    private final Set<TableId> importing = new HashSet<>();
    /** The ids of the tables this command plans to create. */
    private final Set<String> tables = ConcurrentHashMap.newKeySet();

    /** Notes that this command plans to create the table with this {@code id}. */
    public void planTable(String tableId) {
        tables.add(tableId);
    }

    /** Whether this command plans to create the table with this {@code id} (so it need not exist on the host yet). */
    public boolean plansTable(String tableId) {
        return tables.contains(tableId);
    }

    /**
     * Remembers the object a resource's {@code plan} declares, once its table, name and the {@code needed}
     * attributes are known; an object its own checks refuse is not remembered (its plan reports why).
     */
    public <S extends Record> void remember(
            Value plan, Class<S> state, List<String> needed, Function<S, NftObject> declaration) {
        if (plan.isNull()
                || !plan.get("table_id").isKnown()
                || !plan.get("name").isKnown()
                || TableId.parse(plan.get("table_id").asString()).isEmpty()
                || needed.stream().anyMatch(attribute -> !plan.get(attribute).isWhollyKnown())) {
            return;
        }
        TableId table = TableId.parse(plan.get("table_id").asString()).orElseThrow();
        NftObject object;
        try {
            object = declaration.apply(Values.toRecord(plan, state));
        } catch (NftkeeperException | IllegalArgumentException e) {
            return; // not declarable: the resource's own plan or apply says why
        }
        remember(table, object);
    }

    /** Remembers {@code object}, which a resource plans in {@code table} in this run. */
    public void remember(TableId table, NftObject object) {
        synchronized (this) {
            if (!object.equals(
                    byTable.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(object.describe(), object))) {
                generations.merge(table, 1, Integer::sum);
                notifyAll();
            }
        }
    }

    /** {@code table} is being imported in this run: its apply adopts it before anything in it changes. */
    public synchronized void importing(TableId table) {
        importing.add(table);
        notifyAll();
    }

    /**
     * Whether {@code table} is being imported in this run, waiting up to {@code wait} for its import: Terraform
     * imports resources that do not reference each other at the same time.
     */
    synchronized boolean awaitImporting(TableId table, Duration wait) {
        return await(() -> importing.contains(table), wait);
    }

    /** The tables of {@code table} a dry run may treat as managed: itself when it is being imported. */
    synchronized List<TableRef> adopting(TableId table) {
        return importing.contains(table) ? List.of(table.table()) : List.of();
    }

    /** Counts what was remembered in {@code table}, for {@link #awaitMore}. */
    synchronized int generation(TableId table) {
        return generations.getOrDefault(table, 0);
    }

    /**
     * Waits up to {@code wait} for another object of {@code table} to be planned after {@code generation}: Terraform
     * plans resources that do not reference each other at the same time. Whether one came.
     */
    synchronized boolean awaitMore(TableId table, int generation, Duration wait) {
        return await(() -> generation(table) != generation, wait);
    }

    /** Waits, holding this monitor between checks, up to {@code wait} for {@code done}; whether it came true. */
    private synchronized boolean await(BooleanSupplier done, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What was planned in {@code table} and does not exist there yet per {@code listing}, other than {@code self}. */
    synchronized List<NftObject> missingFrom(TableId table, TableListing listing, NftObject self) {
        Set<String> existing = new HashSet<>();
        if (listing.exists()) {
            listing.live()
                    .contents()
                    .byKind()
                    .forEach((kind, names) -> names.forEach(name ->
                            existing.add(kind + " " + table.table().family().nftName() + " "
                                    + table.table().name() + " " + name)));
        }
        Map<String, NftObject> planned = new LinkedHashMap<>(byTable.getOrDefault(table, Map.of()));
        planned.remove(self.describe());
        planned.keySet().removeAll(existing);
        return List.copyOf(planned.values());
    }
}
