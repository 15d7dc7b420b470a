package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorBody;
import io.nftkeeper.protocol.wire.ErrorCode;
import org.junit.jupiter.api.Test;

/** Which command of a transaction the host refused: the agent's structured field, never its message. */
class FailingCommandTest {

    @Test
    void theAgentsFailingCommandFieldIsTheIndexWhateverTheMessageSays() {
        AgentException refused = AgentException.from(new ErrorBody(
                ErrorCode.INVALID, "rule inet web input", "command 1 of 4 (this text is not read) failed", 2));

        assertThat(ChainResource.failingCommand(refused, 4)).isEqualTo(2);
    }

    @Test
    void aSingleCommandIsTheFailingOne() {
        assertThat(ChainResource.failingCommand(new NftkeeperException("Error: No such file or directory"), 1))
                .isZero();
    }

    @Test
    void aBatchTheAgentCouldNotNarrowDownNamesNoCommand() {
        assertThat(ChainResource.failingCommand(
                        new AgentException(
                                ErrorCode.INVALID, "transaction of 5 commands", "the failing command cannot be named"),
                        5))
                .isEqualTo(-1);
        assertThat(ChainResource.failingCommand(
                        AgentException.from(new ErrorBody(ErrorCode.INVALID, "chain inet web x", "failed", 7)), 5))
                .isEqualTo(-1);
    }
}
