package io.nftkeeper.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.JsonLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables nftkeeper manages on this host, in {@code <state dir>/managed-tables.json}. Ownership lives here and
 * not in the ruleset because nft 1.0.6 drops table comments from its JSON output.
 * The file is read on every query so that agents of concurrent provider sessions see each other's changes.
 */
public final class OwnershipRegistry {

    static final String FILE_NAME = "managed-tables.json";

    private record StateFile(int version, List<TableRef> tables) {
    }

    private final ObjectMapper mapper = JsonLines.mapper();
    private final Path file;

    public OwnershipRegistry(Path stateDir) {
        this.file = stateDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** @throws NftkeeperException if the file exists but cannot be read */
    public Set<TableRef> managed() {
        try {
            StateFile state = mapper.readValue(Files.readAllBytes(file), StateFile.class);
            return Collections.unmodifiableSet(new TreeSet<>(state.tables() == null ? List.of() : state.tables()));
        } catch (NoSuchFileException e) {
            return Set.of();
        } catch (IOException e) {
            throw new NftkeeperException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public boolean isManaged(TableRef table) {
        return managed().contains(table);
    }

    /** Replaces the registry atomically: readers see the old or the new file, never a partial one. */
    public void save(Set<TableRef> managed) {
        try {
            AtomicFile.write(file, mapper.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new StateFile(1, List.copyOf(new TreeSet<>(managed)))));
        } catch (IOException e) {
            throw new NftkeeperException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
