package io.nftkeeper.agent.state;

import com.fasterxml.jackson.core.JsonGenerator;
import io.nftkeeper.protocol.Command;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.JsonLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per change the agent made or refused (apply, adopt, confirm, rollback), appended to the file named
 * by {@code --audit-log} or {@value #ENV}: time, event, txId, client (as it introduced itself in hello), objects,
 * outcome and the nft script. The agent holds no secrets (no keys, passwords or tokens pass through it: the SSH
 * session ends before it), so nothing needs redacting; scripts longer than {@value #MAX_SCRIPT_CHARS} characters
 * are cut and identified by their SHA-256 so a 100k-element set does not bloat the log.
 * Appends are single {@code write(2)} calls on an {@code O_APPEND} descriptor, so agents and rollback timers
 * writing at once do not interleave lines; the descriptor stays open between lines, and a line costs one
 * {@code stat} (to follow a rotated or deleted file) and one {@code write(2)}. Like before, lines are not
 * fsync'd. A failing audit write is logged and never fails the change itself.
 */
public final class AuditLog {

    static final String ENV = "NFTKEEPER_AUDIT_LOG";
    static final int MAX_SCRIPT_CHARS = 65_536;
    private static final int MAX_OBJECTS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private static final long PID = ProcessHandle.current().pid();

    private final Path file;
    private final Clock clock;
    private AppendDescriptor out;

    private AuditLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public static AuditLog disabled() {
        return new AuditLog(null, Clock.systemUTC());
    }

    public static AuditLog to(Path file) {
        return new AuditLog(file, Clock.systemUTC());
    }

    /** The flag wins, then {@value #ENV}; neither means no audit log. */
    public static AuditLog choose(Path flag, Map<String, String> env) {
        if (flag != null) {
            return to(flag);
        }
        String fromEnv = env.get(ENV);
        return fromEnv != null && !fromEnv.isBlank() ? to(Path.of(fromEnv)) : disabled();
    }

    /** Where lines go, or null when disabled. */
    public Path file() {
        return file;
    }

    public void transaction(String event, String txId, String client, Transaction tx, String outcome, String script) {
        if (file == null) {
            return;
        }
        List<String> objects = tx == null
                ? List.of()
                : tx.commands().stream()
                        .limit(MAX_OBJECTS)
                        .map(Command::describe)
                        .toList();
        write(event, txId, client, tx == null ? null : tx.owner(), objects, outcome, script);
    }

    public void record(String event, String txId, String client, List<String> objects, String outcome, String script) {
        write(event, txId, client, null, objects, outcome, script);
    }

    /** {@code owner}: the owner ID the change was made for (not a secret: the table's Terraform state holds it). */
    private void write(
            String event,
            String txId,
            String client,
            String owner,
            List<String> objects,
            String outcome,
            String script) {
        if (file == null) {
            return;
        }
        ByteArrayOutputStream line =
                new ByteArrayOutputStream(256 + (script == null ? 0 : Math.min(script.length(), MAX_SCRIPT_CHARS)));
        try (JsonGenerator json = JsonLines.mapper().getFactory().createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("time", clock.instant().toString());
            json.writeStringField("event", event);
            json.writeNumberField("pid", PID);
            if (txId != null) {
                json.writeStringField("txId", txId);
            }
            if (client != null) {
                json.writeStringField("client", client);
            }
            if (owner != null) {
                json.writeStringField("owner", owner);
            }
            json.writeArrayFieldStart("objects");
            for (String object : objects) {
                json.writeString(object);
            }
            json.writeEndArray();
            json.writeStringField("outcome", outcome);
            if (script != null) {
                boolean cut = script.length() > MAX_SCRIPT_CHARS;
                json.writeStringField("script", cut ? script.substring(0, MAX_SCRIPT_CHARS) : script);
                if (cut) {
                    json.writeBooleanField("scriptTruncated", true);
                    json.writeNumberField("scriptChars", script.length());
                    json.writeStringField("scriptSha256", sha256(script));
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory cannot fail", e);
        }
        line.write('\n');
        append(line.toByteArray());
    }

    /** Closes the descriptor kept open between lines; a later line opens it again. */
    public synchronized void close() {
        closeQuietly();
    }

    /**
     * One {@code write(2)} on a descriptor kept open between lines (one {@code stat} instead of open and close).
     * When the path names another file than the one open (rotated away, deleted), the path is opened again, so
     * lines always go where the flag says.
     */
    private synchronized void append(byte[] line) {
        try {
            Object current = currentFileKey();
            if (out == null || current == null || !current.equals(out.fileKey())) {
                closeQuietly();
                out = AppendDescriptor.open(file);
            }
            out.write(ByteBuffer.wrap(line));
        } catch (IOException e) {
            closeQuietly();
            LOG.warn("could not write the audit log {}: {}", file, e.getMessage());
        }
    }

    private Object currentFileKey() throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void closeQuietly() {
        if (out != null) {
            out.closeQuietly();
        }
        out = null;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
