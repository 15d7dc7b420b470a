package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which outcome of the resident start command means "connect" and which "run the agent over exec", and why. */
class ResidentStartTest {

    private static final String JAR = "/usr/local/lib/nftkeeper/agent/nftkeeper-agent-ab12.jar";
    private static final AgentCommand SUDO = new AgentCommand("/usr/bin/java", JAR, "ab12", true, "/run/nk");
    private static final AgentCommand ROOT = new AgentCommand("/usr/bin/java", JAR, "ab12", false, "/run/nk");
    private static final Duration IDLE = Duration.ofMinutes(15);

    @Test
    void anAgentThatStartedOrRaceWonIsConnectedTo() {
        ResidentStart started = ResidentStart.parse("pid:4242\n").orElseThrow();

        assertThat(started.outcome()).isEqualTo(ResidentStart.Outcome.STARTED);
        assertThat(started.detail()).isEqualTo("4242");
        assertThat(started.execReason("h", SUDO, "deploy", IDLE)).isEmpty();
    }

    @Test
    void anAgentListeningAlreadyMeansSshdRefusedTheChannel() {
        ResidentStart running = ResidentStart.parse("running:17").orElseThrow();

        assertThat(running.execReason("h", ROOT, "root", IDLE))
                .hasValue(ResidentStart.forwardingRefused("h", ROOT))
                .get()
                .asString()
                .contains("AllowStreamLocalForwarding no")
                .doesNotContain("group");
        assertThat(running.execReason("h", SUDO, "deploy", IDLE))
                .get()
                .asString()
                .contains("not open to group nftkeeper");
    }

    @Test
    void aUserOutsideTheSocketGroupGoesOverExecBeingToldHowToJoin() {
        ResidentStart outside = ResidentStart.parse("outside-group:deploy").orElseThrow();

        assertThat(outside.outcome()).isEqualTo(ResidentStart.Outcome.OUTSIDE_GROUP);
        assertThat(outside.execReason("h", SUDO, "deploy", IDLE))
                .get()
                .asString()
                .contains("the SSH user deploy on h is not in the group nftkeeper")
                .contains("usermod -aG nftkeeper deploy")
                .contains("over SSH exec instead of resident");
    }

    @Test
    void sudoersThatDoNotAllowTheResidentCommandGoOverExecNamingTheLineThatWould() {
        ResidentStart refused = ResidentStart.parse("sudo-refused:").orElseThrow();

        assertThat(refused.outcome()).isEqualTo(ResidentStart.Outcome.SUDO_REFUSED);
        assertThat(refused.execReason("h", SUDO, "deploy", IDLE))
                .get()
                .asString()
                .contains("sudo on h does not let deploy start the resident agent")
                .contains(SUDO.residentSudoersLine("deploy", IDLE));
    }

    @Test
    void aSocketDirectoryClosedToTheGroupGoesOverExec() {
        assertThat(ResidentStart.parse("closed:").orElseThrow().execReason("h", SUDO, "deploy", IDLE))
                .get()
                .asString()
                .contains("the socket directory /run/nk on h is not open to group nftkeeper");
    }

    @Test
    void anythingElseIsNoOutcome() {
        assertThat(ResidentStart.parse("")).isEmpty();
        assertThat(ResidentStart.parse("Welcome to the host\n")).isEmpty();
        assertThat(ResidentStart.parse("motd line\npid:9").orElseThrow().detail())
                .isEqualTo("9");
    }
}
