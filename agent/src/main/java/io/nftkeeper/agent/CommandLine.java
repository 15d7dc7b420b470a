package io.nftkeeper.agent;

import java.nio.file.Path;

/** {@code serve [--state-dir DIR]} (the default), {@code drift [--state-dir DIR]} or {@code version}. */
record CommandLine(Mode mode, Path stateDirFlag) {

    enum Mode { SERVE, DRIFT, VERSION }

    static final String USAGE = "usage: java -jar agent.jar [serve [--state-dir DIR] | drift [--state-dir DIR] | version]";

    static CommandLine parse(String... args) {
        Mode mode = Mode.SERVE;
        Path stateDir = null;
        int i = 0;
        if (i < args.length && !args[i].startsWith("-")) {
            mode = switch (args[i]) {
                case "serve" -> Mode.SERVE;
                case "drift" -> Mode.DRIFT;
                case "version" -> Mode.VERSION;
                default -> throw usage("unknown command \"" + args[i] + "\"");
            };
            i++;
        }
        while (i < args.length) {
            String arg = args[i++];
            if (mode != Mode.VERSION && arg.equals("--state-dir") && i < args.length) {
                stateDir = Path.of(args[i++]);
            } else if (mode != Mode.VERSION && arg.startsWith("--state-dir=")) {
                stateDir = Path.of(arg.substring("--state-dir=".length()));
            } else {
                throw usage("unexpected argument \"" + arg + "\"");
            }
        }
        return new CommandLine(mode, stateDir);
    }

    private static StartupException usage(String problem) {
        return new StartupException(StartupException.EXIT_USAGE, problem + "\n" + USAGE);
    }
}
