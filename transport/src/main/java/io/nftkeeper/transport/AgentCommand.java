package io.nftkeeper.transport;

import java.util.List;

/**
 * The command line that starts the agent on a host, with the java binary resolved to an absolute path. The same
 * remote command first checks that the directory, the jar ({@code sha256}) and the class-data-sharing archive
 * ({@link #archive()}) can be trusted ({@link TrustedAgentFiles}). Without sudo an archive that is missing or not the
 * one recorded is simply not mapped (the JVM starts slower); with sudo the command always names the archive, since
 * one fixed command line keeps one sudoers rule valid, and a mismatch refuses the start. A bundled runtime
 * ({@link AgentRuntime}) is checked file by file before its java runs.
 */
public record AgentCommand(String java, String jar, String sha256, boolean sudo) {

    /**
     * A small serial-GC heap: the agent is single-threaded and short-lived, and these flags measured the lowest peak
     * memory with no loss of speed on a 100k-element set (agent/README.md, "Performance"). The JVM's own warnings go
     * to stderr, not stdout, which carries only protocol messages (by default a stale archive is reported on stdout).
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx512m", "-Xss512k",
            "-Xlog:disable", "-Xlog:all=warning:stderr");

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
        String checks = TrustedAgentFiles.functions(sudo) + TrustedAgentFiles.requireTrustedDirectory(directory())
                + TrustedAgentFiles.requireIntactJar(jar, sha256) + TrustedAgentFiles.requireIntactRuntime(java);
        if (sudo) {
            return checks + TrustedAgentFiles.requireIntactArchive(archive()) + "exec sudo -n " + ShellQuote.quote(java)
                    + " " + String.join(" ", JVM_OPTIONS) + " " + ShellQuote.quote("-XX:SharedArchiveFile=" + archive())
                    + " -jar " + ShellQuote.quote(jar) + " serve";
        }
        return checks + TrustedAgentFiles.archiveOption(archive()) + "exec " + ShellQuote.quote(java) + " "
                + String.join(" ", JVM_OPTIONS) + " \"$nk_cds\" -jar " + ShellQuote.quote(jar) + " serve";
    }

    /** The directory of the jar: agent_dir. */
    public String directory() {
        int slash = jar.lastIndexOf('/');
        return slash <= 0 ? "/" : jar.substring(0, slash);
    }

    /** The sudoers rule that lets {@code user} start exactly this agent as root without a password. */
    public String sudoersLine(String user) {
        String command = java + " " + String.join(" ", JVM_OPTIONS) + " -XX:SharedArchiveFile=" + archive()
                + " -jar " + jar + " serve";
        return user + " ALL=(root) NOPASSWD: " + escapeForSudoers(command);
    }

    /** sudoers reads {@code , : = \} in command arguments as syntax unless escaped (sudoers(5), "Other special characters"). */
    private static String escapeForSudoers(String command) {
        return command.replaceAll("([,:=\\\\])", "\\\\$1");
    }
}
