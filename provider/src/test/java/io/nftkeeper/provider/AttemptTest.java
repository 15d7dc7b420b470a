package io.nftkeeper.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.nftkeeper.framework.diag.Diagnostic;
import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.transport.TransportException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttemptTest {

    private static final String BUSY = "Could not process rule: Device or resource busy";

    private final Diagnostics diagnostics = new Diagnostics();

    @Test
    void aFailedCallIsOneErrorNamingTheActionTheObjectAndTheHostWithTheAgentsMessage() {
        Attempt.to("delete", "chain inet filter input", "web1").run(diagnostics, () -> {
            throw new AgentException(ErrorCode.INVALID, null, "Could not process rule: No such file or directory");
        });

        assertThat(diagnostics.asList()).singleElement().satisfies(error -> {
            assertThat(error.severity()).isEqualTo(Diagnostic.Severity.ERROR);
            assertThat(error.summary()).isEqualTo("Cannot delete chain inet filter input on web1");
            assertThat(error.detail()).isEqualTo("Could not process rule: No such file or directory");
            assertThat(error.path()).isNull();
        });
    }

    @Test
    void anImportIsFromTheHost() {
        assertThat(Attempt.toImport("set inet filter allowed", "web1").summary())
                .isEqualTo("Cannot import set inet filter allowed from web1");
    }

    @Test
    void aCallThatSucceedsAddsNothingAndAnswers() {
        Optional<String> answer =
                Attempt.to("read", "table inet filter", "web1").get(diagnostics, () -> "listed");

        assertThat(answer).contains("listed");
        assertThat(diagnostics.isEmpty()).isTrue();
    }

    @Test
    void aFailedQueryAnswersNothing() {
        Optional<String> answer = Attempt.to("read", "table inet filter", "web1")
                .get(diagnostics, () -> {
                    throw new TransportException("connection refused");
                });

        assertThat(answer).isEmpty();
        assertThat(diagnostics.asList())
                .extracting(Diagnostic::summary, Diagnostic::detail)
                .containsExactly(tuple("Cannot read table inet filter on web1", "connection refused"));
    }

    @Test
    void theInUseHookExplainsOnlyARefusalBecauseRulesStillUseTheObject() {
        Attempt delete = Attempt.to("delete", "set inet filter allowed", "web1")
                .whenInUse(message -> message + " Rules use it.");

        assertThat(delete.detail(new AgentException(ErrorCode.INVALID, null, BUSY)))
                .isEqualTo(BUSY + " Rules use it.");
        assertThat(delete.detail(new AgentException(ErrorCode.INVALID, null, "Permission denied")))
                .isEqualTo("Permission denied");
    }

    @Test
    void anInUseHookThatCannotAskTheHostLeavesTheMessage() {
        Attempt delete = Attempt.to("delete", "counter inet filter hits", "web1")
                .whenInUse(message -> {
                    throw new TransportException("connection lost");
                });

        assertThat(delete.detail(new AgentException(ErrorCode.INVALID, null, BUSY)))
                .isEqualTo(BUSY);
    }

    @Test
    void aNoteFollowsEveryFailuresMessage() {
        Attempt update = Attempt.to("update", "chain inet filter input", "web1").withNote("(run it again)");

        assertThat(update.detail(new NftkeeperException("refused"))).isEqualTo("refused (run it again)");
        assertThat(update.withNote(null).detail(new NftkeeperException("refused")))
                .isEqualTo("refused");
    }

    @Test
    void aFailureTheCallerFoundItselfHasTheSameSummary() {
        Attempt.to("create", "set inet filter allowed", "web1")
                .failed(diagnostics, "table inet filter does not exist on the host.");

        assertThat(diagnostics.asList())
                .extracting(Diagnostic::summary)
                .containsExactly("Cannot create set inet filter allowed on web1");
    }

    @Test
    void aMessagelessFailureHasAnEmptyDetail() {
        Attempt.to("read", "table inet filter", "web1").failed(diagnostics, new NftkeeperException(null));

        assertThat(diagnostics.asList()).extracting(Diagnostic::detail).containsExactly("");
    }

    @Test
    void onlyLostConnectionsAndTablesOfOtherOwnersAreQuestionsNotAsked() {
        assertThat(Attempt.couldNotAsk(new TransportException("connection refused")))
                .isTrue();
        assertThat(Attempt.couldNotAsk(new AgentException(ErrorCode.UNAVAILABLE, null, "agent gone")))
                .isTrue();
        assertThat(Attempt.couldNotAsk(new AgentException(ErrorCode.NOT_OWNED, null, "another owner")))
                .isTrue();
        assertThat(Attempt.couldNotAsk(new AgentException(ErrorCode.INVALID, null, "syntax error")))
                .isFalse();
        assertThat(Attempt.couldNotAsk(new NftkeeperException("refused"))).isFalse();
    }

    @Test
    void inUseIsNftablesBusyRefusal() {
        assertThat(Attempt.inUse(new AgentException(ErrorCode.INVALID, null, BUSY)))
                .isTrue();
        assertThat(Attempt.inUse(new NftkeeperException("No such file or directory")))
                .isFalse();
        assertThat(Attempt.inUse(new NftkeeperException(null))).isFalse();
    }
}
