package io.nftkeeper.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nftkeeper.protocol.Command;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.JsonLines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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
 * writing at once do not interleave lines. A failing audit write is logged and never fails the change itself.
 */
final class AuditLog {

    static final String ENV = "NFTKEEPER_AUDIT_LOG";
    static final int MAX_SCRIPT_CHARS = 65_536;
    private static final int MAX_OBJECTS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final Path file;
    private final Clock clock;

    private AuditLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    static AuditLog disabled() {
        return new AuditLog(null, Clock.systemUTC());
    }

    static AuditLog to(Path file) {
        return new AuditLog(file, Clock.systemUTC());
    }

    /** The flag wins, then {@value #ENV}; neither means no audit log. */
    static AuditLog choose(Path flag, Map<String, String> env) {
        if (flag != null) {
            return to(flag);
        }
        String fromEnv = env.get(ENV);
        return fromEnv != null && !fromEnv.isBlank() ? to(Path.of(fromEnv)) : disabled();
    }

    /** Where lines go, or null when disabled. */
    Path file() {
        return file;
    }

    void transaction(String event, String txId, String client, Transaction tx, String outcome, String script) {
        List<String> objects = tx == null ? List.of() : tx.commands().stream().limit(MAX_OBJECTS)
                .map(Command::describe).toList();
        record(event, txId, client, objects, outcome, script);
    }

    void record(String event, String txId, String client, List<String> objects, String outcome, String script) {
        if (file == null) {
            return;
        }
        ObjectNode line = JsonLines.mapper().createObjectNode();
        line.put("time", clock.instant().toString());
        line.put("event", event);
        line.put("pid", ProcessHandle.current().pid());
        if (txId != null) {
            line.put("txId", txId);
        }
        if (client != null) {
            line.put("client", client);
        }
        ArrayNode described = line.putArray("objects");
        objects.forEach(described::add);
        line.put("outcome", outcome);
        if (script != null) {
            boolean cut = script.length() > MAX_SCRIPT_CHARS;
            line.put("script", cut ? script.substring(0, MAX_SCRIPT_CHARS) : script);
            if (cut) {
                line.put("scriptTruncated", true);
                line.put("scriptChars", script.length());
                line.put("scriptSha256", sha256(script));
            }
        }
        append(line);
    }

    private void append(ObjectNode line) {
        try (FileChannel out = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            byte[] json = JsonLines.mapper().writeValueAsBytes(line);
            ByteBuffer buffer = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
            out.write(buffer);
        } catch (IOException e) {
            LOG.warn("could not write the audit log {}: {}", file, e.getMessage());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
