package io.nftkeeper.transport;

import java.time.Duration;
import java.util.List;

/**
 * The command line that starts the agent on a host, with the java binary resolved to an absolute path. The same
 * remote command first checks that the directory, the jar ({@code sha256}) and the class-data-sharing archive
 * ({@link #archive()}) can be trusted ({@link TrustedAgentFiles}). Without sudo an archive that is missing or not the
 * one recorded is simply not mapped (the JVM starts slower); with sudo the command always names the archive, since
 * one fixed command line keeps one sudoers rule valid, and a mismatch refuses the start. A bundled runtime
 * ({@link AgentRuntime}) is checked file by file before its java runs.
 */
public record AgentCommand(String java, String jar, String sha256, boolean sudo, String socketDirectory) {

    /** Where resident agents listen unless the host's {@code NFTKEEPER_RUNTIME_DIR} says otherwise. */
    public static final String DEFAULT_SOCKET_DIRECTORY = "/run/nftkeeper";
    /** How long the start command waits for a resident agent to listen (a cold JVM on a busy host). */
    static final Duration RESIDENT_START_WAIT = Duration.ofSeconds(30);

    static final int EXIT_RESIDENT_FAILED = 6;
    private static final long LOG_ROTATE_BYTES = 1 << 20;

    /** Resident agents in {@link #DEFAULT_SOCKET_DIRECTORY}. */
    public AgentCommand(String java, String jar, String sha256, boolean sudo) {
        this(java, jar, sha256, sudo, DEFAULT_SOCKET_DIRECTORY);
    }

    /**
     * A small serial-GC heap: the agent is single-threaded and short-lived, and these flags measured the lowest peak
     * memory with no loss of speed on a 100k-element set (agent/README.md, "Performance"). The JVM's own warnings go
     * to stderr, not stdout, which carries only protocol messages (by default a stale archive is reported on stdout).
     */
    public static final List<String> JVM_OPTIONS =
            List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx512m", "-Xss512k", "-Xlog:disable", "-Xlog:all=warning:stderr");

    /** The archive next to the jar: {@code nftkeeper-agent-<sha256>.jsa}, so it belongs to exactly one agent build. */
    public String archive() {
        return archiveOf(jar);
    }

    static String archiveOf(String jar) {
        return (jar.endsWith(".jar") ? jar.substring(0, jar.length() - ".jar".length()) : jar) + ".jsa";
    }

    /**
     * What the remote shell runs: the checks, then java in place of the shell. {@code sudo -n} never prompts, it
     * fails when a password would be needed.
     */
    public String shellCommand() {
        String checks = trustChecks(sudo);
        if (sudo) {
            return checks + TrustedAgentFiles.requireIntactArchive(archive()) + "exec sudo -n " + ShellQuote.quote(java)
                    + " " + String.join(" ", JVM_OPTIONS) + " " + ShellQuote.quote("-XX:SharedArchiveFile=" + archive())
                    + " -jar " + ShellQuote.quote(jar) + " serve";
        }
        return checks + TrustedAgentFiles.archiveOption(archive()) + "exec " + ShellQuote.quote(java) + " "
                + String.join(" ", JVM_OPTIONS) + " \"$nk_cds\" -jar " + ShellQuote.quote(jar) + " serve";
    }

    /**
     * The socket of this build's resident agent: one per build (jar sha256), so an upgrade never reaches an old
     * agent; the new agent asks the old ones next to it to drain.
     */
    public String socket() {
        return socketDirectory + "/agent-" + sha256.substring(0, Math.min(16, sha256.length())) + ".sock";
    }

    /**
     * What the remote shell runs to start the resident agent detached from the SSH session ({@code setsid}, stdio on
     * {@code /dev/null}, stderr appended to {@code <socket>.log}, kept under 1 MiB): the same checks as
     * {@link #shellCommand}, then it waits until the agent wrote its pid file (it listens) and prints
     * {@code pid:<pid>}. If an agent of this build won the race to the socket, that one's pid. If one listens
     * already, it starts nothing and prints {@code running:<pid>} (so sshd, not the agent, refused the caller). Exit
     * {@value #EXIT_RESIDENT_FAILED} with the log's last lines when the agent exits or never listens.
     */
    public String residentStartCommand(Duration idleTimeout) {
        String socket = ShellQuote.quote(socket());
        long tries = RESIDENT_START_WAIT.toMillis() / 50;
        return trustChecks(false) + TrustedAgentFiles.archiveOption(archive())
                + "umask 077; mkdir -p " + ShellQuote.quote(socketDirectory) + " || exit " + EXIT_RESIDENT_FAILED + "; "
                + "s=" + socket + "; p=\"$s.pid\"; l=\"$s.log\"; o=$(cat \"$p\" 2>/dev/null); "
                + "if [ -S \"$s\" ] && [ -n \"$o\" ] && [ -d \"/proc/$o\" ]; then echo \"running:$o\"; exit 0; fi; "
                + "[ \"$(stat -c %s \"$l\" 2>/dev/null || echo 0)\" -lt " + LOG_ROTATE_BYTES
                + " ] || mv -f \"$l\" \"$l.1\"; "
                + "setsid " + ShellQuote.quote(java) + " " + String.join(" ", JVM_OPTIONS) + " \"$nk_cds\" -jar "
                + ShellQuote.quote(jar) + " serve --socket \"$s\" --idle-timeout " + idleTimeout.toSeconds()
                + " </dev/null >/dev/null 2>>\"$l\" & c=$!; "
                + "i=0; while [ $i -lt " + tries + " ]; do n=$(cat \"$p\" 2>/dev/null); "
                + "if [ -n \"$n\" ] && [ \"$n\" != \"$o\" ] && [ -d \"/proc/$n\" ]; then echo \"pid:$n\"; exit 0; fi; "
                + "if ! kill -0 $c 2>/dev/null; then wait $c; r=$?; n=$(cat \"$p\" 2>/dev/null); "
                + "if [ $r = 0 ] && [ -n \"$n\" ] && [ -d \"/proc/$n\" ]; then echo \"pid:$n\"; exit 0; fi; "
                + "tail -n 5 \"$l\" >&2; exit " + EXIT_RESIDENT_FAILED + "; fi; "
                + "sleep 0.05; i=$((i+1)); done; "
                + "echo \"the agent did not listen on $s within " + RESIDENT_START_WAIT.toSeconds() + " s\" >&2; "
                + "tail -n 5 \"$l\" >&2; exit " + EXIT_RESIDENT_FAILED;
    }

    /** Right before java starts: agent_dir, the jar and a bundled runtime are still what was checked. */
    private String trustChecks(boolean withSudo) {
        return TrustedAgentFiles.functions(withSudo)
                + TrustedAgentFiles.requireTrustedDirectory(directory())
                + TrustedAgentFiles.requireIntactJar(jar, sha256)
                + TrustedAgentFiles.requireIntactRuntime(java);
    }

    /** The directory of the jar: agent_dir. */
    public String directory() {
        int slash = jar.lastIndexOf('/');
        return slash <= 0 ? "/" : jar.substring(0, slash);
    }

    /** The sudoers rule that lets {@code user} start exactly this agent as root without a password. */
    public String sudoersLine(String user) {
        String command = java + " " + String.join(" ", JVM_OPTIONS) + " -XX:SharedArchiveFile=" + archive() + " -jar "
                + jar + " serve";
        return user + " ALL=(root) NOPASSWD: " + escapeForSudoers(command);
    }

    /** sudoers reads {@code , : = \} in command arguments as syntax unless escaped (sudoers(5), "Other special characters"). */
    private static String escapeForSudoers(String command) {
        return command.replaceAll("([,:=\\\\])", "\\\\$1");
    }
}
