package io.nftkeeper.transport;

import java.time.Duration;
import java.util.ArrayList;
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

    /**
     * With sudo, the resident agent's socket belongs to this group (0660 in a 0750 directory, both root's): the SSH
     * user must be a member (docs/guides/resident-agent.md), else the agent runs over exec.
     */
    public static final String SOCKET_GROUP = "nftkeeper";
    /** With sudo, the resident agent's stderr log in the SSH user's home ({@code SHA}: the socket's 16 hex). */
    static final String SUDO_LOG = ".nftkeeper-agent-SHA.log";

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
        return socketDirectory + "/agent-" + socketId() + ".sock";
    }

    private String socketId() {
        return sha256.substring(0, Math.min(16, sha256.length()));
    }

    /**
     * What the remote shell runs to start the resident agent detached from the SSH session ({@code setsid}, stdio on
     * {@code /dev/null}, stderr appended to a log kept under 1 MiB: {@code <socket>.log}, or with sudo
     * {@link #SUDO_LOG}): the same checks as {@link #shellCommand}, then it waits until the agent wrote its pid file
     * (it listens) and prints {@link ResidentStart#STARTED}{@code <pid>}. If an agent of this build won the race to
     * the socket, that one's pid. If one listens already, it starts nothing and prints {@link ResidentStart#RUNNING}
     * {@code <pid>} (so sshd, not the agent, refused the caller). With sudo the agent serves the socket to
     * {@link #SOCKET_GROUP}, and the command prints instead of starting anything, when that cannot work for this SSH
     * user: {@link ResidentStart#OUTSIDE_GROUP} (not a member), {@link ResidentStart#SUDO_REFUSED} (sudoers does not
     * allow {@link #residentServeArguments}), {@link ResidentStart#CLOSED} (the directory is not open to the group:
     * an agent of this build serves it without the group). Exit {@value #EXIT_RESIDENT_FAILED} with the log's last
     * lines when the agent exits or never listens.
     */
    public String residentStartCommand(Duration idleTimeout) {
        String socket = ShellQuote.quote(socket());
        String directory = ShellQuote.quote(socketDirectory);
        long tries = RESIDENT_START_WAIT.toMillis() / 50;
        String prepare;
        String log;
        String start;
        if (sudo) {
            String serve = String.join(
                    " ",
                    residentServeArguments(idleTimeout).stream()
                            .map(ShellQuote::quote)
                            .toList());
            // the SSH user can neither create the directory nor write in it: the agent, as root, makes it
            // 0750 root:group; the user logs to its home instead (tried in a subshell: a failed redirection of the
            // special builtin ':' would end sh)
            prepare = TrustedAgentFiles.requireIntactArchive(archive())
                    + "case \" $(id -Gn) \" in *\" " + SOCKET_GROUP + " \"*) ;; *) echo \""
                    + ResidentStart.OUTSIDE_GROUP + "$(id -un)\"; exit 0;; esac; ";
            log = "l=\"$HOME/" + SUDO_LOG.replace("SHA", socketId())
                    + "\"; ( : >>\"$l\" ) 2>/dev/null || l=/dev/null; ";
            start = "sudo -n -l " + serve + " >/dev/null 2>&1 || { echo \"" + ResidentStart.SUDO_REFUSED
                    + "\"; exit 0; }; setsid sudo -n " + serve;
        } else {
            prepare = TrustedAgentFiles.archiveOption(archive()) + "umask 077; mkdir -p " + directory + " || exit "
                    + EXIT_RESIDENT_FAILED + "; ";
            log = "l=\"$s.log\"; ";
            start = "setsid " + ShellQuote.quote(java) + " " + String.join(" ", JVM_OPTIONS) + " \"$nk_cds\" -jar "
                    + ShellQuote.quote(jar) + " serve --socket \"$s\" --idle-timeout " + idleTimeout.toSeconds();
        }
        String closed = sudo
                ? "if [ -e " + directory + " ] && [ ! -x " + directory + " ]; then echo \"" + ResidentStart.CLOSED
                        + "\"; exit 0; fi; "
                : "";
        return trustChecks(sudo) + prepare
                + "s=" + socket + "; p=\"$s.pid\"; " + log + "o=$(cat \"$p\" 2>/dev/null); "
                + "if [ -S \"$s\" ] && [ -n \"$o\" ] && [ -d \"/proc/$o\" ]; then echo \"" + ResidentStart.RUNNING
                + "$o\"; exit 0; fi; "
                + "[ \"$(stat -c %s \"$l\" 2>/dev/null || echo 0)\" -lt " + LOG_ROTATE_BYTES
                + " ] || mv -f \"$l\" \"$l.1\"; "
                + start + " </dev/null >/dev/null 2>>\"$l\" & c=$!; "
                // not kill -0: the SSH user may not signal the root process sudo becomes; a zombie has exited
                + "nk_gone() { case $(cut -d' ' -f3 \"/proc/$1/stat\" 2>/dev/null) in ''|Z|X) return 0;; esac; "
                + "return 1; }; "
                + "i=0; while [ $i -lt " + tries + " ]; do n=$(cat \"$p\" 2>/dev/null); "
                + "if [ -n \"$n\" ] && [ \"$n\" != \"$o\" ] && [ -d \"/proc/$n\" ]; then echo \""
                + ResidentStart.STARTED + "$n\"; exit 0; fi; "
                + "if nk_gone $c; then wait $c; r=$?; n=$(cat \"$p\" 2>/dev/null); "
                + "if [ $r = 0 ] && [ -n \"$n\" ] && [ -d \"/proc/$n\" ]; then echo \"" + ResidentStart.STARTED
                + "$n\"; exit 0; fi; "
                + closed
                + "tail -n 5 \"$l\" >&2; exit " + EXIT_RESIDENT_FAILED + "; fi; "
                + "sleep 0.05; i=$((i+1)); done; "
                + "echo \"the agent did not listen on $s within " + RESIDENT_START_WAIT.toSeconds() + " s\" >&2; "
                + "tail -n 5 \"$l\" >&2; exit " + EXIT_RESIDENT_FAILED;
    }

    /**
     * With sudo, the command that runs the resident agent as root, word by word: fixed (the archive always named,
     * the socket, its group and the idle timeout spelled out), so that one sudoers rule allows exactly it.
     */
    List<String> residentServeArguments(Duration idleTimeout) {
        List<String> arguments = new ArrayList<>();
        arguments.add(java);
        arguments.addAll(JVM_OPTIONS);
        arguments.addAll(List.of(
                "-XX:SharedArchiveFile=" + archive(),
                "-jar",
                jar,
                "serve",
                "--socket",
                socket(),
                "--socket-group",
                SOCKET_GROUP,
                "--idle-timeout",
                String.valueOf(idleTimeout.toSeconds())));
        return arguments;
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

    /**
     * The sudoers rule that lets {@code user} start exactly this build's resident agent, with this idle timeout, as
     * root without a password (next to {@link #sudoersLine}, which stays the fallback).
     */
    public String residentSudoersLine(String user, Duration idleTimeout) {
        return user + " ALL=(root) NOPASSWD: "
                + escapeForSudoers(String.join(" ", residentServeArguments(idleTimeout)));
    }

    /** sudoers reads {@code , : = \} in command arguments as syntax unless escaped (sudoers(5), "Other special characters"). */
    private static String escapeForSudoers(String command) {
        return command.replaceAll("([,:=\\\\])", "\\\\$1");
    }
}
