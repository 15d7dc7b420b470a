package io.nftkeeper.agent.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.agent.Main;
import org.junit.jupiter.api.Test;

class DetachedRollbackTimersTest {

    @Test
    void theTimerIsStartedThroughTheAgentsEntryPoint() {
        assertThat(DetachedRollbackTimers.ENTRY_POINT).isEqualTo(Main.class.getName());
    }
}
