package io.nftkeeper.provider.transport;

import java.util.List;

/** The command line that starts the agent on a host, with the java binary resolved to an absolute path. */
public record AgentCommand(String java, String jar, boolean sudo) {

    /**
     * A small serial-GC heap: the agent is single-threaded and short-lived, and these flags measured the lowest peak
     * memory with no loss of speed on a 100k-element set (agent/README.md, "Performance").
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx512m", "-Xss512k");

    /** What the remote shell runs; {@code sudo -n} never prompts, it fails when a password would be needed. */
    public String shellCommand() {
        return (sudo ? "sudo -n " : "") + ShellQuote.quote(java) + " " + String.join(" ", JVM_OPTIONS)
                + " -jar " + ShellQuote.quote(jar) + " serve";
    }

    /** The sudoers rule that lets {@code user} start exactly this agent as root without a password. */
    public String sudoersLine(String user) {
        String command = java + " " + String.join(" ", JVM_OPTIONS) + " -jar " + jar + " serve";
        return user + " ALL=(root) NOPASSWD: " + escapeForSudoers(command);
    }

    /** sudoers reads {@code , : = \} in command arguments as syntax unless escaped (sudoers(5), "Other special characters"). */
    private static String escapeForSudoers(String command) {
        return command.replaceAll("([,:=\\\\])", "\\\\$1");
    }
}
