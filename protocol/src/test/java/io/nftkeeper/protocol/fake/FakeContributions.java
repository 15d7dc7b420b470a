package io.nftkeeper.protocol.fake;

import io.nftkeeper.protocol.Element;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.live.LiveSet;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ElementDigest;
import io.nftkeeper.protocol.wire.ElementsParams;
import io.nftkeeper.protocol.wire.ElementsResult;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.PackedElements;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's bookkeeping of contributions to sets owned elsewhere ({@code elements} requests with a contributor, the
 * agent's ContributedElements) for the {@link FakeAgent}: per set and contributor, the elements last sent and those
 * of them it added. The fake lists elements as written, so a contribution's listed texts are its own elements; the
 * kernel's respelling and merging of intervals are left to the agent's tests and the acceptance tests.
 */
final class FakeContributions {

    private record Contribution(Set<String> sent, Set<String> owned) {}

    private final Map<String, Contribution> byKey = new HashMap<>();

    /**
     * Answers {@code params}; {@code live} lists the set now (empty when it does not exist) and {@code apply} writes a
     * transaction as the agent's apply would.
     */
    ElementsResult handle(ElementsParams params, Supplier<Optional<LiveSet>> live, Consumer<Transaction> apply) {
        NftSet set = params.set();
        String key = set.table() + " " + set.name() + " " + params.contributor();
        Optional<LiveSet> before = live.get();
        if (before.isEmpty()) {
            if (params.action() == ElementsParams.Action.DIGEST) {
                return new ElementsResult(false, 0, null, false, 0, 0, null, null, null, null, null);
            }
            throw new AgentException(ErrorCode.NOT_FOUND, set.describe(), set.describe() + " does not exist");
        }
        Set<String> listed = new TreeSet<>(before.get().elements());
        Contribution record = byKey.get(key);
        if (params.action() == ElementsParams.Action.DIGEST) {
            if (record == null) {
                return new ElementsResult(
                        true, 0, ElementDigest.of(List.of()), false, 0, 0, null, null, null, null, null);
            }
            List<String> present =
                    record.owned().stream().filter(listed::contains).toList();
            List<String> gone =
                    record.owned().stream().filter(e -> !listed.contains(e)).toList();
            return new ElementsResult(
                    true,
                    present.size(),
                    ElementDigest.of(present),
                    true,
                    0,
                    gone.size(),
                    null,
                    sample(gone, params.samples()),
                    null,
                    null,
                    null);
        }
        List<String> wanted = PackedElements.unpack(params.packed());
        Set<String> baseline = record == null
                ? Set.of()
                : listed.containsAll(record.owned()) ? record.sent() : intersection(record.sent(), listed);
        List<String> added =
                wanted.stream().filter(e -> !baseline.contains(e)).sorted().toList();
        Set<String> wantedSet = new TreeSet<>(wanted);
        List<String> removed =
                baseline.stream().filter(e -> !wantedSet.contains(e)).sorted().toList();
        if (params.action() == ElementsParams.Action.CHECK) {
            List<String> type = before.get().type() == null
                    ? List.of()
                    : Arrays.stream(before.get().type().split("\\."))
                            .map(String::strip)
                            .toList();
            for (int i = 0; i < wanted.size(); i++) {
                Optional<String> refusal = FakeElements.refusal(type, wanted.get(i));
                if (refusal.isPresent()) {
                    return new ElementsResult(false, 0, null, false, 0, 0, null, null, i, refusal.get(), null);
                }
            }
            return new ElementsResult(
                    true,
                    listed.size(),
                    null,
                    record != null,
                    added.size(),
                    removed.size(),
                    sample(added, params.samples()),
                    sample(removed, params.samples()),
                    null,
                    null,
                    null);
        }
        Set<String> owned = record == null ? Set.of() : record.owned();
        List<String> add = added.stream().filter(e -> !listed.contains(e)).toList();
        List<String> delete = removed.stream()
                .filter(owned::contains)
                .filter(listed::contains)
                .toList();
        Transaction.Builder tx = Transaction.builder();
        if (!delete.isEmpty()) {
            tx.delete(new Element(set.table(), set.name(), delete));
        }
        if (!add.isEmpty()) {
            tx.add(new Element(set.table(), set.name(), add));
        }
        Transaction transaction = tx.build();
        if (!transaction.isEmpty()) {
            apply.accept(transaction);
        }
        Set<String> nowOwned = new TreeSet<>(add);
        owned.stream().filter(wantedSet::contains).forEach(nowOwned::add);
        List<String> mine = List.copyOf(nowOwned);
        if (wanted.isEmpty()) {
            byKey.remove(key);
        } else {
            byKey.put(key, new Contribution(wantedSet, nowOwned));
        }
        return new ElementsResult(
                true,
                mine.size(),
                ElementDigest.of(mine),
                true,
                added.size(),
                removed.size(),
                sample(added, params.samples()),
                sample(removed, params.samples()),
                null,
                null,
                transaction.isEmpty() ? "none" : "delta");
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static List<String> sample(List<String> elements, int samples) {
        return new ArrayList<>(elements.subList(0, Math.min(samples, elements.size())));
    }
}
