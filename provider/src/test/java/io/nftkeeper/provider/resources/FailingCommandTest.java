package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailingCommandTest {

    @Test
    void theAgentsBisectedCommandNumberBecomesAnIndex() {
        assertThat(FailingCommand.index("command 3 of 4 (add rule inet web input) failed: Error: Service out of "
                + "range (nothing was applied)", 4)).isEqualTo(2);
    }

    @Test
    void aSingleCommandIsTheFailingOne() {
        assertThat(FailingCommand.index("Error: No such file or directory", 1)).isZero();
    }

    @Test
    void aBatchTheAgentCouldNotNarrowDownNamesNoCommand() {
        assertThat(FailingCommand.index("the kernel refused the transaction at commit time; the failing command "
                + "cannot be named", 5)).isEqualTo(-1);
        assertThat(FailingCommand.index("command 1 of 2 (add chain inet web input) failed", 5)).isEqualTo(-1);
    }
}
