package io.nftkeeper.agent;

import java.nio.file.Path;

/**
 * {@code serve [--state-dir DIR] [--audit-log FILE]} (the default), {@code drift [--state-dir DIR]}, {@code version},
 * or the internal {@code rollback-timer --state-dir DIR --tx ID --after SECONDS [--audit-log FILE]} that serve starts
 * for commit-confirmed applies.
 */
record CommandLine(Mode mode, Path stateDirFlag, Path auditLogFlag, String txId, Long afterSeconds) {

    enum Mode { SERVE, DRIFT, VERSION, ROLLBACK_TIMER }

    static final String USAGE = "usage: java -jar agent.jar [serve [--state-dir DIR] [--audit-log FILE] "
            + "| drift [--state-dir DIR] | version]";

    CommandLine(Mode mode, Path stateDirFlag) {
        this(mode, stateDirFlag, null, null, null);
    }

    static CommandLine parse(String... args) {
        Mode mode = Mode.SERVE;
        Path stateDir = null;
        Path auditLog = null;
        String txId = null;
        Long after = null;
        int i = 0;
        if (i < args.length && !args[i].startsWith("-")) {
            mode = switch (args[i]) {
                case "serve" -> Mode.SERVE;
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
                case "--state-dir" -> mode != Mode.VERSION;
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
                default -> after = seconds(value);
            }
        }
        if (mode == Mode.ROLLBACK_TIMER && (stateDir == null || txId == null || after == null)) {
            throw usage(DetachedRollbackTimers.MODE + " needs --state-dir, --tx and --after");
        }
        return new CommandLine(mode, stateDir, auditLog, txId, after);
    }

    private static long seconds(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw usage("--after needs whole seconds, not \"" + value + "\"");
        }
    }

    private static StartupException usage(String problem) {
        return new StartupException(StartupException.EXIT_USAGE, problem + "\n" + USAGE);
    }
}
