package io.nftkeeper.agent.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nftkeeper.agent.nft.CanonicalListing;
import io.nftkeeper.agent.nft.RuleTexts;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.JsonLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical listing of each managed table as nftkeeper last left it, in
 * {@code <state dir>/baseline/<family>-<name>.json} (names are identifiers and families have no '-', so the
 * file name is unambiguous; a '/', which nft allows in names, is written {@code %2F} there, and no name holds a
 * '%', so the file cannot leave the directory). Written only under the host lock.
 *
 * <p>While a change is being committed the table's baseline is <em>set aside</em> ({@code .json.stale}, which no
 * reader looks at): from then until the new listing is recorded, every agent sees no baseline rather than one that
 * would report nftkeeper's own change as drift.
 */
public final class BaselineStore {

    static final String DIRECTORY = "baseline";
    /** 255 bytes less {@code .json.stale.tmp-} and a pid of up to 10 digits. */
    private static final int MAX_BASE_NAME = 255 - ".json.stale.tmp-".length() - 10;

    private static final int HASHED_NAME_PREFIX = 100;

    private final Path directory;
    private boolean swept;

    public BaselineStore(Path stateDir) {
        this.directory = stateDir.resolve(DIRECTORY);
    }

    /** {@code listing} as JSON with handles; {@code ruleTexts} each rule's text by handle. */
    void record(TableRef table, JsonNode listing, Map<Long, String> ruleTexts) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(
                        directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!swept) {
                removeLeftTemporaries();
                swept = true;
            }
            AtomicFile.write(
                    file(table),
                    JsonLines.mapper()
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsBytes(((ObjectNode) CanonicalListing.of(listing))
                                    .set(
                                            RuleTexts.BASELINE_FIELD,
                                            RuleTexts.toBaseline(RuleTexts.byChain(listing, ruleTexts)))));
            Files.deleteIfExists(setAsideFile(table));
        } catch (IOException e) {
            throw new NftkeeperException(
                    "cannot write the baseline of " + table.describe() + " to " + file(table) + ": " + e.getMessage(),
                    e);
        }
    }

    void forget(TableRef table) {
        try {
            Files.deleteIfExists(file(table));
            Files.deleteIfExists(setAsideFile(table));
        } catch (IOException e) {
            throw new NftkeeperException("cannot delete " + file(table) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Before a change to {@code table} is committed: from now on readers find no baseline. During a burst of
     * changes it is usually set aside already, so one stat answers that case; otherwise one rename(2), which
     * replaces an older set-aside file. (Baselines are written only under the host lock, which the caller holds,
     * so none can appear between the two.)
     */
    void setAside(TableRef table) {
        Path baseline = file(table);
        if (Files.notExists(baseline)) {
            // a new table, or set aside by an earlier change: nothing to hide
            return;
        }
        try {
            Files.move(
                    baseline, setAsideFile(table), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            // removed by hand in between: nothing to hide
        } catch (IOException e) {
            throw new NftkeeperException("cannot set aside " + baseline + ": " + e.getMessage(), e);
        }
    }

    /** The change was refused, so the table is as before: its set-aside baseline is valid again. */
    void putBack(TableRef table) {
        try {
            if (Files.notExists(file(table))) {
                Files.move(setAsideFile(table), file(table), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (NoSuchFileException e) {
            // there was none
        } catch (IOException e) {
            throw new NftkeeperException("cannot put back " + setAsideFile(table) + ": " + e.getMessage(), e);
        }
    }

    /** The canonical listing recorded for {@code table}, if any. */
    public Optional<JsonNode> read(TableRef table) {
        try {
            return Optional.of(JsonLines.mapper().readTree(Files.readAllBytes(file(table))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new NftkeeperException("cannot read " + file(table) + ": " + e.getMessage(), e);
        }
    }

    Path file(TableRef table) {
        return directory.resolve(baseName(table) + ".json");
    }

    private Path setAsideFile(TableRef table) {
        return directory.resolve(baseName(table) + ".json.stale");
    }

    /**
     * Removes the temporary files of writers that died before renaming them (an agent killed mid-write). Called under
     * the host lock, which every writer holds, so a live writer's file is one of a live process.
     */
    private void removeLeftTemporaries() throws IOException {
        try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(directory, "*.tmp-*")) {
            for (Path temporary : temporaries) {
                String name = temporary.getFileName().toString();
                String pid = name.substring(name.lastIndexOf(".tmp-") + ".tmp-".length());
                if (pid.matches("\\d{1,10}")
                        && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    Files.deleteIfExists(temporary);
                }
            }
        }
    }

    /**
     * {@code inet-web}; for a name too long for a file name with our longest suffix ({@code .json.stale.tmp-<pid>})
     * its start and its sha256 instead (a table name may have 255 characters, a file name 255 bytes).
     */
    static String baseName(TableRef table) {
        // a '/' would be a directory in the file name ("../../x" one outside the baseline directory)
        String name = table.name().replace("/", "%2F");
        String plain = table.family().nftName() + "-" + name;
        if (plain.getBytes(StandardCharsets.UTF_8).length <= MAX_BASE_NAME) {
            return plain;
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(table.name().getBytes(StandardCharsets.UTF_8));
            return table.family().nftName() + "-" + name.substring(0, HASHED_NAME_PREFIX) + "-"
                    + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
