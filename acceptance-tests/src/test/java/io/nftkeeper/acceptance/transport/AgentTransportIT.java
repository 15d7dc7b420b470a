package io.nftkeeper.acceptance.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.FileTrees;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.protocol.wire.HelloResult;
import io.nftkeeper.transport.AgentConnections;
import io.nftkeeper.transport.AgentJar;
import io.nftkeeper.transport.AgentLaunch;
import io.nftkeeper.transport.AgentTarget;
import io.nftkeeper.transport.Fingerprints;
import io.nftkeeper.transport.HostAgent;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The SSH transport against a real sshd and the real agent, in a sandbox host per test. */
class AgentTransportIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    // inside 10.213.0.0/16 but never handed to a sandbox (the script keeps the last /30 free)
    private static final String NOBODY = "10.213.255.254";
    private static final String PREFIX = "tr" + ProcessHandle.current().pid() + "-";

    private static Path agentDirectory;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private SandboxHost sandbox;
    private TransportSettings settings;

    @BeforeAll
    static void agentDirectoryOfThisRun() throws IOException {
        // the sandbox shares this machine's file system; a private directory keeps other runs' jars out of the way
        agentDirectory = Files.createTempDirectory("nftkeeper-agent-it-");
    }

    @AfterAll
    static void removeAgentDirectory() throws IOException {
        FileTrees.delete(agentDirectory);
    }

    @BeforeEach
    void startSandbox(TestInfo test) {
        String method = test.getTestMethod().orElseThrow().getName();
        sandbox = SandboxHost.up(PREFIX + Integer.toHexString(method.hashCode()));
        toClose.add(sandbox);
        settings = TransportSettings.defaults();
    }

    @AfterEach
    void closeEverything() throws Exception {
        // reverse order: connections before the sandbox they point into
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void theAgentAnswersHelloAndAppliesToTheSandboxKernel() {
        AgentClient agent = pool().agentFor(pinnedTarget());

        HelloResult hello = agent.hello("agent-transport-it");
        assertThat(hello.protocolVersion()).isEqualTo(1);
        assertThat(hello.nftVersion()).isNotBlank();

        agent.apply(Transaction.builder().add(new Table(Family.INET, "t1")).build());
        assertThat(sandbox.nft("list tables")).contains("table inet t1");
    }

    @Test
    void aKnownHostsFileVerifiesTheHostToo() {
        SshTarget target = SshTarget.withKnownHosts(
                sandbox.address(),
                sandbox.port(),
                sandbox.user(),
                new Secret(sandbox.privateKey()),
                sandbox.knownHostsFile());

        assertThat(pool().agentFor(launched(target)).hello("agent-transport-it").protocolVersion())
                .isEqualTo(1);
    }

    @Test
    void concurrentCallersShareOneClientOverOneSshConnection() throws Exception {
        AgentConnections pool = pool();
        AgentTarget target = pinnedTarget();
        ExecutorService threads = Executors.newFixedThreadPool(10);
        try {
            List<Callable<AgentClient>> askers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                askers.add(() -> pool.agentFor(target));
            }
            List<AgentClient> clients = new ArrayList<>();
            for (Future<AgentClient> client : threads.invokeAll(askers)) {
                clients.add(client.get());
            }

            assertThat(clients).allSatisfy(client -> assertThat(client).isSameAs(clients.get(0)));
            assertThat(pool.agentFor(target)).isSameAs(clients.get(0));
            assertThat(establishedSshConnections()).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anAgentThatDiedIsStartedAgainOnTheNextRequest() throws InterruptedException {
        AgentConnections pool = pool();
        AgentClient first = pool.agentFor(pinnedTarget());
        first.hello("agent-transport-it");

        killAgentProcesses();

        AgentClient second = awaitNewClient(pool, first);
        assertThat(second.hello("agent-transport-it").protocolVersion()).isEqualTo(1);
    }

    @Test
    void aReadWhoseConnectionDiedIsSentAgainOverANewOne() {
        AgentConnections pool = pool();
        HostAgent agent = pool.agent(pinnedTarget());
        agent.apply(
                Transaction.builder().add(new Table(Family.INET, "survivor")).build());

        killAgentProcesses();

        assertThat(agent.list(List.of(new TableRef(Family.INET, "survivor"))).tables())
                .singleElement()
                .satisfies(table -> assertThat(table.exists()).isTrue());
    }

    @Test
    void aTamperedAgentJarOnTheHostIsUploadedAgain() throws IOException {
        pool().agentFor(pinnedTarget()).hello("agent-transport-it");
        Path installed = agentDirectory.resolve(AgentJar.bundled().fileName());
        Files.write(installed, new byte[] {'x'}, StandardOpenOption.APPEND);
        assertThat(Fingerprints.sha256Hex(Files.readAllBytes(installed)))
                .isNotEqualTo(AgentJar.bundled().sha256());
        // the agent from before still runs, and a later connection reaches it without checking files it will not
        // start from; once it is gone, the next connection checks them before it starts an agent
        sandbox.stopAgents();

        AgentClient agent = pool().agentFor(pinnedTarget());

        assertThat(agent.hello("agent-transport-it").protocolVersion()).isEqualTo(1);
        assertThat(Fingerprints.sha256Hex(Files.readAllBytes(installed)))
                .isEqualTo(AgentJar.bundled().sha256());
        try (Stream<Path> files = Files.list(agentDirectory)) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                    .as("no temporary upload or archive files are left behind: the jar, the archive and the sha256 "
                            + "recorded when the archive was made")
                    .containsExactlyInAnyOrder(
                            AgentJar.bundled().fileName(),
                            archive().getFileName().toString(),
                            archive().getFileName() + ".sha256");
        }
    }

    @Test
    void theFirstConnectionMakesTheClassDataArchiveAndLaterAgentsMapIt() throws Exception {
        AgentConnections first = pool();
        first.agentFor(pinnedTarget()).hello("agent-transport-it");
        assertThat(archive()).as("the class-data archive next to the jar").isNotEmptyFile();
        first.close();

        pool().agentFor(pinnedTarget()).hello("agent-transport-it");

        List<String> agents = agentProcesses();
        assertThat(agents).as("agent processes in %s", sandbox.netns()).isNotEmpty();
        for (String pid : agents) {
            assertThat(SandboxHost.commandLine(pid)).contains("-XX:SharedArchiveFile=" + archive());
            // mapped, not just named: the JVM silently ignores an archive it cannot use
            assertThat(Files.readString(Path.of("/proc", pid, "maps")))
                    .contains(archive().toString());
        }
    }

    @Test
    void aWrongHostKeyPinIsRefusedShowingBothFingerprints() throws IOException {
        // any other ed25519 key will do as the wrong pin: the sandbox's client key
        String otherKey =
                Files.readString(Path.of(sandbox.privateKeyPath() + ".pub")).strip();
        String otherFingerprint = CommandRun.of(
                        TIMEOUT, List.of("ssh-keygen", "-l", "-E", "sha256", "-f", sandbox.privateKeyPath() + ".pub"))
                .stdoutOrThrow()
                .split(" ")[1];
        SshTarget target = SshTarget.pinned(
                sandbox.address(), sandbox.port(), sandbox.user(), new Secret(sandbox.privateKey()), otherKey);

        assertThatThrownBy(() -> pool().agentFor(launched(target)))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith(
                        "host key verification failed for " + sandbox.address() + ":22: expected " + otherFingerprint
                                + ", the server presented " + sandbox.hostKeyFingerprint() + " (ssh-ed25519)");
    }

    @Test
    void aWrongPrivateKeyIsRefusedWithAClearMessage() throws IOException {
        Path dir = Files.createTempDirectory("nftkeeper-wrong-key-");
        try {
            CommandRun.of(TIMEOUT, List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir + "/key"))
                    .stdoutOrThrow();
            SshTarget target = SshTarget.pinned(
                    sandbox.address(),
                    sandbox.port(),
                    sandbox.user(),
                    new Secret(Files.readString(dir.resolve("key"))),
                    sandbox.hostKey());

            assertThatThrownBy(() -> pool().agentFor(launched(target)))
                    .isInstanceOf(TransportException.class)
                    .hasMessage("SSH authentication to root@" + sandbox.address()
                            + ":22 failed: the server rejected the private key");
        } finally {
            CommandRun.of(TIMEOUT, List.of("rm", "-rf", dir.toString())).stdoutOrThrow();
        }
    }

    @Test
    void anAddressWithoutARouteIsReportedAsUnreachable() {
        // Without this route the SYN would leave through the default gateway; the test must stay on this machine.
        CommandRun.of(TIMEOUT, List.of("ip", "route", "add", "unreachable", NOBODY + "/32"))
                .stdoutOrThrow();
        try {
            SshTarget target =
                    SshTarget.pinned(NOBODY, 22, "root", new Secret(sandbox.privateKey()), sandbox.hostKey());

            assertThatThrownBy(() -> pool().agentFor(launched(target)))
                    .isInstanceOf(TransportException.class)
                    .hasMessage("cannot reach " + NOBODY + ":22: No route to host (tried 3 times)");
        } finally {
            CommandRun.of(TIMEOUT, List.of("ip", "route", "del", "unreachable", NOBODY + "/32"))
                    .stdoutOrThrow();
        }
    }

    @Test
    void aHostThatNeverAnswersFailsAfterTheConnectTimeout() {
        sandbox.nft(
                "add table inet silence; add chain inet silence in { type filter hook input priority 0; policy drop; }");
        settings = settings.withConnectTimeout(Duration.ofSeconds(2));
        long started = System.nanoTime();

        assertThatThrownBy(() -> pool().agentFor(pinnedTarget()))
                .isInstanceOf(TransportException.class)
                .hasMessage("cannot reach " + sandbox.address() + ":22: no answer within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    private static Path archive() {
        return agentDirectory.resolve(AgentJar.bundled().fileName().replaceFirst("\\.jar$", ".jsa"));
    }

    private AgentConnections pool() {
        AgentConnections pool = new AgentConnections(settings);
        toClose.add(pool);
        return pool;
    }

    private AgentTarget pinnedTarget() {
        return launched(SshTarget.pinned(
                sandbox.address(),
                sandbox.port(),
                sandbox.user(),
                new Secret(sandbox.privateKey()),
                sandbox.hostKey()));
    }

    private static AgentTarget launched(SshTarget target) {
        return new AgentTarget(target, AgentLaunch.defaults().withDirectory(agentDirectory.toString()));
    }

    private List<String> establishedSshConnections() {
        return sandbox.exec("ss", "-H", "-t", "-n", "state", "established", "( sport = :22 )")
                .lines()
                .filter(line -> !line.isBlank())
                .toList();
    }

    /** Kills, by pid, the agent JVMs running in this sandbox's namespace (nothing else). */
    private void killAgentProcesses() {
        List<String> agents = agentProcesses();
        assertThat(agents).as("agent processes in %s", sandbox.netns()).isNotEmpty();
        List<String> kill = new ArrayList<>(List.of("kill", "-KILL"));
        kill.addAll(agents);
        CommandRun.of(TIMEOUT, kill).stdoutOrThrow();
    }

    private List<String> agentProcesses() {
        return sandbox.processesRunning("nftkeeper-agent-");
    }

    /** The pool notices the dead agent once SSH reports its channel closed, a moment after the kill. */
    private AgentClient awaitNewClient(AgentConnections pool, AgentClient old) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            AgentClient current = pool.agentFor(pinnedTarget());
            if (current != old) {
                return current;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the pool still hands out the dead agent's client after 10 s");
    }
}
