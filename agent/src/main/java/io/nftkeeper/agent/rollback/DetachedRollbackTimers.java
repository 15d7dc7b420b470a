package io.nftkeeper.agent.rollback;

import io.nftkeeper.protocol.NftkeeperException;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each rollback timer as {@code setsid java -cp <agent jar> io.nftkeeper.agent.Main rollback-timer ...}: a new
 * session without a controlling terminal, so neither the end of the SSH session (SIGHUP to its session) nor the
 * death of this agent ends it; stdin and stdout are /dev/null, stderr is appended to
 * {@code pending-rollback/timers.log}. (systemd-run would do the same on hosts with systemd; we cannot rely on it.)
 * The jar is checked right before ({@link TrustedAgentJar}); the timer's JVM maps no archive of ours, only the
 * runtime's own.
 */
public final class DetachedRollbackTimers implements RollbackTimers {

    public static final String MODE = "rollback-timer";
    /**
     * The agent's entry point, which starts {@link RollbackTimer} for {@link #MODE}. Named, not referenced, so this
     * package does not depend on the one above it; a test checks that it names {@code Main}.
     */
    static final String ENTRY_POINT = "io.nftkeeper.agent.Main";

    static final String LOG_FILE = "timers.log";

    private final Path stateDir;
    private final Path auditLog;

    public DetachedRollbackTimers(Path stateDir, Path auditLog) {
        this.stateDir = stateDir;
        this.auditLog = auditLog;
    }

    @Override
    public long start(String txId, long afterSeconds) {
        Path jar = agentJar();
        TrustedAgentJar.require(jar);
        List<String> command = new ArrayList<>(List.of(
                "setsid",
                javaExecutable(),
                "-Xmx48m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                jar.toString(),
                ENTRY_POINT,
                MODE,
                "--state-dir",
                stateDir.toString(),
                "--tx",
                txId,
                "--after",
                Long.toString(afterSeconds)));
        if (auditLog != null) {
            command.addAll(List.of("--audit-log", auditLog.toString()));
        }
        try {
            Process timer = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.appendTo(stateDir.resolve(PendingRollbacks.DIRECTORY)
                            .resolve(LOG_FILE)
                            .toFile()))
                    .start();
            return timer.pid();
        } catch (IOException e) {
            throw new NftkeeperException(
                    "cannot start the rollback timer (" + String.join(" ", command.subList(0, 2)) + "): "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public void stop(String txId, long pid) {
        ProcessHandle.of(pid).filter(process -> isTimerOf(process, txId)).ifPresent(ProcessHandle::destroy);
    }

    // the pid may have been reused since: only a process whose command line is our timer for this tx is ended
    private static boolean isTimerOf(ProcessHandle process, String txId) {
        List<String> arguments = process.info().arguments().map(List::of).orElse(List.of());
        int tx = arguments.indexOf("--tx");
        return arguments.contains(MODE)
                && tx >= 0
                && tx + 1 < arguments.size()
                && arguments.get(tx + 1).equals(txId);
    }

    private static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static Path agentJar() {
        try {
            return Path.of(DetachedRollbackTimers.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException | SecurityException e) {
            throw new NftkeeperException("cannot tell where the agent jar is: " + e.getMessage(), e);
        }
    }
}
