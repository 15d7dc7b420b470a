package io.nftkeeper.acceptance.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.FileTrees;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.transport.AgentConnections;
import io.nftkeeper.transport.AgentJar;
import io.nftkeeper.transport.AgentLaunch;
import io.nftkeeper.transport.AgentTarget;
import io.nftkeeper.transport.Secret;
import io.nftkeeper.transport.SshTarget;
import io.nftkeeper.transport.TransportSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident agent on real sshd in sandbox hosts: one agent serves every client of a host (two terraform runs at
 * once), comes back after being killed, exits when idle, drains when a newer build arrives, is reached over exec
 * where sshd forbids socket forwarding, and answers nobody but root.
 */
class ResidentAgentIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final String PREFIX = "res" + ProcessHandle.current().pid() + "-";
    private static final int RULES = 20;

    private static Path agentDirectory;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @TempDir
    Path workDir;

    @BeforeAll
    static void agentDirectoryOfThisRun() throws IOException {
        agentDirectory = Files.createTempDirectory("nftkeeper-resident-it-");
    }

    @AfterAll
    static void removeAgentDirectory() throws IOException {
        FileTrees.delete(agentDirectory);
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void twoTerraformRunsAtOnceAreServedByOneResidentAgentWithoutLosingEitherChange() throws Exception {
        SandboxHost host = sandbox("two");
        Terraform a = Terraform.in(workDir.resolve("a")).config(config(host, "res_a"));
        Terraform b = Terraform.in(workDir.resolve("b")).config(config(host, "res_b"));
        a.init();
        b.init();
        a.plan().assertExit(2);
        long resident = residentAgents(host).stream()
                .findFirst()
                .orElseThrow(() -> new AssertionError("no resident agent after the first plan"));

        // the providers' debug lines say why, should a connection go over exec instead
        Map<String, String> debug = Map.of("TF_LOG_PROVIDER", "DEBUG");
        TerraformProcess first = TerraformProcess.start(a.dir(), debug, "apply", "-input=false", "-auto-approve");
        TerraformProcess second = TerraformProcess.start(b.dir(), debug, "apply", "-input=false", "-auto-approve");
        Set<Long> agentsSeen = new HashSet<>();
        int samples = 0;
        while (first.isAlive() || second.isAlive()) {
            agentsSeen.addAll(agentJvms(host));
            samples++;
            Thread.sleep(20);
        }
        assertThat(first.await(TIMEOUT)).as(first.output()).isZero();
        assertThat(second.await(TIMEOUT)).as(second.output()).isZero();

        System.err.println(
                "ResidentAgentIT: " + samples + " process samples during both applies, agent JVMs seen: " + agentsSeen);
        assertThat(agentsSeen)
                .as(
                        "every agent JVM seen while both ran; the providers said:%n%s",
                        (first.output() + second.output())
                                .lines()
                                .filter(line -> line.contains("agent") && !line.contains("agent call"))
                                .collect(Collectors.joining("\n")))
                .containsOnly(resident);
        assertThat(host.exec("nft", "-s", "list", "table", "inet", "res_a")).contains("tcp dport 1019 accept");
        assertThat(host.exec("nft", "-s", "list", "table", "inet", "res_b")).contains("tcp dport 1019 accept");
        assertThat(Files.readString(host.sshdLog().resolveSibling("agent-state/managed-tables.json")))
                .contains("res_a")
                .contains("res_b");
        a.plan().assertExit(0);
        b.plan().assertExit(0);

        // killed: the next command starts it again
        CommandRun.of(TIMEOUT, List.of("kill", "-KILL", String.valueOf(resident)))
                .stdoutOrThrow();
        await(() -> ProcessHandle.of(resident).isEmpty(), "the killed agent to go");
        a.plan().assertExit(0);
        assertThat(residentAgents(host)).as("a new resident agent").hasSize(1).doesNotContain(resident);
        a.destroy();
        b.destroy();
    }

    @Test
    void withoutClientsTheAgentExitsAfterItsIdleTimeout() throws Exception {
        SandboxHost host = sandbox("idle");
        long started = System.nanoTime();
        AgentConnections pool = new AgentConnections(TransportSettings.defaults());
        AgentClient client = pool.agentFor(target(host, Duration.ofSeconds(3)));
        long firstContact = System.nanoTime() - started;
        long warmCall = timeHello(client);
        List<Long> agents = residentAgents(host);
        assertThat(agents).hasSize(1);
        assertThat(commandLine(agents.get(0))).contains("--idle-timeout 3");
        pool.close();
        long closed = System.nanoTime();

        await(() -> ProcessHandle.of(agents.get(0)).isEmpty(), "the idle agent to exit");

        System.err.printf(
                Locale.ROOT,
                "ResidentAgentIT: rough timings (not a bench figure): first contact with the "
                        + "jar cached, no agent running %d ms, warm hello %.2f ms, idle exit %d ms after the last "
                        + "client left (timeout 3 s)%n",
                firstContact / 1_000_000,
                warmCall / 1e6,
                (System.nanoTime() - closed) / 1_000_000);
        try (Stream<Path> files = Files.list(host.agentRuntimeDirectory())) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .as("no socket or pid file left")
                    .noneMatch(name -> name.endsWith(".sock") || name.endsWith(".pid"));
        }
        // a second provider process starts it again, and then reaches it without starting anything
        AgentConnections again = pool(TransportSettings.defaults());
        started = System.nanoTime();
        again.agentFor(target(host, Duration.ofMinutes(1))).hello("resident-it");
        long restarted = System.nanoTime() - started;
        AgentConnections warm = pool(TransportSettings.defaults());
        started = System.nanoTime();
        warm.agentFor(target(host, Duration.ofMinutes(1))).hello("resident-it");
        System.err.printf(
                Locale.ROOT,
                "ResidentAgentIT: rough timings: connect + start + hello %d ms, connect to "
                        + "the running agent + hello %d ms%n",
                restarted / 1_000_000,
                (System.nanoTime() - started) / 1_000_000);
        assertThat(residentAgents(host)).hasSize(1);
    }

    /**
     * A later connection of this process goes to the agent's socket at once: it does not probe the host's files
     * (which would find the jar missing and upload it again). Once that agent is gone, the next connection probes,
     * installs and starts it as on first contact.
     */
    @Test
    void aLaterConnectionReachesTheRunningAgentWithoutProbingItsFilesAgain() throws Exception {
        SandboxHost host = sandbox("known");
        AgentTarget target = target(host, Duration.ofMinutes(5));
        pool(TransportSettings.defaults()).agentFor(target).hello("resident-it");
        long agent = residentAgents(host).stream().findFirst().orElseThrow();
        Path jar = agentDirectory.resolve(AgentJar.bundled().fileName());
        Files.delete(jar);

        pool(TransportSettings.defaults()).agentFor(target).hello("resident-it");
        assertThat(jar)
                .as("not uploaded again: nothing probed the host's files")
                .doesNotExist();
        assertThat(residentAgents(host)).containsExactly(agent);

        ProcessHandle.of(agent).ifPresent(ProcessHandle::destroy);
        await(() -> ProcessHandle.of(agent).isEmpty(), "the killed agent to exit");
        pool(TransportSettings.defaults()).agentFor(target).hello("resident-it");
        assertThat(jar)
                .as("the agent gone, the next connection installed it again")
                .exists();
        assertThat(residentAgents(host)).hasSize(1).doesNotContain(agent);
    }

    @Test
    void aNewerAgentBuildDrainsTheOlderOneWhichExitsWhenItsLastClientLeaves() throws Exception {
        SandboxHost host = sandbox("upgrade");
        AgentJar older = AgentJar.bundled();
        AgentJar newer = AgentJar.of(withExtraEntry(bundledJarBytes()));
        assertThat(newer.sha256()).isNotEqualTo(older.sha256());

        AgentConnections olderPool = new AgentConnections(TransportSettings.defaults(), older);
        toClose.add(olderPool);
        AgentClient olderClient = olderPool.agentFor(target(host, Duration.ofMinutes(5)));
        olderClient.apply(
                Transaction.builder().add(new Table(Family.INET, "res_old")).build());
        long olderAgent = residentAgents(host).stream().findFirst().orElseThrow();

        AgentConnections newerPool = pool(TransportSettings.defaults(), newer);
        newerPool.agentFor(target(host, Duration.ofMinutes(5))).hello("resident-it-newer");
        List<Long> agents = residentAgents(host);
        long newerAgent =
                agents.stream().filter(pid -> pid != olderAgent).findFirst().orElseThrow();
        assertThat(commandLine(newerAgent)).contains(newer.fileName());

        // draining: it accepts no new client (its socket is gone) but still serves the one it has
        await(
                () -> !Files.exists(host.agentRuntimeDirectory().resolve(socketName(older))),
                "the older agent's socket to go");
        assertThat(ProcessHandle.of(olderAgent)).isPresent();
        assertThat(olderClient.listAll().tables()).isNotNull();
        olderClient.apply(
                Transaction.builder().add(new Table(Family.INET, "res_old2")).build());

        olderPool.close();
        await(() -> ProcessHandle.of(olderAgent).isEmpty(), "the drained older agent to exit");
        assertThat(ProcessHandle.of(newerAgent)).isPresent();
        assertThat(host.nft("list tables")).contains("table inet res_old").contains("table inet res_old2");
        assertThat(Files.readString(host.agentRuntimeDirectory().resolve(socketName(older) + ".log")))
                .contains("stop requested")
                .contains("drained: exiting");
    }

    @Test
    void whereSshdForbidsSocketForwardingTheAgentRunsOverExec() throws Exception {
        SandboxHost host = SandboxHost.upWithoutStreamLocal(PREFIX + "exec");
        toClose.add(host);
        AgentConnections pool = pool(TransportSettings.defaults());

        AgentClient client = pool.agentFor(target(host, Duration.ofMinutes(1)));
        client.apply(
                Transaction.builder().add(new Table(Family.INET, "res_exec")).build());

        assertThat(host.nft("list tables")).contains("table inet res_exec");
        // sshd answers "connect failed" whether nothing listens or forwarding is forbidden, so the first contact
        // starts a resident agent (it idles out unused); the apply went through an agent over exec
        List<Long> perConnection = new ArrayList<>(agentJvms(host));
        perConnection.removeAll(residentAgents(host));
        assertThat(perConnection).as("agents over exec").hasSize(1);

        // a second connection finds the resident agent listening yet unreachable, and goes over exec at once
        AgentConnections second = pool(TransportSettings.defaults());
        second.agentFor(target(host, Duration.ofMinutes(1))).hello("resident-it");
        List<Long> now = new ArrayList<>(agentJvms(host));
        now.removeAll(residentAgents(host));
        assertThat(now).as("agents over exec").hasSize(2);
        assertThat(residentAgents(host)).hasSize(1);
    }

    @Test
    void anotherLocalUserCannotUseTheAgentEvenWhenTheSocketsModeLetsIt() throws Exception {
        SandboxHost host = sandbox("user");
        pool(TransportSettings.defaults())
                .agentFor(target(host, Duration.ofMinutes(5)))
                .hello("resident-it");
        Path socket = host.agentRuntimeDirectory().resolve(socketName(AgentJar.bundled()));
        String user = "nkres" + (ProcessHandle.current().pid() % 100000);
        CommandRun.of(TIMEOUT, List.of("useradd", "--no-create-home", "--shell", "/bin/sh", user))
                .stdoutOrThrow();
        try {
            String hello = "{\"id\":1,\"method\":\"hello\",\"params\":{\"client\":\"x\",\"protocolVersion\":1}}";
            CommandRun asIs = SandboxHost.sendAsUser(user, socket, hello);
            assertThat(asIs.stdout()).doesNotContain("result");
            assertThat(asIs.stderr()).containsIgnoringCase("permission denied");

            // even a socket opened up by mistake answers only root: SO_PEERCRED
            CommandRun.of(
                            TIMEOUT,
                            List.of(
                                    "chmod",
                                    "0711",
                                    host.agentRuntimeDirectory().toString()))
                    .stdoutOrThrow();
            CommandRun.of(TIMEOUT, List.of("chmod", "0666", socket.toString())).stdoutOrThrow();
            CommandRun widened = SandboxHost.sendAsUser(user, socket, hello);
            assertThat(widened.stdout()).doesNotContain("result");
            assertThat(Files.readString(Path.of(socket + ".log"))).contains("refused a connection from user " + user);
        } finally {
            CommandRun.of(TIMEOUT, List.of("userdel", user));
        }
    }

    private SandboxHost sandbox(String name) {
        SandboxHost host = SandboxHost.up(PREFIX + name);
        toClose.add(host);
        return host;
    }

    private AgentConnections pool(TransportSettings settings) {
        AgentConnections pool = new AgentConnections(settings);
        toClose.add(pool);
        return pool;
    }

    private AgentConnections pool(TransportSettings settings, AgentJar jar) {
        AgentConnections pool = new AgentConnections(settings, jar);
        toClose.add(pool);
        return pool;
    }

    private static AgentTarget target(SandboxHost host, Duration idleTimeout) {
        return new AgentTarget(
                SshTarget.pinned(
                        host.address(), host.port(), host.user(), new Secret(host.privateKey()), host.hostKey()),
                AgentLaunch.defaults().withDirectory(agentDirectory.toString()).withIdleTimeout(idleTimeout));
    }

    private static String socketName(AgentJar jar) {
        return "agent-" + jar.sha256().substring(0, 16) + ".sock";
    }

    private static long timeHello(AgentClient client) {
        client.hello("resident-it");
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            long started = System.nanoTime();
            client.hello("resident-it");
            best = Math.min(best, System.nanoTime() - started);
        }
        return best;
    }

    private static byte[] bundledJarBytes() throws IOException {
        try (java.io.InputStream in = AgentJar.class.getResourceAsStream(AgentJar.BUNDLED_RESOURCE)) {
            assertThat(in).as("the agent jar bundled into transport").isNotNull();
            return in.readAllBytes();
        }
    }

    /** A copy of {@code jar} with one more entry: the same agent, another sha256 (another build). */
    private static byte[] withExtraEntry(byte[] jar) throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(copy)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("resident-it-build.txt"));
            out.write("another build".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return copy.toByteArray();
    }

    private static String config(SandboxHost host, String table) {
        return Hcl.provider(host)
                + Hcl.table("t", "inet", table)
                + Hcl.chainC(
                        "c",
                        IntStream.range(0, RULES)
                                .mapToObj(i -> "tcp dport " + (1000 + i) + " accept")
                                .toList());
    }

    /** Agent JVMs (resident or per connection) in the sandbox's namespace. */
    private static List<Long> agentJvms(SandboxHost host) {
        return CommandRun.of(Duration.ofSeconds(30), List.of("ip", "netns", "pids", host.netns()))
                .stdoutOrThrow()
                .lines()
                .filter(pid -> !pid.isBlank())
                .map(Long::parseLong)
                .filter(pid -> commandLine(pid).contains("nftkeeper-agent-")
                        && commandLine(pid).contains(" serve"))
                .toList();
    }

    private static List<Long> residentAgents(SandboxHost host) {
        return agentJvms(host).stream()
                .filter(pid -> commandLine(pid).contains("--socket"))
                .toList();
    }

    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"))
                    .replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
