package io.nftkeeper.agent.state;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables nftkeeper manages on this host, in {@code <state dir>/managed-tables.json}. Ownership lives here and
 * not in the ruleset because nft 1.0.6 drops table comments from its JSON output.
 * Every query checks the file so that agents of concurrent provider sessions see each other's changes; it is parsed
 * again only when it was replaced (every save is a new file, so a new file key).
 *
 * <p>A table may also have a {@link Claim}: the owner ID of the Terraform configuration that manages it and the
 * kernel's handle of the table it created or adopted. Tables recorded by 0.1.0 have none until their next apply.
 * {@code tables} keeps its 0.1.0 shape so that an older agent still reads which tables are managed.
 */
public final class OwnershipRegistry {

    static final String FILE_NAME = "managed-tables.json";

    /**
     * Who manages a table: {@code owner}, the owner ID of its nftables_table resource (null: any configuration, as
     * 0.1.0 recorded it), and {@code handle}, the kernel's handle of the table when it was created or adopted (null:
     * not yet recorded). A table with another handle was deleted and re-created outside nftkeeper.
     */
    public record Claim(String owner, Long handle) {
        public static final Claim NONE = new Claim(null, null);
    }

    private record ClaimEntry(TableRef table, String owner, Long handle) {}

    private record StateFile(int version, List<TableRef> tables, List<ClaimEntry> claims) {}

    /** What the file held when it had this key, size and modification time. */
    private record Snapshot(
            Object fileKey, long size, FileTime modified, Set<TableRef> tables, Map<TableRef, Claim> claims) {}

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
        return read().tables();
    }

    /** The claim on a managed table; {@link Claim#NONE} for one recorded without (and for unmanaged tables). */
    public Claim claim(TableRef table) {
        return read().claims().getOrDefault(table, Claim.NONE);
    }

    /** The claims on managed tables that have one. */
    public Map<TableRef, Claim> claims() {
        return read().claims();
    }

    private Snapshot read() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Snapshot known = snapshot;
            if (known != null
                    && attributes.fileKey() != null
                    && attributes.fileKey().equals(known.fileKey())
                    && attributes.size() == known.size()
                    && attributes.lastModifiedTime().equals(known.modified())) {
                return known;
            }
            StateFile state = mapper.readValue(Files.readAllBytes(file), StateFile.class);
            Set<TableRef> tables =
                    Collections.unmodifiableSet(new TreeSet<>(state.tables() == null ? List.of() : state.tables()));
            Map<TableRef, Claim> claims = new TreeMap<>();
            if (state.claims() != null) {
                for (ClaimEntry entry : state.claims()) {
                    if (entry.table() != null && tables.contains(entry.table())) {
                        claims.put(entry.table(), new Claim(entry.owner(), entry.handle()));
                    }
                }
            }
            Snapshot read = new Snapshot(
                    attributes.fileKey(),
                    attributes.size(),
                    attributes.lastModifiedTime(),
                    tables,
                    Collections.unmodifiableMap(claims));
            snapshot = read;
            return read;
        } catch (NoSuchFileException e) {
            return new Snapshot(null, 0, null, Set.of(), Map.of());
        } catch (IOException e) {
            throw new NftkeeperException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public boolean isManaged(TableRef table) {
        return managed().contains(table);
    }

    /** Replaces the managed tables, keeping the claims of those that stay managed. */
    public void save(Set<TableRef> managed) {
        save(managed, claims());
    }

    /**
     * Replaces the registry atomically: readers see the old or the new file, never a partial one. Claims of tables
     * not in {@code managed} are dropped.
     */
    public void save(Set<TableRef> managed, Map<TableRef, Claim> claims) {
        List<ClaimEntry> entries = new ArrayList<>();
        new TreeMap<>(claims).forEach((table, claim) -> {
            if (managed.contains(table) && !claim.equals(Claim.NONE)) {
                entries.add(new ClaimEntry(table, claim.owner(), claim.handle()));
            }
        });
        try {
            AtomicFile.write(
                    file,
                    mapper.writerWithDefaultPrettyPrinter()
                            .writeValueAsBytes(new StateFile(
                                    1, List.copyOf(new TreeSet<>(managed)), entries.isEmpty() ? null : entries)));
        } catch (IOException e) {
            throw new NftkeeperException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
