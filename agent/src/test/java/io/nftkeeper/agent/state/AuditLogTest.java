package io.nftkeeper.agent.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    private static final Transaction ONE_RULE = Transaction.builder()
            .add(new Rule(new TableRef(Family.INET, "web"), "input", "tcp dport 22 accept"))
            .build();

    @TempDir
    Path dir;

    @Test
    void eachChangeIsOneJsonLineInAPrivateFile() throws Exception {
        Path file = dir.resolve("audit.log");
        AuditLog audit = AuditLog.to(file);

        audit.transaction("apply", "tx-1", "provider/1", ONE_RULE, "committed", ONE_RULE.toScript());
        audit.transaction("apply", null, null, ONE_RULE, "failed: INVALID no", ONE_RULE.toScript());

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode first = JsonLines.mapper().readTree(lines.get(0));
        assertThat(first.get("event").asText()).isEqualTo("apply");
        assertThat(first.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(first.get("txId").asText()).isEqualTo("tx-1");
        assertThat(first.get("client").asText()).isEqualTo("provider/1");
        assertThat(first.get("objects").get(0).asText())
                .isEqualTo(ONE_RULE.commands().get(0).describe());
        assertThat(first.get("outcome").asText()).isEqualTo("committed");
        assertThat(first.get("script").asText()).isEqualTo(ONE_RULE.toScript());
        assertThat(JsonLines.mapper().readTree(lines.get(1)).has("txId")).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void linesGoToTheNamedFileAfterItWasRotatedAway() throws Exception {
        Path file = dir.resolve("audit.log");
        AuditLog audit = AuditLog.to(file);
        audit.transaction("apply", "tx-1", null, ONE_RULE, "committed", null);
        Files.move(file, dir.resolve("audit.log.1"));

        audit.transaction("apply", "tx-2", null, ONE_RULE, "committed", null);

        assertThat(Files.readAllLines(dir.resolve("audit.log.1"))).hasSize(1);
        assertThat(Files.readAllLines(file)).singleElement().asString().contains("\"txId\":\"tx-2\"");
    }

    @Test
    void aLongScriptIsCutAndIdentifiedByItsHash() throws Exception {
        Path file = dir.resolve("audit.log");
        String script = "#".repeat(AuditLog.MAX_SCRIPT_CHARS + 10);

        AuditLog.to(file).transaction("apply", "tx-1", null, ONE_RULE, "committed", script);

        JsonNode line = JsonLines.mapper().readTree(Files.readAllLines(file).get(0));
        assertThat(line.get("script").asText()).hasSize(AuditLog.MAX_SCRIPT_CHARS);
        assertThat(line.get("scriptTruncated").asBoolean()).isTrue();
        assertThat(line.get("scriptChars").asInt()).isEqualTo(script.length());
        assertThat(line.get("scriptSha256").asText()).hasSize(64);
    }

    @Test
    void aDisabledLogWritesNothing() throws Exception {
        AuditLog.disabled().transaction("apply", "tx-1", null, ONE_RULE, "committed", null);

        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
