package io.nftkeeper.acceptance.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.FileTrees;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.sandbox.SudoersDropIn;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import io.nftkeeper.transport.AgentCommand;
import io.nftkeeper.transport.AgentJar;
import io.nftkeeper.transport.AgentLaunch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sudo = true} with a resident agent (docs/guides/resident-agent.md): a non-root SSH user in group
 * {@value AgentCommand#SOCKET_GROUP}, allowed by sudoers to run exactly the agent's serve commands, has every provider
 * command served by one resident agent that root runs; a local user outside the group cannot connect to its socket;
 * and without the resident sudoers line the same configuration still works, over exec.
 */
class ResidentSudoIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SUFFIX = String.valueOf(ProcessHandle.current().pid() % 100000);
    private static final String DEPLOY = "srdep" + SUFFIX;
    private static final String OUTSIDER = "srout" + SUFFIX;
    private static final String GROUP = AgentCommand.SOCKET_GROUP;
    private static final SudoersDropIn SUDOERS = SudoersDropIn.named("nftkeeper-sudores-it-" + SUFFIX);
    private static final String HELLO =
            "{\"id\":1,\"method\":\"hello\",\"params\":{\"client\":\"x\",\"protocolVersion\":1}}";

    private static SandboxHost host;
    private static Path agentDir;
    private static boolean groupCreated;
    private static String execSudoersLine;
    private static AgentCommand command;

    @TempDir
    static Path workDir;

    @BeforeAll
    static void hostUsersAndARootInstalledAgent() throws IOException {
        agentDir = Files.createTempDirectory("nftkeeper-sudores-it-");
        Files.setPosixFilePermissions(agentDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        host = SandboxHost.up("sudores");
        groupCreated = CommandRun.of(TIMEOUT, List.of("getent", "group", GROUP)).exitCode() != 0;
        if (groupCreated) {
            run("groupadd", "--system", GROUP);
        }
        for (String user : List.of(DEPLOY, OUTSIDER)) {
            CommandRun.of(TIMEOUT, List.of("userdel", user));
            run("useradd", "--no-create-home", "--shell", "/bin/sh", user);
            // a locked account ('!' password) may not log in even with a key; '*' means "no password" instead
            run("usermod", "-p", "*", user);
        }
        run("usermod", "-aG", GROUP, DEPLOY);

        // what the operator does first: root installs the agent as the provider's refusal says
        Terraform tf = terraform("install", "installed");
        String refusal = errorDetail(
                tf.run("apply", "-input=false", "-auto-approve", "-json").assertExit(1));
        String script = refusal.substring(
                refusal.indexOf("\n  sh -c ") + "\n  sh -c ".length(), refusal.indexOf("\nand allow "));
        CommandRun install = CommandRun.of(TIMEOUT, List.of("sh", "-c", "sh -c " + script));
        assertThat(install.exitCode()).as(install.stderr()).isZero();
        execSudoersLine = refusal.substring(refusal.lastIndexOf("\n  ") + 3).strip();
        String java = execSudoersLine.substring(execSudoersLine.indexOf("NOPASSWD: ") + "NOPASSWD: ".length())
                .split(" ")[0];
        AgentJar jar = AgentJar.bundled();
        command = new AgentCommand(
                java,
                agentDir + "/" + jar.fileName(),
                jar.sha256(),
                true,
                host.agentRuntimeDirectory().toString());
    }

    @AfterAll
    static void removeEverything() throws IOException {
        SUDOERS.remove();
        try {
            if (host != null) {
                host.close(); // every process of the sandbox, the resident agent included
            }
        } finally {
            for (String user : List.of(DEPLOY, OUTSIDER)) {
                CommandRun.of(TIMEOUT, List.of("userdel", user));
            }
            if (groupCreated) {
                CommandRun.of(TIMEOUT, List.of("groupdel", GROUP));
            }
            if (agentDir != null) {
                FileTrees.delete(agentDir);
            }
        }
    }

    @Test
    void twoProviderCommandsWithSudoShareOneResidentAgentThatOnlyTheGroupCanReach() throws Exception {
        stopResidentAgents();
        SUDOERS.install(envKept() + execSudoersLine + "\n"
                + command.residentSudoersLine(DEPLOY, AgentLaunch.DEFAULT_IDLE_TIMEOUT) + "\n");
        Terraform tf = terraform("resident", "sudores");

        Terraform.Result apply = tf.apply();
        assertThat(host.nft("list tables")).contains("table inet sudores");
        List<Long> first = residentAgents();
        assertThat(first)
                .as("one resident agent after the apply; the provider said: %s", residentLines(apply.stderr()))
                .hasSize(1);
        long agent = first.get(0);
        assertThat(uidOf(agent)).as("it runs as root").isEqualTo("0");
        assertThat(SandboxHost.commandLine(String.valueOf(agent))).contains("--socket-group " + GROUP);

        Set<Long> overExec = watchExecAgentsDuring(() -> tf.plan().assertExit(0));
        assertThat(overExec).as("agents started over exec during the plan").isEmpty();
        assertThat(residentAgents()).as("the plan reused the same agent").containsExactly(agent);

        Path socket = Path.of(command.socket());
        assertThat(modeAndGroup(host.agentRuntimeDirectory())).isEqualTo("750 root:" + GROUP);
        assertThat(modeAndGroup(socket)).isEqualTo("660 root:" + GROUP);
        assertThat(SandboxHost.sendAsUser(DEPLOY, socket, HELLO).stdout())
                .as("a member of the group")
                .contains("\"result\"");
        CommandRun outsider = SandboxHost.sendAsUser(OUTSIDER, socket, HELLO);
        assertThat(outsider.stdout()).doesNotContain("result");
        assertThat(outsider.stderr()).containsIgnoringCase("permission denied");

        // with the modes opened up by mistake, the agent's own credential check still refuses the outsider
        run("chmod", "0755", host.agentRuntimeDirectory().toString());
        run("chmod", "0666", socket.toString());
        assertThat(SandboxHost.sendAsUser(OUTSIDER, socket, HELLO).stdout()).doesNotContain("result");
        assertThat(SandboxHost.sendAsUser(DEPLOY, socket, HELLO).stdout()).contains("\"result\"");
        run("chmod", "0750", host.agentRuntimeDirectory().toString());
        run("chmod", "0660", socket.toString());

        tf.destroy();
        assertThat(residentAgents()).containsExactly(agent);

        // a member of the group stops it without sudo (docs/guides/resident-agent.md)
        CommandRun stop = CommandRun.of(
                TIMEOUT,
                List.of(
                        "runuser",
                        "-u",
                        DEPLOY,
                        "--",
                        command.java(),
                        "-jar",
                        command.jar(),
                        "stop",
                        "--socket",
                        socket.toString()));
        assertThat(stop.exitCode()).as(stop.stdout() + stop.stderr()).isZero();
        awaitNoResidentAgent();
    }

    @Test
    void withoutTheResidentSudoersLineTheSameConfigurationWorksOverExec() throws Exception {
        stopResidentAgents();
        SUDOERS.install(envKept() + execSudoersLine + "\n");
        Terraform tf = terraform("exec", "sudoexec");

        tf.apply();
        Terraform logged = tf.withEnvironment("TF_LOG", "DEBUG");
        AtomicReference<Terraform.Result> plan = new AtomicReference<>();
        Set<Long> overExec = watchExecAgentsDuring(() -> plan.set(logged.plan().assertExit(0)));
        assertThat(overExec).as("agents over exec during the plan").isNotEmpty();
        assertThat(residentAgents())
                .as("no resident agent without its sudoers line")
                .isEmpty();
        assertThat(plan.get().stderr())
                .as("the debug line says why, with the sudoers line that would allow it")
                .contains("sudo on " + host.address() + " does not let " + DEPLOY + " start the resident agent")
                .contains(command.residentSudoersLine(DEPLOY, AgentLaunch.DEFAULT_IDLE_TIMEOUT));

        // outside the group (from the next login on), the same: exec, and a debug line that says so
        run("gpasswd", "-d", DEPLOY, GROUP);
        try {
            Terraform.Result outside = logged.plan().assertExit(0);
            assertThat(outside.stderr())
                    .contains("the SSH user " + DEPLOY + " on " + host.address() + " is not in the group " + GROUP);
            assertThat(residentAgents()).isEmpty();
        } finally {
            run("usermod", "-aG", GROUP, DEPLOY);
        }
        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("sudoexec");
    }

    /** The provider's lines about the resident agent (with TF_LOG=DEBUG in the environment), to tell why not. */
    private static List<String> residentLines(String stderr) {
        return stderr.lines().filter(line -> line.contains("resident")).toList();
    }

    private static String envKept() {
        // sudo resets the environment; the sandbox's agent state directory and audit log must survive it
        return "Defaults:" + DEPLOY + " env_keep += \"NFTKEEPER_STATE_DIR NFTKEEPER_AUDIT_LOG\"\n";
    }

    private static Terraform terraform(String dir, String table) {
        String provider = Hcl.provider(host)
                .replace(
                        "host_key    =",
                        "agent_dir   = \"" + agentDir + "\"\n  user = \"" + DEPLOY
                                + "\"\n  sudo = true\n  host_key    =");
        Terraform tf = Terraform.in(workDir.resolve(dir)).config(provider + Hcl.table("t", "inet", table));
        tf.init();
        // each command here shows how a new login reaches the agent (sudoers and the group change between them):
        // none takes over a connection an earlier command left
        return tf.withEnvironment("NFTKEEPER_PROVIDER_KEEP_CONNECTIONS", "0");
    }

    /** The pids of agents started over exec (no {@code --socket}) seen while {@code action} ran, polled. */
    private static Set<Long> watchExecAgentsDuring(Runnable action) throws InterruptedException {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean done = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                agentProcesses().stream()
                        .filter(pid ->
                                !SandboxHost.commandLine(String.valueOf(pid)).contains("--socket"))
                        .forEach(seen::add);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        try {
            action.run();
        } finally {
            done.set(true);
            watcher.join();
        }
        return seen;
    }

    private static void stopResidentAgents() {
        residentAgents().forEach(pid -> CommandRun.of(TIMEOUT, List.of("kill", String.valueOf(pid))));
        awaitNoResidentAgent();
    }

    private static void awaitNoResidentAgent() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!residentAgents().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(residentAgents()).isEmpty();
    }

    /** The resident agents' JVMs in the sandbox (not the sudo processes that started them). */
    private static List<Long> residentAgents() {
        return agentProcesses().stream()
                .filter(pid -> SandboxHost.commandLine(String.valueOf(pid)).contains("--socket"))
                .toList();
    }

    /** Agent JVMs in the sandbox's namespace: resident or over exec; sudo's own processes left out. */
    private static List<Long> agentProcesses() {
        return host.processesRunning("nftkeeper-agent-").stream()
                .filter(pid -> {
                    String line = SandboxHost.commandLine(pid);
                    return line.contains(" serve") && !line.startsWith("sudo ") && !line.startsWith("setsid ");
                })
                .map(Long::parseLong)
                .toList();
    }

    private static String uidOf(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(line -> line.startsWith("Uid:"))
                .findFirst()
                .orElseThrow()
                .split("\\s+")[1];
    }

    private static String modeAndGroup(Path path) {
        return run("stat", "-c", "%a %U:%G", path.toString()).strip();
    }

    /** The detail of the one error diagnostic of a {@code -json} run: unwrapped, as the provider wrote it. */
    private static String errorDetail(Terraform.Result result) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String line : result.stdout().lines().toList()) {
            JsonNode message = json.readTree(line);
            if (message.path("@level").asText().equals("error") && message.has("diagnostic")) {
                JsonNode diagnostic = message.get("diagnostic");
                return diagnostic.path("summary").asText()
                        + diagnostic.path("detail").asText();
            }
        }
        throw new AssertionError("no error diagnostic in " + result.stdout());
    }

    private static String run(String... command) {
        return CommandRun.of(TIMEOUT, List.of(command)).stdoutOrThrow();
    }
}
