package io.nftkeeper.provider.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentCommandTest {

    private static final String JAR = "/var/lib/nftkeeper/agent/nftkeeper-agent-ab12.jar";
    private static final String ARCHIVE = "/var/lib/nftkeeper/agent/nftkeeper-agent-ab12.jsa";
    private static final String JVM = "-XX:+UseSerialGC -Xms16m -Xmx512m -Xss512k -Xlog:disable "
            + "-Xlog:all=warning:stderr";

    @Test
    void withoutSudoTheAgentRunsAsTheLoginUser() {
        assertThat(new AgentCommand("/usr/bin/java", JAR, false).shellCommand())
                .isEqualTo("'/usr/bin/java' " + JVM + " '-XX:SharedArchiveFile=" + ARCHIVE + "' -jar '" + JAR
                        + "' serve");
    }

    @Test
    void sudoNeverPromptsForAPassword() {
        assertThat(new AgentCommand("/usr/bin/java", JAR, true).shellCommand())
                .isEqualTo("sudo -n '/usr/bin/java' " + JVM + " '-XX:SharedArchiveFile=" + ARCHIVE + "' -jar '" + JAR
                        + "' serve");
    }

    @Test
    void theClassDataArchiveSitsNextToTheJarUnderTheSameName() {
        assertThat(new AgentCommand("/usr/bin/java", JAR, false).archive()).isEqualTo(ARCHIVE);
    }

    @Test
    void theSudoersLineAllowsExactlyThisCommandArchiveIncluded() {
        assertThat(new AgentCommand("/usr/bin/java", JAR, true).sudoersLine("deploy"))
                .isEqualTo("deploy ALL=(root) NOPASSWD: /usr/bin/java -XX\\:+UseSerialGC -Xms16m -Xmx512m -Xss512k "
                        + "-Xlog\\:disable -Xlog\\:all\\=warning\\:stderr -XX\\:SharedArchiveFile\\=" + ARCHIVE
                        + " -jar " + JAR + " serve");
    }
}
