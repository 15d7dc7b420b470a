package io.nftkeeper.agent.rollback;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.agent.state.AtomicFile;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.JsonLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Commit-confirmed transactions awaiting {@code confirm}, in {@code <state dir>/pending-rollback/}: {@code <txId>.nft}
 * is the restore batch (its existence is what "pending" means) and {@code <txId>.json} says which tables it touched
 * and who owned them before. Transaction ids are validated identifiers, so file names cannot leave the directory.
 * Changed only under the host lock.
 */
public final class PendingRollbacks {

    static final String DIRECTORY = "pending-rollback";

    /** One table a pending transaction touched, as it was before the commit. */
    public record TouchedTable(TableRef table, boolean existed, boolean managed) {}

    /** {@code deadline}: ISO instant when the timer fires; {@code timerPid}: the detached timer process, once known. */
    public record Pending(String txId, String deadline, List<TouchedTable> tables, Long timerPid) {

        public Pending withTimerPid(long pid) {
            return new Pending(txId, deadline, tables, pid);
        }
    }

    private final ObjectMapper mapper = JsonLines.mapper();
    private final Path directory;

    public PendingRollbacks(Path stateDir) {
        this.directory = stateDir.resolve(DIRECTORY);
    }

    Path directory() {
        return directory;
    }

    /**
     * The batch that puts the touched tables back: each is emptied and removed ({@code add} first so the
     * {@code delete} cannot fail), then a table that existed is re-declared from its saved listing. One batch.
     */
    public static String restoreScript(
            List<TouchedTable> tables, java.util.function.Function<TableRef, String> savedListing) {
        StringBuilder script = new StringBuilder();
        for (TouchedTable touched : tables) {
            String table = touched.table().describe();
            script.append("add ")
                    .append(table)
                    .append('\n')
                    .append("delete ")
                    .append(table)
                    .append('\n');
            if (touched.existed()) {
                String listing = savedListing.apply(touched.table());
                script.append(listing);
                if (!listing.endsWith("\n")) {
                    script.append('\n');
                }
            }
        }
        return script.toString();
    }

    public void save(Pending pending, String restoreScript) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(
                        directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            // the description first: a .nft without its .json could not fix ownership after restoring
            AtomicFile.write(json(pending.txId()), mapper.writeValueAsBytes(pending));
            AtomicFile.write(script(pending.txId()), restoreScript.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new NftkeeperException(
                    "cannot save the rollback of transaction " + pending.txId() + " in " + directory + ": "
                            + e.getMessage(),
                    e);
        }
    }

    public void update(Pending pending) {
        try {
            AtomicFile.write(json(pending.txId()), mapper.writeValueAsBytes(pending));
        } catch (IOException e) {
            throw new NftkeeperException("cannot update " + json(pending.txId()) + ": " + e.getMessage(), e);
        }
    }

    public boolean isPending(String txId) {
        return Files.exists(script(txId));
    }

    public Optional<Pending> read(String txId) {
        try {
            return Optional.of(mapper.readValue(Files.readAllBytes(json(txId)), Pending.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new NftkeeperException("cannot read " + json(txId) + ": " + e.getMessage(), e);
        }
    }

    public String restoreScript(String txId) {
        try {
            return Files.readString(script(txId));
        } catch (IOException e) {
            throw new NftkeeperException("cannot read " + script(txId) + ": " + e.getMessage(), e);
        }
    }

    /** Every transaction still awaiting confirmation. */
    public List<Pending> all() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Pending> pending = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".nft"))
                    .toList()) {
                String txId = file.getFileName().toString().replaceFirst("\\.nft$", "");
                read(txId).ifPresent(pending::add);
            }
        } catch (IOException e) {
            throw new NftkeeperException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        return pending;
    }

    /** Forgets a pending rollback: the restore batch first, so a crash in between leaves nothing pending. */
    public void discard(String txId) {
        try {
            Files.deleteIfExists(script(txId));
            Files.deleteIfExists(json(txId));
        } catch (IOException e) {
            throw new NftkeeperException("cannot remove the pending rollback of " + txId + ": " + e.getMessage(), e);
        }
    }

    private Path script(String txId) {
        return directory.resolve(txId + ".nft");
    }

    private Path json(String txId) {
        return directory.resolve(txId + ".json");
    }
}
