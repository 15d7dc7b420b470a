package io.nftkeeper.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.wire.JsonLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ids of the last {@value #CAPACITY} committed transactions, in {@code <state dir>/transactions.json}, so a
 * client that lost its connection mid-apply can ask whether it committed, and a retry with the same id is answered
 * without running twice. Written only under the host lock, atomically; read without it (the file is replaced by
 * rename, so a reader sees a whole version).
 */
final class TransactionLog {

    static final String FILE_NAME = "transactions.json";
    static final int CAPACITY = 1000;

    /** {@code rolledBack}: applied with a confirm timeout, not confirmed, restored. */
    record Entry(String txId, String committedAt, boolean rolledBack) {
    }

    private record StateFile(int version, List<Entry> transactions) {
    }

    private final ObjectMapper mapper = JsonLines.mapper();
    private final Path file;
    private final Clock clock;

    TransactionLog(Path stateDir) {
        this(stateDir, Clock.systemUTC());
    }

    TransactionLog(Path stateDir, Clock clock) {
        this.file = stateDir.resolve(FILE_NAME);
        this.clock = clock;
    }

    Optional<Entry> find(String txId) {
        return entries().stream().filter(e -> e.txId().equals(txId)).findFirst();
    }

    /** Call under the host lock, after the kernel accepted the transaction. */
    void recordCommitted(String txId) {
        List<Entry> entries = new ArrayList<>(entries());
        entries.removeIf(e -> e.txId().equals(txId));
        entries.add(new Entry(txId, clock.instant().toString(), false));
        save(entries);
    }

    /** Call under the host lock, after the rollback ran. */
    void markRolledBack(String txId) {
        List<Entry> entries = new ArrayList<>(entries());
        entries.replaceAll(e -> e.txId().equals(txId) ? new Entry(txId, e.committedAt(), true) : e);
        save(entries);
    }

    private List<Entry> entries() {
        try {
            StateFile state = mapper.readValue(Files.readAllBytes(file), StateFile.class);
            return state.transactions() == null ? List.of() : state.transactions();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new NftkeeperException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void save(List<Entry> entries) {
        List<Entry> kept = entries.size() <= CAPACITY ? entries
                : entries.subList(entries.size() - CAPACITY, entries.size());
        try {
            AtomicFile.write(file, mapper.writeValueAsBytes(new StateFile(1, kept)));
        } catch (IOException e) {
            throw new NftkeeperException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
