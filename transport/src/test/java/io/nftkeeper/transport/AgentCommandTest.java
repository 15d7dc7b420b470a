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

    @Test
    void withSudoTheResidentAgentStartsThroughOneFixedSudoCommandServingTheSocketGroup() {
        AgentCommand command = new AgentCommand("/usr/bin/java", JAR, SHA, true, "/run/nk-test");
        String serve = "'/usr/bin/java' "
                + String.join(
                        " ",
                        AgentCommand.JVM_OPTIONS.stream().map(ShellQuote::quote).toList())
                + " '-XX:SharedArchiveFile=" + ARCHIVE + "' '-jar' '" + JAR + "' 'serve' '--socket' "
                + "'/run/nk-test/agent-ab12.sock' '--socket-group' 'nftkeeper' '--idle-timeout' '600'";

        String start = command.residentStartCommand(java.time.Duration.ofMinutes(10));

        assertThat(start)
                .startsWith(TrustedAgentFiles.functions(true)
                        + TrustedAgentFiles.requireTrustedDirectory("/var/lib/nftkeeper/agent")
                        + TrustedAgentFiles.requireIntactJar(JAR, SHA)
                        + TrustedAgentFiles.requireIntactArchive(ARCHIVE))
                .contains("case \" $(id -Gn) \" in *\" nftkeeper \"*) ;; *) echo \"outside-group:$(id -un)\"; exit 0;")
                .contains("sudo -n -l " + serve + " >/dev/null 2>&1 || { echo \"sudo-refused:\"; exit 0; }; ")
                .contains("; setsid sudo -n " + serve + " </dev/null >/dev/null 2>>\"$l\" &")
                // the SSH user may neither make nor write the socket directory: root's agent makes it
                .doesNotContain("mkdir")
                .contains("l=\"$HOME/.nftkeeper-agent-ab12.log\"")
                .doesNotContain("kill -0");
        // the membership and sudoers checks come before anything starts
        assertThat(start.indexOf("outside-group:")).isLessThan(start.indexOf("setsid"));
        assertThat(start.indexOf("sudo -n -l")).isLessThan(start.indexOf("setsid"));
    }

    @Test
    void theResidentSudoersLineAllowsExactlyTheCommandTheStartRuns() {
        AgentCommand command = new AgentCommand("/usr/bin/java", JAR, SHA, true, "/run/nk-test");

        assertThat(command.residentSudoersLine("deploy", java.time.Duration.ofMinutes(15)))
                .isEqualTo("deploy ALL=(root) NOPASSWD: /usr/bin/java -XX\\:+UseSerialGC -Xms16m -Xmx512m -Xss512k "
                        + "-Xlog\\:disable -Xlog\\:all\\=warning\\:stderr -XX\\:SharedArchiveFile\\=" + ARCHIVE
                        + " -jar " + JAR + " serve --socket /run/nk-test/agent-ab12.sock --socket-group nftkeeper "
                        + "--idle-timeout 900");
        assertThat(String.join(" ", command.residentServeArguments(java.time.Duration.ofMinutes(15))))
                .as("the words sudo runs are the sudoers line's, unescaped")
                .isEqualTo(command.residentSudoersLine("deploy", java.time.Duration.ofMinutes(15))
                        .substring("deploy ALL=(root) NOPASSWD: ".length())
                        .replace("\\", ""));
    }

    @Test
    void bothResidentStartCommandsAreValidShell() throws Exception {
        for (boolean sudo : new boolean[] {false, true}) {
            String start = new AgentCommand("/usr/bin/java", JAR, SHA, sudo, "/run/nk-test")
                    .residentStartCommand(java.time.Duration.ofMinutes(15));
            Process check = new ProcessBuilder("sh", "-n", "-c", start)
                    .redirectErrorStream(true)
                    .start();
            String said = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(check.waitFor()).as("sudo=" + sudo + ": " + said).isZero();
        }
    }
}
