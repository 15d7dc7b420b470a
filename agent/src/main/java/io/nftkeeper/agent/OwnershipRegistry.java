package io.nftkeeper.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.JsonLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables nftkeeper manages on this host, in {@code <state dir>/managed-tables.json}. Ownership lives here and
 * not in the ruleset because nft 1.0.6 drops table comments from its JSON output.
 * Every query checks the file so that agents of concurrent provider sessions see each other's changes; it is parsed
 * again only when it was replaced (every save is a new file, so a new file key).
 */
public final class OwnershipRegistry {

    static final String FILE_NAME = "managed-tables.json";

    private record StateFile(int version, List<TableRef> tables) {
    }

    /** What the file held when it had this key, size and modification time. */
    private record Snapshot(Object fileKey, long size, FileTime modified, Set<TableRef> tables) {
    }

    private final ObjectMapper mapper = JsonLines.mapper();
    private final Path file;
    private volatile Snapshot snapshot;

    public OwnershipRegistry(Path stateDir) {
        this.file = stateDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** @throws NftkeeperException if the file exists but cannot be read */
    public Set<TableRef> managed() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Snapshot known = snapshot;
            if (known != null && attributes.fileKey() != null && attributes.fileKey().equals(known.fileKey())
                    && attributes.size() == known.size() && attributes.lastModifiedTime().equals(known.modified())) {
                return known.tables();
            }
            StateFile state = mapper.readValue(Files.readAllBytes(file), StateFile.class);
            Set<TableRef> tables = Collections.unmodifiableSet(new TreeSet<>(state.tables() == null ? List.of()
                    : state.tables()));
            snapshot = new Snapshot(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime(), tables);
            return tables;
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
