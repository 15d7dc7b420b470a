package io.nftkeeper.agent.state;

import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.PackedElements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the agent remembers of the last apply of a whole-set element list (see ElementsOperation), or of one
 * contribution's (see ContributedElements), per set, in the
 * state directory: the wanted elements as sent (sorted), the set as the kernel listed it right after (sorted), and
 * that listing's digest. They let a later apply send only the delta and a refresh name what drifted, without the
 * elements ever travelling back over SSH. Losing them costs only speed: the next apply refills the set.
 */
public final class ElementRecords {

    /** One set's record. */
    public record Record(List<String> wanted, List<String> listed, String digest) {}

    private final Path dir;

    public ElementRecords(Path stateDir) {
        this(stateDir, "elements");
    }

    private ElementRecords(Path stateDir, String name) {
        this.dir = stateDir.resolve(name);
    }

    /** The records of contributions to sets owned elsewhere: apart, so that no listing takes them for whole sets. */
    public static ElementRecords contributions(Path stateDir) {
        return new ElementRecords(stateDir, "contributions");
    }

    public Optional<String> digest(TableRef table, String set) {
        Path file = file(table, set, "digest");
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The sets of {@code table} that have a record. */
    public Set<String> sets(TableRef table) {
        String prefix = table.family().nftName() + "." + table.name() + ".";
        String suffix = ".digest";
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        Set<String> sets = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith(prefix) && name.endsWith(suffix))
                    .forEach(name -> sets.add(name.substring(prefix.length(), name.length() - suffix.length())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return sets;
    }

    public List<String> wanted(TableRef table, String set) {
        return read(file(table, set, "wanted.gz"));
    }

    public List<String> listed(TableRef table, String set) {
        return read(file(table, set, "listed.gz"));
    }

    /** A contribution's elements that it added itself (see ContributedElements); none for a whole set. */
    public List<String> owned(TableRef table, String set) {
        return read(file(table, set, "owned.gz"));
    }

    public void save(TableRef table, String set, Record record) {
        save(table, set, record, null);
    }

    /** Saves {@code record} and, when not null, a contribution's {@code owned} elements, before the digest. */
    public void save(TableRef table, String set, Record record, List<String> owned) {
        try {
            Files.createDirectories(dir);
            if (owned != null) {
                AtomicFile.write(file(table, set, "owned.gz"), pack(owned));
            }
            AtomicFile.write(file(table, set, "wanted.gz"), pack(record.wanted()));
            AtomicFile.write(file(table, set, "listed.gz"), pack(record.listed()));
            // last: a digest on disk vouches for the two lists written before it
            AtomicFile.write(file(table, set, "digest"), (record.digest() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the elements of " + table + " " + set + " in " + dir, e);
        }
    }

    public void forget(TableRef table, String set) {
        try {
            Files.deleteIfExists(file(table, set, "digest"));
            Files.deleteIfExists(file(table, set, "wanted.gz"));
            Files.deleteIfExists(file(table, set, "listed.gz"));
            Files.deleteIfExists(file(table, set, "owned.gz"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot forget the elements of " + table + " " + set, e);
        }
    }

    private Path file(TableRef table, String set, String suffix) {
        return dir.resolve(table.family().nftName() + "." + table.name() + "." + set + "." + suffix);
    }

    private static byte[] pack(List<String> elements) {
        return PackedElements.pack(elements).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file)
                    ? PackedElements.unpack(Files.readString(file, StandardCharsets.ISO_8859_1))
                    : List.of();
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException("cannot read " + file, new IOException(e.getMessage(), e));
        }
    }
}
