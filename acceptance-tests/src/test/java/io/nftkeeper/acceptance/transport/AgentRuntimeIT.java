package io.nftkeeper.acceptance.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.FileTrees;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.transport.AgentConnections;
import io.nftkeeper.transport.AgentJar;
import io.nftkeeper.transport.AgentLaunch;
import io.nftkeeper.transport.AgentRuntime;
import io.nftkeeper.transport.AgentRuntimeChoice;
import io.nftkeeper.transport.AgentTarget;
import io.nftkeeper.transport.Fingerprints;
import io.nftkeeper.transport.Secret;
import io.nftkeeper.transport.SshTarget;
import io.nftkeeper.transport.TransportException;
import io.nftkeeper.transport.TransportSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The agent's bundled Java runtime and uploads without SFTP, against real sshd in sandboxes: {@code --no-java} hides
 * java from SSH commands' PATH, {@code --no-sftp} leaves out sshd's sftp subsystem.
 */
class AgentRuntimeIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PREFIX = "rt" + ProcessHandle.current().pid() + "-";

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private String sandboxName;
    private SandboxHost sandbox;
    private Path agentDirectory;

    @BeforeEach
    void agentDirectoryOfThisTest(TestInfo test) throws IOException {
        sandboxName = PREFIX
                + Integer.toHexString(
                        test.getTestMethod().orElseThrow().getName().hashCode());
        // the sandbox shares this machine's file system: a private directory keeps other runs' files out of the way
        agentDirectory = Files.createTempDirectory("nftkeeper-runtime-it-");
    }

    @AfterEach
    void closeEverything() throws Exception {
        // reverse order: connections before the sandbox they point into
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        FileTrees.delete(agentDirectory);
    }

    @Test
    void aHostWithoutJavaAndWithoutSftpRunsTheAgentOnTheBundledRuntime() throws IOException {
        start("--no-java", "--no-sftp");
        assertThat(sandbox.exec("sh", "-c", "command -v java || echo none").strip())
                .as("java on this machine, outside the sandbox's SSH logins")
                .isNotEqualTo("none");

        AgentClient agent = pool().agentFor(target(AgentRuntimeChoice.AUTO));
        agent.apply(Transaction.builder().add(new Table(Family.INET, "bundled")).build());

        assertThat(sandbox.nft("list tables")).contains("table inet bundled");
        assertThat(agentProcesses())
                .as("agent processes in %s", sandbox.netns())
                .isNotEmpty()
                .allSatisfy(pid -> assertThat(SandboxHost.commandLine(pid)).startsWith(runtimeJava() + " "));
        assertThat(Fingerprints.sha256Hex(Files.readAllBytes(
                        agentDirectory.resolve(AgentJar.bundled().fileName()))))
                .as("the jar, uploaded over an exec channel")
                .isEqualTo(AgentJar.bundled().sha256());
        assertThat(archive())
                .as("the class-data archive, made with the bundled java")
                .isNotEmptyFile();
        assertThat(onlyWhatTheAgentNeeds())
                .as("no temporary upload or unpack directory is left behind")
                .isTrue();
    }

    @Test
    void bundledUsesTheBundledRuntimeEvenWhereTheHostHasJava() {
        start();

        pool().agentFor(target(AgentRuntimeChoice.BUNDLED)).hello("agent-runtime-it");

        assertThat(agentProcesses())
                .isNotEmpty()
                .allSatisfy(pid -> assertThat(SandboxHost.commandLine(pid)).startsWith(runtimeJava() + " "));
    }

    @Test
    void autoPrefersTheHostsJavaAndUploadsNoRuntime() {
        start("--no-sftp");

        pool().agentFor(target(AgentRuntimeChoice.AUTO)).hello("agent-runtime-it");

        assertThat(agentProcesses())
                .isNotEmpty()
                .allSatisfy(pid -> assertThat(SandboxHost.commandLine(pid)).doesNotContain("/runtime-"));
        assertThat(runtimeDirectory()).doesNotExist();
    }

    @Test
    void systemOnAHostWithoutJavaSaysWhatToDo() {
        start("--no-java");

        assertThatThrownBy(
                        () -> pool().agentFor(target(AgentRuntimeChoice.SYSTEM)).hello("agent-runtime-it"))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("java not found on " + sandbox.address())
                .hasMessageContaining("agent_runtime");
        assertThat(runtimeDirectory()).doesNotExist();
    }

    @Test
    void aTamperedRuntimeFileIsReplacedBeforeTheAgentRunsOnIt() throws Exception {
        installOnANoJavaHost();
        Path security = runtimeDirectory().resolve("conf/security/java.security");
        String intact = Fingerprints.sha256Hex(Files.readAllBytes(security));
        Files.writeString(security, "\n# tampered\n", StandardOpenOption.APPEND);
        // the agent from before still runs, and a later connection reaches it without checking files it will not
        // start from; once it is gone, the next connection checks them before it starts an agent
        sandbox.stopAgents();

        AgentClient agent = pool().agentFor(target(AgentRuntimeChoice.AUTO));

        assertThat(agent.hello("agent-runtime-it").protocolVersion()).isEqualTo(1);
        assertThat(Fingerprints.sha256Hex(Files.readAllBytes(security))).isEqualTo(intact);
        assertThat(onlyWhatTheAgentNeeds())
                .as("the tampered runtime was moved aside and removed")
                .isTrue();
    }

    @Test
    void aRuntimeWritableByOthersIsReplacedToo() throws Exception {
        installOnANoJavaHost();
        Path java = runtimeDirectory().resolve("bin/java");
        CommandRun.of(TIMEOUT, List.of("chmod", "o+w", java.toString())).stdoutOrThrow();
        // the agent from before still runs, and a later connection reaches it without checking files it will not
        // start from; once it is gone, the next connection checks them before it starts an agent
        sandbox.stopAgents();

        pool().agentFor(target(AgentRuntimeChoice.AUTO)).hello("agent-runtime-it");

        assertThat(CommandRun.of(TIMEOUT, List.of("stat", "-c", "%a", java.toString()))
                        .stdoutOrThrow()
                        .strip())
                .isEqualTo("755");
    }

    @Test
    void withSudoRootInstallsTheRuntimeWithTheCommandTheErrorPrints() throws IOException {
        start("--no-java");
        AgentTarget target = new AgentTarget(
                target(AgentRuntimeChoice.AUTO).ssh(),
                target(AgentRuntimeChoice.AUTO).launch().withSudo(true));

        String message = "";
        try {
            pool().agentFor(target).hello("agent-runtime-it");
        } catch (TransportException e) {
            message = e.getMessage();
        }
        assertThat(message)
                .contains("root installs the agent", "The agent's Java runtime was uploaded for it", runtimeJava());
        assertThat(runtimeDirectory())
                .as("nothing installed before root runs the command")
                .doesNotExist();
        String command =
                message.substring(message.indexOf("run:\n  ") + "run:\n  ".length(), message.indexOf("\nand allow"));
        CommandRun.of(Duration.ofMinutes(2), List.of("sh", "-c", command)).stdoutOrThrow();

        // root may run anything through sudo -n, so the sudoers line is not needed here
        pool().agentFor(target).hello("agent-runtime-it");

        assertThat(agentProcesses())
                .isNotEmpty()
                .allSatisfy(pid -> assertThat(SandboxHost.commandLine(pid)).contains(runtimeJava() + " "));
        assertThat(onlyWhatTheAgentNeeds()).isTrue();
    }

    /** A sandbox without java, with the runtime installed by a first connection that is closed again. */
    private void installOnANoJavaHost() {
        start("--no-java");
        try (AgentConnections first = new AgentConnections(TransportSettings.defaults())) {
            first.agentFor(target(AgentRuntimeChoice.AUTO)).hello("agent-runtime-it");
        }
        assertThat(runtimeDirectory()).isDirectory();
    }

    private void start(String... options) {
        sandbox = SandboxHost.up(sandboxName, options);
        toClose.add(sandbox);
    }

    private AgentConnections pool() {
        AgentConnections pool = new AgentConnections(TransportSettings.defaults());
        toClose.add(pool);
        return pool;
    }

    private AgentTarget target(AgentRuntimeChoice runtime) {
        return new AgentTarget(
                SshTarget.pinned(
                        sandbox.address(),
                        sandbox.port(),
                        sandbox.user(),
                        new Secret(sandbox.privateKey()),
                        sandbox.hostKey()),
                AgentLaunch.defaults().withDirectory(agentDirectory.toString()).withRuntime(runtime));
    }

    private static AgentRuntime runtime() {
        return AgentRuntime.bundled().orElseThrow(() -> new AssertionError("the transport jar bundles no runtime"));
    }

    private Path runtimeDirectory() {
        return Path.of(runtime().directoryIn(agentDirectory.toString()));
    }

    private String runtimeJava() {
        return runtime().javaIn(agentDirectory.toString());
    }

    private Path archive() {
        return agentDirectory.resolve(AgentJar.bundled().fileName().replaceFirst("\\.jar$", ".jsa"));
    }

    /** agent_dir holds the jar, its archive with the archive's recorded sha256 and the runtime: nothing else. */
    private boolean onlyWhatTheAgentNeeds() throws IOException {
        try (Stream<Path> files = Files.list(agentDirectory)) {
            return files.map(Path::getFileName)
                    .map(Path::toString)
                    .sorted()
                    .toList()
                    .equals(List.of(
                                    AgentJar.bundled().fileName(),
                                    archive().getFileName().toString(),
                                    archive().getFileName() + ".sha256",
                                    runtimeDirectory().getFileName().toString())
                            .stream()
                            .sorted()
                            .toList());
        }
    }

    private List<String> agentProcesses() {
        return sandbox.processesRunning("nftkeeper-agent-");
    }
}
