package io.nftkeeper.agent;

import io.nftkeeper.agent.nft.StartupException;
import io.nftkeeper.agent.rollback.DetachedRollbackTimers;
import java.nio.file.Path;

/**
 * {@code serve [--state-dir DIR] [--audit-log FILE] [--socket PATH [--socket-group GROUP] [--idle-timeout SECONDS]]}
 * (the default; with {@code --socket} a resident agent, else stdio), {@code stop --socket PATH},
 * {@code drift [--state-dir DIR]}, {@code version}, or the internal
 * {@code rollback-timer --state-dir DIR --tx ID --after SECONDS [--audit-log FILE]} that serve starts for
 * commit-confirmed applies.
 */
record CommandLine(
        Mode mode,
        Path stateDirFlag,
        Path auditLogFlag,
        String txId,
        Long afterSeconds,
        Path socket,
        String socketGroup,
        Long idleTimeoutSeconds) {

    enum Mode {
        SERVE,
        STOP,
        DRIFT,
        VERSION,
        ROLLBACK_TIMER
    }

    /** A resident agent without {@code --idle-timeout} exits after 15 minutes without a client. */
    static final long DEFAULT_IDLE_TIMEOUT_SECONDS = 15 * 60;

    static final String USAGE = "usage: java -jar agent.jar [serve [--state-dir DIR] [--audit-log FILE] "
            + "[--socket PATH [--socket-group GROUP] [--idle-timeout SECONDS]] | stop --socket PATH "
            + "| drift [--state-dir DIR] | version]";

    CommandLine(Mode mode, Path stateDirFlag) {
        this(mode, stateDirFlag, null, null, null, null, null, null);
    }

    static CommandLine parse(String... args) {
        Mode mode = Mode.SERVE;
        Path stateDir = null;
        Path auditLog = null;
        String txId = null;
        Long after = null;
        Path socket = null;
        String socketGroup = null;
        Long idleTimeout = null;
        int i = 0;
        if (i < args.length && !args[i].startsWith("-")) {
            mode = switch (args[i]) {
                case "serve" -> Mode.SERVE;
                case "stop" -> Mode.STOP;
                case "drift" -> Mode.DRIFT;
                case "version" -> Mode.VERSION;
                case DetachedRollbackTimers.MODE -> Mode.ROLLBACK_TIMER;
                default -> throw usage("unknown command \"" + args[i] + "\"");
            };
            i++;
        }
        while (i < args.length) {
            String arg = args[i++];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean known = switch (name) {
                case "--state-dir" -> mode != Mode.VERSION && mode != Mode.STOP;
                case "--socket" -> mode == Mode.SERVE || mode == Mode.STOP;
                case "--socket-group", "--idle-timeout" -> mode == Mode.SERVE;
                case "--audit-log" -> mode == Mode.SERVE || mode == Mode.ROLLBACK_TIMER;
                case "--tx", "--after" -> mode == Mode.ROLLBACK_TIMER;
                default -> false;
            };
            String value = null;
            if (known && arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (known && i < args.length) {
                value = args[i++];
            }
            if (value == null) {
                throw usage("unexpected argument \"" + arg + "\"");
            }
            switch (name) {
                case "--state-dir" -> stateDir = Path.of(value);
                case "--audit-log" -> auditLog = Path.of(value);
                case "--tx" -> txId = value;
                case "--socket" -> socket = Path.of(value);
                case "--socket-group" -> socketGroup = value;
                case "--idle-timeout" -> idleTimeout = seconds(name, value);
                default -> after = seconds(name, value);
            }
        }
        if (mode == Mode.STOP && socket == null) {
            throw usage("stop needs --socket");
        }
        if (socket == null && (socketGroup != null || idleTimeout != null)) {
            throw usage("--socket-group and --idle-timeout need --socket");
        }
        if (mode == Mode.ROLLBACK_TIMER && (stateDir == null || txId == null || after == null)) {
            throw usage(DetachedRollbackTimers.MODE + " needs --state-dir, --tx and --after");
        }
        return new CommandLine(mode, stateDir, auditLog, txId, after, socket, socketGroup, idleTimeout);
    }

    /** Seconds without a client before a resident agent exits; 0: never. */
    long idleTimeout() {
        return idleTimeoutSeconds == null ? DEFAULT_IDLE_TIMEOUT_SECONDS : idleTimeoutSeconds;
    }

    private static long seconds(String flag, String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 0) {
                throw usage(flag + " needs whole seconds, not \"" + value + "\"");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw usage(flag + " needs whole seconds, not \"" + value + "\"");
        }
    }

    private static StartupException usage(String problem) {
        return new StartupException(StartupException.EXIT_USAGE, problem + "\n" + USAGE);
    }
}
