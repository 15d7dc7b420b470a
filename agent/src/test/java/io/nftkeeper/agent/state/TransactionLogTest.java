package io.nftkeeper.agent.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionLogTest {

    @TempDir
    Path stateDir;

    @Test
    void anotherAgentsAppendsAreSeen() {
        TransactionLog mine = new TransactionLog(stateDir);
        TransactionLog theirs = new TransactionLog(stateDir);
        assertThat(mine.find("tx-1")).isEmpty();

        theirs.recordCommitted("tx-1");
        theirs.markRolledBack("tx-1");

        assertThat(mine.find("tx-1"))
                .hasValueSatisfying(entry -> assertThat(entry.rolledBack()).isTrue());
    }

    @Test
    void agentsTakingTurnsSeeEachOthersEntriesAndTheirOwn() {
        TransactionLog mine = new TransactionLog(stateDir);
        TransactionLog theirs = new TransactionLog(stateDir);

        mine.recordCommitted("tx-1");
        theirs.recordCommitted("tx-2");
        mine.recordCommitted("tx-3");
        theirs.markRolledBack("tx-3");

        for (TransactionLog log : java.util.List.of(mine, theirs, new TransactionLog(stateDir))) {
            assertThat(log.find("tx-1")).isPresent();
            assertThat(log.find("tx-2")).isPresent();
            assertThat(log.find("tx-3"))
                    .hasValueSatisfying(entry -> assertThat(entry.rolledBack()).isTrue());
        }
    }

    @Test
    void aLineCutShortByACrashDoesNotSwallowTheNextEntry() throws Exception {
        TransactionLog log = new TransactionLog(stateDir);
        log.recordCommitted("tx-1");
        Files.writeString(
                stateDir.resolve(TransactionLog.FILE_NAME),
                "{\"txId\":\"tx-cut",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        new TransactionLog(stateDir).recordCommitted("tx-2");

        TransactionLog reader = new TransactionLog(stateDir);
        assertThat(reader.find("tx-1")).isPresent();
        assertThat(reader.find("tx-2")).isPresent();
        assertThat(reader.find("tx-cut")).isEmpty();
    }

    @Test
    void transactionsOfAnEarlierBootAreForgottenWithTheRulesetTheyMade() throws Exception {
        Files.writeString(
                stateDir.resolve(TransactionLog.FILE_NAME),
                "{\"txId\":\"tx-old\",\"committedAt\":\"2024-01-01T00:00:00Z\",\"boot\":\"an-earlier-boot\"}\n");

        assertThat(new TransactionLog(stateDir).find("tx-old")).isEmpty();
    }

    @Test
    void theJournalIsCompactedToItsCapacity() throws Exception {
        TransactionLog log = new TransactionLog(stateDir);
        for (int i = 0; i < 2 * TransactionLog.CAPACITY + 1; i++) {
            log.recordCommitted("tx-" + i);
        }

        assertThat(Files.readAllLines(stateDir.resolve(TransactionLog.FILE_NAME)))
                .hasSize(TransactionLog.CAPACITY + 1);
        assertThat(new TransactionLog(stateDir).find("tx-" + (2 * TransactionLog.CAPACITY)))
                .isPresent();
        assertThat(new TransactionLog(stateDir).find("tx-" + TransactionLog.CAPACITY))
                .isEmpty();
    }

    @Test
    void anAgentKeepsAppendingToTheJournalAnotherAgentCompacted() {
        TransactionLog mine = new TransactionLog(stateDir);
        TransactionLog theirs = new TransactionLog(stateDir);
        mine.recordCommitted("tx-mine-before");
        for (int i = 0; i < 2 * TransactionLog.CAPACITY + 1; i++) {
            theirs.recordCommitted("tx-" + i);
        }

        mine.recordCommitted("tx-mine-after");

        assertThat(new TransactionLog(stateDir).find("tx-mine-after")).isPresent();
        assertThat(theirs.find("tx-mine-after")).isPresent();
    }

    @Test
    void aDeletedJournalIsCreatedAgainByTheNextAppend() throws Exception {
        TransactionLog log = new TransactionLog(stateDir);
        log.recordCommitted("tx-1");
        Files.delete(stateDir.resolve(TransactionLog.FILE_NAME));

        log.recordCommitted("tx-2");

        TransactionLog reader = new TransactionLog(stateDir);
        assertThat(reader.find("tx-2")).isPresent();
        assertThat(reader.find("tx-1")).isEmpty();
    }

    @Test
    void aClosedJournalOpensAgainForTheNextAppend() {
        TransactionLog log = new TransactionLog(stateDir);
        log.recordCommitted("tx-1");
        log.close();

        log.recordCommitted("tx-2");

        assertThat(new TransactionLog(stateDir).find("tx-2")).isPresent();
    }
}
