package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentCommandTest {

    private static final String JAR = "/var/lib/nftkeeper/agent/nftkeeper-agent-ab12.jar";
    private static final String ARCHIVE = "/var/lib/nftkeeper/agent/nftkeeper-agent-ab12.jsa";
    private static final String JVM =
            "-XX:+UseSerialGC -Xms16m -Xmx512m -Xss512k -Xlog:disable " + "-Xlog:all=warning:stderr";

    private static final String SHA = "ab12";

    @Test
    void withoutSudoTheAgentRunsAsTheLoginUserOnceItsFilesAreChecked() {
        String command = new AgentCommand("/usr/bin/java", JAR, SHA, false).shellCommand();

        assertThat(command).endsWith("; exec '/usr/bin/java' " + JVM + " \"$nk_cds\" -jar '" + JAR + "' serve");
        assertThat(command)
                .startsWith(TrustedAgentFiles.functions(false)
                        + TrustedAgentFiles.requireTrustedDirectory("/var/lib/nftkeeper/agent")
                        + TrustedAgentFiles.requireIntactJar(JAR, SHA)
                        + TrustedAgentFiles.archiveOption(ARCHIVE));
    }

    @Test
    void sudoNeverPromptsForAPasswordAndTrustsOnlyRoot() {
        String command = new AgentCommand("/usr/bin/java", JAR, SHA, true).shellCommand();

        assertThat(command)
                .startsWith(TrustedAgentFiles.functions(true))
                .contains(TrustedAgentFiles.requireIntactArchive(ARCHIVE));
        assertThat(command)
                .endsWith("; exec sudo -n '/usr/bin/java' " + JVM + " '-XX:SharedArchiveFile=" + ARCHIVE + "' -jar '"
                        + JAR + "' serve");
    }

    @Test
    void theResidentAgentHasOneSocketPerBuildInTheHostsSocketDirectory() {
        String sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        AgentCommand command = new AgentCommand("/usr/bin/java", JAR, sha, false, "/run/nk-test");

        assertThat(command.socket()).isEqualTo("/run/nk-test/agent-0123456789abcdef.sock");
        assertThat(new AgentCommand("/usr/bin/java", JAR, sha, false).socket())
                .startsWith(AgentCommand.DEFAULT_SOCKET_DIRECTORY + "/");
    }

    @Test
    void theResidentAgentStartsDetachedOnlyOnceItsFilesAreCheckedAndWithTheIdleTimeout() {
        String start = new AgentCommand("/usr/bin/java", JAR, SHA, false, "/run/nk-test")
                .residentStartCommand(java.time.Duration.ofMinutes(15));

        assertThat(start)
                .startsWith(TrustedAgentFiles.functions(false)
                        + TrustedAgentFiles.requireTrustedDirectory("/var/lib/nftkeeper/agent")
                        + TrustedAgentFiles.requireIntactJar(JAR, SHA)
                        + TrustedAgentFiles.archiveOption(ARCHIVE));
        assertThat(start)
                .contains("setsid '/usr/bin/java' " + JVM + " \"$nk_cds\" -jar '" + JAR
                        + "' serve --socket \"$s\" --idle-timeout 900 </dev/null >/dev/null 2>>\"$l\" &");
        assertThat(start).contains("s='/run/nk-test/agent-ab12.sock'");
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
