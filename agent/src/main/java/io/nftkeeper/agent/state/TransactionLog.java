package io.nftkeeper.agent.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.wire.JsonLines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ids of the last {@value #CAPACITY} committed transactions, so a client that lost its connection mid-apply can
 * ask whether it committed, and a retry with the same id is answered without running twice.
 *
 * <p>An append-only journal, {@code <state dir>/transactions.log}: one JSON line per event ({@code {"txId",
 * "committedAt", "boot"}}, later perhaps {@code {"txId", "rolledBack": true}}), each one {@code write(2)} on an
 * {@code O_APPEND} descriptor, kept open between appends (reopened when the path names a new file: compaction by
 * any agent, deletion), so an append costs one {@code stat} and one {@code write(2)}. Not fsync'd, on purpose: an entry says "the kernel's ruleset holds this
 * transaction", and the ruleset lives only as long as the running kernel. The page cache outlives the agent, which
 * is the death that matters (a lost connection, a killed process); a kernel crash or reboot loses the ruleset too,
 * so entries carry the kernel's boot id and entries of an earlier boot are ignored: after a reboot a retry runs
 * again instead of being answered "already committed" for a change the kernel no longer has.
 *
 * <p>Written only under the host lock; read without it. Once it holds twice its capacity it is rewritten atomically
 * with the last {@value #CAPACITY} entries. Readers keep what they parsed and read only what was appended since
 * (a rewrite is a new file, which they notice by its file key).
 */
public final class TransactionLog {

    static final String FILE_NAME = "transactions.log";
    public static final int CAPACITY = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(TransactionLog.class);

    /** {@code rolledBack}: applied with a confirm timeout, not confirmed, restored. */
    public record Entry(String txId, String committedAt, boolean rolledBack) {}

    /** One journal line. */
    private record Event(String txId, String committedAt, Boolean rolledBack, String boot) {}

    private static final String BOOT_ID = bootId();

    private final ObjectMapper mapper = JsonLines.mapper();
    private final Path file;
    private final Clock clock;
    /** By txId, oldest first: what the journal said up to {@link #readUpTo} bytes of the file {@link #readFile}. */
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private Object readFile;
    private long readUpTo;
    /** The file's size when {@link #refresh()} last looked: at least {@link #readUpTo}, more by a cut-short line. */
    private long seenSize;

    private AppendDescriptor appender;
    private int lines;

    public TransactionLog(Path stateDir) {
        this(stateDir, Clock.systemUTC());
    }

    public TransactionLog(Path stateDir, Clock clock) {
        this.file = stateDir.resolve(FILE_NAME);
        this.clock = clock;
    }

    public synchronized Optional<Entry> find(String txId) {
        refresh();
        return Optional.ofNullable(entries.get(txId));
    }

    /** Call under the host lock, after the kernel accepted the transaction. */
    public synchronized void recordCommitted(String txId) {
        append(new Event(txId, clock.instant().toString(), null, BOOT_ID));
    }

    /** Call under the host lock, after the rollback ran. */
    public synchronized void markRolledBack(String txId) {
        append(new Event(txId, null, true, BOOT_ID));
    }

    private void append(Event event) {
        refresh();
        if (lines >= 2 * CAPACITY) {
            compact();
        }
        try {
            byte[] json = mapper.writeValueAsBytes(event);
            AppendDescriptor out = appender();
            // the size refresh() saw: only the lock holder appends, so nothing was added since
            long sizeBefore = seenSize;
            // a line cut short by a crash must not swallow this one
            boolean cutShort = readUpTo < sizeBefore;
            ByteBuffer line = ByteBuffer.allocate(json.length + 2);
            if (cutShort) {
                line.put((byte) '\n');
            }
            line.put(json).put((byte) '\n').flip();
            int length = line.remaining();
            out.write(line);
            // Everything before our line was read: our line is all that is new, so no need to read it back.
            if (!cutShort && readFile != null) {
                readUpTo = sizeBefore + length;
                seenSize = readUpTo;
                lines++;
                remember(event);
                return;
            }
        } catch (IOException e) {
            closeAppender();
            throw new NftkeeperException("cannot append to " + file + ": " + e.getMessage(), e);
        }
        refresh();
    }

    /**
     * The descriptor lines are appended through, kept open between appends. refresh() has just looked at the path
     * (one stat), so it is reopened exactly when the path now names another file than the one open: compacted by
     * any agent (a new file), or deleted.
     */
    private AppendDescriptor appender() throws IOException {
        if (appender != null && readFile != null && readFile.equals(appender.fileKey())) {
            return appender;
        }
        closeAppender();
        appender = AppendDescriptor.open(file);
        if (!appender.fileKey().equals(readFile)) {
            // created just now (or replaced in between): start over from what the file holds
            refresh();
            if (!appender.fileKey().equals(readFile)) {
                closeAppender();
                throw new IOException("the journal was replaced while it was being opened");
            }
        }
        return appender;
    }

    /** Closes the descriptor kept open for appending; the next append opens it again. */
    public synchronized void close() {
        closeAppender();
    }

    private void closeAppender() {
        if (appender != null) {
            appender.closeQuietly();
        }
        appender = null;
    }

    private static String bootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        } catch (IOException e) {
            // not Linux (unit tests elsewhere): one value for the life of this process
            return "unknown";
        }
    }

    private void compact() {
        List<Entry> kept = new ArrayList<>(entries.values());
        kept = kept.subList(Math.max(0, kept.size() - CAPACITY), kept.size());
        StringBuilder journal = new StringBuilder();
        try {
            for (Entry entry : kept) {
                journal.append(mapper.writeValueAsString(new Event(entry.txId(), entry.committedAt(), null, BOOT_ID)))
                        .append('\n');
                if (entry.rolledBack()) {
                    journal.append(mapper.writeValueAsString(new Event(entry.txId(), null, true, BOOT_ID)))
                            .append('\n');
                }
            }
            AtomicFile.write(file, journal.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new NftkeeperException("cannot rewrite " + file + ": " + e.getMessage(), e);
        }
        refresh();
    }

    /**
     * Reads what was appended since the last call; starts over when the file was replaced. One {@code stat} when
     * nothing changed, which is the common case (the file is opened only to read what is new).
     */
    private void refresh() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.fileKey().equals(readFile) && attributes.size() == seenSize) {
                return;
            }
        } catch (NoSuchFileException e) {
            forgetAll();
            return;
        } catch (IOException e) {
            throw new NftkeeperException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            long size = in.size();
            if (!key.equals(readFile) || size < readUpTo) {
                forgetAll();
                readFile = key;
            }
            seenSize = size;
            if (size == readUpTo) {
                return;
            }
            ByteBuffer tail = ByteBuffer.allocate(Math.toIntExact(size - readUpTo));
            while (tail.hasRemaining() && in.read(tail, readUpTo + tail.position()) >= 0) {
                // read on until the buffer is full
            }
            byte[] bytes = tail.array();
            int start = 0;
            for (int i = 0; i < tail.position(); i++) {
                if (bytes[i] == '\n') {
                    apply(bytes, start, i - start);
                    start = i + 1;
                }
            }
            // an unterminated last line is being written, or was cut short: read again next time
            readUpTo += start;
        } catch (NoSuchFileException e) {
            forgetAll();
        } catch (IOException e) {
            throw new NftkeeperException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void forgetAll() {
        entries.clear();
        readFile = null;
        readUpTo = 0;
        seenSize = 0;
        lines = 0;
    }

    private void apply(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        lines++;
        Event event;
        try {
            event = mapper.readValue(bytes, offset, length, Event.class);
        } catch (JsonProcessingException e) {
            LOG.warn("skipping an unreadable line of {}: {}", file, e.getOriginalMessage());
            return;
        } catch (IOException e) {
            throw new NftkeeperException("cannot read " + file + ": " + e.getMessage(), e);
        }
        remember(event);
    }

    private void remember(Event event) {
        if (event.txId() == null || !BOOT_ID.equals(event.boot())) {
            return;
        }
        if (Boolean.TRUE.equals(event.rolledBack())) {
            entries.computeIfPresent(event.txId(), (id, e) -> new Entry(id, e.committedAt(), true));
        } else {
            entries.remove(event.txId());
            entries.put(event.txId(), new Entry(event.txId(), event.committedAt(), false));
        }
        while (entries.size() > CAPACITY) {
            entries.remove(entries.keySet().iterator().next());
        }
    }
}
