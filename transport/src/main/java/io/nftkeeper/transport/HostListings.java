package io.nftkeeper.transport;

import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.ListResult;
import io.nftkeeper.protocol.wire.TableListing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The table listings of one host, read once and shared by every resource that asks, until this provider changes the
 * host. Terraform refreshes each resource separately (ten at a time), and the resources of a table all read the same
 * listing: without this, a refresh costs one agent round trip per resource instead of one per table.
 *
 * <p>Single flight: whoever asks first for a table fetches it; callers asking while that fetch runs wait for its
 * answer instead of sending their own. The tables missing from one request are fetched together, in one agent call.
 * A failed fetch is not kept: its waiters see the failure, the next caller tries again.
 *
 * <p>{@link #invalidate()} forgets everything; fetches already running still answer the callers that joined them,
 * but nobody who asks afterwards gets their answer. A change that brings the host's listings of its tables back
 * (an apply's read-back) goes {@link #beginChange()} … {@link #changed}: its listings are kept only when no other
 * change was under way at any time during it. The host serialises applies in its own order, and answers may arrive
 * in another: of two overlapping changes, either read-back may have been taken before the other one committed, so
 * neither can stand for the host afterwards. Listings are shared between callers and must not be modified.
 */
final class HostListings {

    private final Map<TableRef, CompletableFuture<TableListing>> listings = new HashMap<>();
    /** Counts the changes begun and invalidations: a read-back is current only if nothing else changed since. */
    private long generation;
    /** The tokens of changes begun and not yet ended. */
    private final Set<Long> underWay = new HashSet<>();
    /** The tokens of changes under way that overlapped another change: their read-backs may miss its effect. */
    private final Set<Long> overlapped = new HashSet<>();

    /**
     * One listing per table of {@code tables}, in that order, from the cache or from one call of {@code fetch} for
     * the tables not cached (which must answer one listing per table it is given, in order, as the agent does).
     */
    ListResult list(List<TableRef> tables, Function<List<TableRef>, ListResult> fetch) {
        List<CompletableFuture<TableListing>> answers = new ArrayList<>(tables.size());
        Map<TableRef, CompletableFuture<TableListing>> fetchedHere = new LinkedHashMap<>();
        synchronized (this) {
            for (TableRef table : tables) {
                answers.add(listings.computeIfAbsent(
                        table, missing -> fetchedHere.computeIfAbsent(missing, t -> new CompletableFuture<>())));
            }
        }
        if (!fetchedHere.isEmpty()) {
            fetchInto(fetchedHere, fetch);
        }
        return new ListResult(answers.stream().map(HostListings::await).toList());
    }

    /** Forgets every listing, so the next request for any table of this host reads it from the host again. */
    synchronized void invalidate() {
        generation++;
        listings.clear();
    }

    /** A change of the host begins; the token goes to {@link #changed}. */
    synchronized long beginChange() {
        long token = ++generation;
        if (!underWay.isEmpty()) {
            overlapped.addAll(underWay);
            overlapped.add(token);
        }
        underWay.add(token);
        return token;
    }

    /**
     * The change that began with {@code token} ended (also when it failed: {@code readBack} empty). Forgets every
     * listing, then keeps {@code readBack}, the host's listings right after the change, unless another change
     * overlapped this one or the listings were invalidated since it began.
     */
    synchronized void changed(long token, List<TableListing> readBack) {
        underWay.remove(token);
        boolean alone = !overlapped.remove(token);
        listings.clear();
        if (alone && token == generation) {
            readBack.forEach(listing -> listings.put(listing.table(), CompletableFuture.completedFuture(listing)));
        }
    }

    private void fetchInto(
            Map<TableRef, CompletableFuture<TableListing>> waiting, Function<List<TableRef>, ListResult> fetch) {
        List<TableRef> tables = List.copyOf(waiting.keySet());
        try {
            List<TableListing> fetched = fetch.apply(tables).tables();
            if (fetched.size() != tables.size()) {
                throw new AgentException(
                        ErrorCode.INCOMPATIBLE,
                        null,
                        "the agent answered a list of " + tables.size() + " tables with " + fetched.size()
                                + " listings");
            }
            for (int i = 0; i < tables.size(); i++) {
                waiting.get(tables.get(i)).complete(fetched.get(i));
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                waiting.forEach(listings::remove);
            }
            waiting.values().forEach(listing -> listing.completeExceptionally(e));
        }
    }

    // The fetch is bounded by the agent call timeout, so waiting without a limit of our own cannot hang.
    private static TableListing await(CompletableFuture<TableListing> listing) {
        try {
            return listing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }
}
