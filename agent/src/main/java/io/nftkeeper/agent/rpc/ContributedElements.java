package io.nftkeeper.agent.rpc;

import io.nftkeeper.agent.drift.FileSetDigest;
import io.nftkeeper.agent.drift.FileSetDigest.Difference;
import io.nftkeeper.agent.state.ElementRecords;
import io.nftkeeper.agent.state.OwnershipRules;
import io.nftkeeper.protocol.Element;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.ElementDigest;
import io.nftkeeper.protocol.wire.ElementsParams;
import io.nftkeeper.protocol.wire.ElementsResult;
import io.nftkeeper.protocol.wire.ErrorCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One contributor's elements of a set owned elsewhere ({@code nftables_set_elements} with {@code elements_file}):
 * the whole-set bookkeeping of {@link ElementsOperation}, narrowed to what this contributor added. Its record
 * ({@link ElementRecords}, kept apart from whole-set records) holds the elements it last sent, those of them it
 * added (an element already in the set belonged to someone else and is never deleted), and the listed texts the
 * kernel showed for its additions, whose digest is the contribution's. Elements others add or remove are never
 * drift; an own element deleted by hand is, and the next apply adds it again. Changes are deletes and adds of the
 * delta in one batch, never a flush: the rest of the set is not this contributor's.
 */
final class ContributedElements {

    private final FileSetDigest fileSets;
    private final ElementRecords records;
    private final ApplyOperation apply;

    ContributedElements(FileSetDigest fileSets, ElementRecords records, ApplyOperation apply) {
        this.fileSets = fileSets;
        this.records = records;
        this.apply = apply;
    }

    /**
     * What the wanted elements are compared with: the elements last sent, while all the listed texts of the
     * contribution are still there; after drift, only those the host still lists as sent (the rest are added again).
     */
    ElementsOperation.Baseline baseline(NftSet set, String contributor, List<String> live) {
        String key = key(set, contributor);
        if (records.digest(set.table(), key).isEmpty()) {
            return new ElementsOperation.Baseline(List.of(), List.of(), List.of(), false, false);
        }
        Set<String> listed = new HashSet<>(live);
        List<String> sent = records.wanted(set.table(), key);
        boolean intact = listed.containsAll(records.listed(set.table(), key));
        List<String> present =
                intact ? sent : sent.stream().filter(listed::contains).toList();
        return new ElementsOperation.Baseline(present, List.of(), List.of(), true, intact);
    }

    /** The contribution's digest as the host lists it; on drift, its own elements that are gone, as removed. */
    ElementsResult digest(NftSet set, String contributor, int samples) {
        TableRef table = set.table();
        String key = key(set, contributor);
        List<String> live = fileSets.listed(table, set.name()).orElse(null);
        if (live == null) {
            return new ElementsResult(false, 0, null, false, 0, 0, null, null, null, null, null);
        }
        if (records.digest(table, key).isEmpty()) {
            return new ElementsResult(true, 0, ElementDigest.of(List.of()), false, 0, 0, null, null, null, null, null);
        }
        List<String> mine = records.listed(table, key);
        Set<String> listed = new HashSet<>(live);
        List<String> present = mine.stream().filter(listed::contains).toList();
        Difference gone = Difference.of(present, mine, samples);
        return new ElementsResult(
                true,
                present.size(),
                ElementDigest.of(present),
                true,
                0,
                gone.removed(),
                null,
                gone.removedSample(),
                null,
                null,
                null);
    }

    /**
     * Makes the contribution {@code wanted} in one batch: adds what is new (or gone since) and not already listed,
     * deletes what it no longer wants of the elements it added itself. No elements withdraw the contribution: its
     * own elements are deleted and its record forgotten.
     */
    ElementsResult apply(NftSet set, List<String> wanted, ElementsParams params, String client) {
        TableRef table = set.table();
        String key = key(set, params.contributor());
        List<String> before = fileSets.listed(table, set.name())
                .orElseThrow(() -> new AgentException(
                        ErrorCode.NOT_FOUND,
                        set.describe(),
                        set.describe() + " does not exist on the host: create it (e.g. with nftables_set) first"));
        Set<String> listedBefore = new HashSet<>(before);
        ElementsOperation.Baseline baseline = baseline(set, params.contributor(), before);
        Difference change = baseline.changeTo(wanted, params.samples());
        Set<String> owned = new HashSet<>(records.owned(table, key));
        List<String> add = change.addedAll().stream()
                .filter(e -> !listedBefore.contains(e))
                .toList();
        Set<String> delete = new TreeSet<>();
        change.removedAll().stream()
                .filter(owned::contains)
                .filter(e -> baseline.matchesHost() || listedBefore.contains(e))
                .forEach(delete::add);
        Transaction.Builder tx = Transaction.builder();
        if (!delete.isEmpty()) {
            tx.delete(new Element(table, set.name(), List.copyOf(delete)));
        }
        if (!add.isEmpty()) {
            tx.add(new Element(table, set.name(), add));
        }
        Transaction transaction = tx.build();
        if (!transaction.isEmpty()) {
            apply.handle(new ApplyParams(transaction, params.lockTimeoutMs()), client, OwnershipRules.OwnerNeeded.NO);
        }
        List<String> after = fileSets.listed(table, set.name())
                .orElseThrow(() -> new AgentException(
                        ErrorCode.NOT_FOUND, set.describe(), set.describe() + " vanished right after the apply"));
        Set<String> listedAfter = new HashSet<>(after);
        Set<String> mine = new TreeSet<>();
        records.listed(table, key).stream().filter(listedAfter::contains).forEach(mine::add);
        after.stream().filter(e -> !listedBefore.contains(e)).forEach(mine::add);
        List<String> mineListed = List.copyOf(mine);
        String digest = ElementDigest.of(mineListed);
        if (wanted.isEmpty()) {
            records.forget(table, key);
        } else {
            Set<String> nowOwned = new TreeSet<>(add);
            Set<String> stillWanted = new HashSet<>(wanted);
            owned.stream()
                    .filter(stillWanted::contains)
                    .filter(e -> !delete.contains(e))
                    .forEach(nowOwned::add);
            records.save(
                    table,
                    key,
                    new ElementRecords.Record(new ArrayList<>(new TreeSet<>(wanted)), mineListed, digest),
                    List.copyOf(nowOwned));
        }
        return ElementsOperation.applied(mineListed.size(), digest, change, transaction.isEmpty() ? "none" : "delta");
    }

    /** The record's name: the set's and the contributor's, which ElementsParams limits to letters, digits, _ and -. */
    private static String key(NftSet set, String contributor) {
        return set.name() + "." + contributor;
    }
}
