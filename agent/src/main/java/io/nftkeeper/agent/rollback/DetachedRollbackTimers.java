package io.nftkeeper.agent.rollback;

import io.nftkeeper.protocol.NftkeeperException;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each rollback timer as {@code setsid sh -c 'sleep N; exec java -cp <agent jar> io.nftkeeper.agent.Main
 * rollback-timer ...'}: a new session without a controlling terminal, so neither the end of the SSH session (SIGHUP to
 * its session) nor the death of this agent ends it; stdin and stdout are /dev/null, stderr is appended to
 * {@code pending-rollback/timers.log}. (systemd-run would do the same on hosts with systemd; we cannot rely on it.)
 * The shell sleeps until {@link #STARTUP_LEAD} before the deadline and only then starts the timer's JVM, which waits
 * out the rest: a change confirmed in time (nearly all) ends the timer while it is a sleeping shell, and no JVM is
 * started for it. The jar is checked right before ({@link TrustedAgentJar}); it lives in a directory only root can
 * write. The timer's JVM maps no archive of ours, only the runtime's own.
 */
public final class DetachedRollbackTimers implements RollbackTimers {

    public static final String MODE = "rollback-timer";
    /**
     * The agent's entry point, which starts {@link RollbackTimer} for {@link #MODE}. Named, not referenced, so this
     * package does not depend on the one above it; a test checks that it names {@code Main}.
     */
    static final String ENTRY_POINT = "io.nftkeeper.agent.Main";

    static final String LOG_FILE = "timers.log";

    /** How long before the deadline the timer's JVM starts: time to start and load libnftables, also under load. */
    static final long STARTUP_LEAD_SECONDS = 3;

    /** {@code $0} names the process; {@code $1} is the sleep; the rest is the timer's command line. */
    private static final String SLEEP_THEN_RUN = "sleep \"$1\" && shift && exec \"$@\"";

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
        String java = javaExecutable();
        List<String> command = new ArrayList<>(List.of(
                "setsid",
                "sh",
                "-c",
                SLEEP_THEN_RUN,
                "nftkeeper-rollback-timer",
                Long.toString(Math.max(0, afterSeconds - STARTUP_LEAD_SECONDS)),
                java,
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
                    "cannot start the rollback timer (setsid sh, then " + java + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void stop(String txId, long pid) {
        ProcessHandle.of(pid).filter(process -> isTimerOf(process, txId)).ifPresent(timer -> {
            // while the shell sleeps, its sleep is a child that would outlive it by the rest of the timeout
            timer.descendants().forEach(ProcessHandle::destroy);
            timer.destroy();
        });
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
