package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentCommandTest {

    private static final String JAR = "/var/lib/nftkeeper/agent/nftkeeper-agent-ab12.jar";
    private static final String ARCHIVE = "/var/lib/nftkeeper/agent/nftkeeper-agent-ab12.jsa";
    private static final String JVM = "-XX:+UseSerialGC -Xms16m -Xmx512m -Xss512k -Xlog:disable "
            + "-Xlog:all=warning:stderr";

    private static final String SHA = "ab12";

    @Test
    void withoutSudoTheAgentRunsAsTheLoginUserOnceItsFilesAreChecked() {
        String command = new AgentCommand("/usr/bin/java", JAR, SHA, false).shellCommand();

        assertThat(command).endsWith("; exec '/usr/bin/java' " + JVM + " \"$nk_cds\" -jar '" + JAR + "' serve");
        assertThat(command).startsWith(TrustedAgentFiles.functions(false)
                + TrustedAgentFiles.requireTrustedDirectory("/var/lib/nftkeeper/agent")
                + TrustedAgentFiles.requireIntactJar(JAR, SHA) + TrustedAgentFiles.archiveOption(ARCHIVE));
    }

    @Test
    void sudoNeverPromptsForAPasswordAndTrustsOnlyRoot() {
        String command = new AgentCommand("/usr/bin/java", JAR, SHA, true).shellCommand();

        assertThat(command).startsWith(TrustedAgentFiles.functions(true)).contains(
                TrustedAgentFiles.requireIntactArchive(ARCHIVE));
        assertThat(command).endsWith("; exec sudo -n '/usr/bin/java' " + JVM + " '-XX:SharedArchiveFile=" + ARCHIVE
                + "' -jar '" + JAR + "' serve");
    }

    @Test
    void theClassDataArchiveSitsNextToTheJarUnderTheSameName() {
        assertThat(new AgentCommand("/usr/bin/java", JAR, SHA, false).archive()).isEqualTo(ARCHIVE);
    }

    @Test
    void theSudoersLineAllowsExactlyThisCommandArchiveIncluded() {
        assertThat(new AgentCommand("/usr/bin/java", JAR, SHA, true).sudoersLine("deploy"))
                .isEqualTo("deploy ALL=(root) NOPASSWD: /usr/bin/java -XX\\:+UseSerialGC -Xms16m -Xmx512m -Xss512k "
                        + "-Xlog\\:disable -Xlog\\:all\\=warning\\:stderr -XX\\:SharedArchiveFile\\=" + ARCHIVE
                        + " -jar " + JAR + " serve");
    }
}
