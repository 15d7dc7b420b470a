package io.nftkeeper.acceptance.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A sandbox host started by {@code scripts/sandbox-host}: a network namespace reachable over a veth pair, running its
 * own sshd. {@link #close()} removes all of it; a JVM shutdown hook does the same if a test forgets.
 */
public final class SandboxHost implements AutoCloseable {

    /** System property naming the repository root; without it the root is searched upwards from the working dir. */
    public static final String REPO_PROPERTY = "nftkeeper.repo";
    /**
     * System property put before every sandbox name, so that runs of the same tests from several checkouts on one
     * machine never meet (default: none).
     */
    public static final String PREFIX_PROPERTY = "nftkeeper.sandbox.prefix";

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(60);

    private final Path script;
    private final Map<String, String> fields;
    private final Thread safetyNet;
    private boolean closed;

    private SandboxHost(Path script, Map<String, String> fields) {
        this.script = script;
        this.fields = fields;
        this.safetyNet = new Thread(() -> down(script, name()), "sandbox-down-" + name());
        Runtime.getRuntime().addShutdownHook(safetyNet);
    }

    /** Starts sandbox {@code name} (namespace {@code nk-NAME}); fails with the script's message if it cannot. */
    /**
     * Starts sandbox {@code name} with {@code scripts/sandbox-host}'s options, e.g. {@code --no-sftp} (sshd without
     * the sftp subsystem) or {@code --no-java} (SSH commands find no java on their PATH).
     */
    public static SandboxHost up(String name, String... options) {
        List<String> arguments = new ArrayList<>(List.of("up", System.getProperty(PREFIX_PROPERTY, "") + name));
        arguments.addAll(List.of(options));
        return start(arguments);
    }

    /**
     * Starts sandbox {@code name} whose sshd refuses to forward to Unix sockets ({@code AllowStreamLocalForwarding
     * no}): clients cannot reach a resident agent there.
     */
    public static SandboxHost upWithoutStreamLocal(String name) {
        return up(name, "--no-streamlocal");
    }

    /**
     * Starts sandbox {@code name} reachable only from inside {@code bastion} (no route from this machine), as a host
     * behind a jump host. Close it before the bastion.
     */
    public static SandboxHost upBehind(String name, SandboxHost bastion) {
        return start(List.of("up", System.getProperty(PREFIX_PROPERTY, "") + name, "--behind", bastion.name()));
    }

    private static SandboxHost start(List<String> arguments) {
        Path script = script();
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(arguments);
        CommandRun run = CommandRun.of(SCRIPT_TIMEOUT, command);
        if (!run.succeeded()) {
            throw new SandboxException("scripts/sandbox-host " + String.join(" ", arguments) + " failed (exit "
                    + run.exitCode() + "): " + run.stderr().strip());
        }
        return new SandboxHost(script, parse(run.stdout()));
    }

    /** The path of {@code scripts/sandbox-host} in this repository. */
    public static Path script() {
        String configured = System.getProperty(REPO_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path candidate = Path.of(configured).resolve("scripts/sandbox-host");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
            throw new SandboxException(REPO_PROPERTY + "=" + configured + " has no executable scripts/sandbox-host");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts/sandbox-host");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new SandboxException("scripts/sandbox-host not found above "
                + Path.of("").toAbsolutePath() + "; set -D" + REPO_PROPERTY + "=<repository root>");
    }

    public String name() {
        return field("name");
    }

    public String netns() {
        return field("netns");
    }

    /** The sandbox's own address, where its sshd listens. */
    public String address() {
        return field("address");
    }

    public int port() {
        return Integer.parseInt(field("port"));
    }

    public String user() {
        return field("user");
    }

    /** This machine's end of the veth pair: the address the sandbox sees our connections come from. */
    public String hostAddress() {
        return field("host_address");
    }

    public String hostInterface() {
        return field("host_interface");
    }

    public Path privateKeyPath() {
        return Path.of(field("private_key"));
    }

    /** The client private key in OpenSSH format. */
    public String privateKey() {
        try {
            return Files.readString(privateKeyPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sshd's public host key as {@code ssh-ed25519 AAAA...}. */
    public String hostKey() {
        return field("host_key");
    }

    /** {@code SHA256:...} of the host key, as ssh-keygen prints it. */
    public String hostKeyFingerprint() {
        return field("host_key_fingerprint");
    }

    public Path knownHostsFile() {
        return Path.of(field("known_hosts"));
    }

    /** The file {@code sshd} logs to: one {@code Accepted publickey} line per login. */
    public Path sshdLog() {
        return Path.of(field("sshd_log"));
    }

    /** How many logins sshd accepted so far. */
    public long acceptedLogins() {
        return sshdLogLines(line -> line.contains("Accepted publickey"));
    }

    /** How many connections from this machine ended before any login (the client refused the host key, say). */
    public long connectionsEndedBeforeLogin() {
        return sshdLogLines(
                line -> line.startsWith("Disconnected from " + hostAddress() + " port") && line.endsWith("[preauth]"));
    }

    private long sshdLogLines(Predicate<String> matching) {
        try {
            return Files.readAllLines(sshdLog()).stream().filter(matching).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where this sandbox's resident agents put their sockets ({@code NFTKEEPER_RUNTIME_DIR} via sshd's SetEnv). */
    public Path agentRuntimeDirectory() {
        return sshdLog().resolveSibling("agent-run");
    }

    /** The file sshd reads authorized keys from, for every user: another key appended here may log in too. */
    public Path authorizedKeysFile() {
        return sshdLog().resolveSibling("authorized_keys");
    }

    /** Runs a command inside the sandbox's network namespace and returns its stdout; fails on a non-zero exit. */
    public String exec(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns()));
        full.addAll(List.of(command));
        return CommandRun.of(EXEC_TIMEOUT, full).stdoutOrThrow();
    }

    /**
     * Sends {@code count} ICMP echo requests from this machine to the sandbox and fails unless each is answered, so
     * a rule counting them has counted exactly {@code count} packets.
     */
    public void ping(int count) {
        CommandRun run = CommandRun.of(
                EXEC_TIMEOUT,
                List.of("ping", "-n", "-q", "-c", String.valueOf(count), "-i", "0.2", "-W", "2", address()));
        if (run.exitCode() != 0) {
            throw new SandboxException(
                    "ping " + address() + " failed (exit " + run.exitCode() + "): " + run.stdout() + run.stderr());
        }
    }

    /** The pids of the processes in the sandbox's namespace whose command line contains {@code part}. */
    public List<String> processesRunning(String part) {
        return CommandRun.of(EXEC_TIMEOUT, List.of("ip", "netns", "pids", netns()))
                .stdoutOrThrow()
                .lines()
                .filter(pid -> commandLine(pid).contains(part))
                .toList();
    }

    /**
     * Ends the agent JVMs in this sandbox's namespace (SIGTERM; a resident one removes its socket) and waits until
     * they are gone: the next connection then starts an agent from the host's files, after checking them.
     */
    public void stopAgents() {
        List<String> agents = processesRunning("nftkeeper-agent-");
        agents.forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroy));
        long deadline = System.nanoTime() + EXEC_TIMEOUT.toNanos();
        while (agents.stream().anyMatch(pid -> !commandLine(pid).isEmpty())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("agents " + agents + " in " + netns() + " did not exit");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the agents to exit", e);
            }
        }
    }

    /** The command line of process {@code pid}, arguments joined by spaces; empty once it is gone. */
    public static String commandLine(String pid) {
        try {
            return Files.readString(Path.of("/proc", pid, "cmdline")).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    /**
     * Sends {@code line} to the Unix socket {@code socket} as the local user {@code user} ({@code nc -U}) and returns
     * what came back: whether that user can talk to a resident agent.
     */
    public static CommandRun sendAsUser(String user, Path socket, String line) {
        return CommandRun.of(
                Duration.ofSeconds(20),
                List.of(
                        "runuser",
                        "-u",
                        user,
                        "--",
                        "sh",
                        "-c",
                        "printf '%s\\n' '" + line + "' | timeout 5 nc -U -q 2 " + socket));
    }

    /** Runs {@code nft} inside the sandbox, e.g. {@code nft("list tables")}; nft joins its arguments itself. */
    public String nft(String args) {
        return exec("nft", args);
    }

    /** Stops sshd and every process in the namespace, removes namespace, veth pair and state. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(safetyNet);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to; downing twice is harmless
        }
        keepLogs();
        CommandRun run = down(script, name());
        if (!run.succeeded()) {
            throw new SandboxException("scripts/sandbox-host down " + name() + " failed: "
                    + run.stderr().strip());
        }
    }

    /**
     * Copies the sandbox's sshd log and the agent's audit log (every change, with the client that made it) to
     * {@code target/sandbox-logs/NAME/}, so that a failed run can be read after the sandbox is gone.
     */
    private void keepLogs() {
        Path target = Path.of("target");
        if (!Files.isDirectory(target)) {
            return;
        }
        Path sandboxDir = sshdLog().getParent();
        Path kept = target.resolve("sandbox-logs").resolve(name());
        try {
            Files.createDirectories(kept);
            for (String log : List.of("sshd.log", "audit.log")) {
                Path from = sandboxDir.resolve(log);
                if (Files.isRegularFile(from)) {
                    Files.copy(from, kept.resolve(log), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.err.println("could not keep the logs of " + this + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "sandbox " + name() + " (" + user() + "@" + address() + ":" + port() + ", netns " + netns() + ")";
    }

    private static CommandRun down(Path script, String name) {
        return CommandRun.of(SCRIPT_TIMEOUT, List.of(script.toString(), "down", name));
    }

    private String field(String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new SandboxException("scripts/sandbox-host up printed no " + key + "= line");
        }
        return value;
    }

    private static Map<String, String> parse(String output) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return Map.copyOf(fields);
    }
}
