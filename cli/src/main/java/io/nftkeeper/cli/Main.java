package io.nftkeeper.cli;

import io.nftkeeper.cli.drift.AgentHostChecker;
import io.nftkeeper.cli.drift.DriftCommand;
import io.nftkeeper.cli.importconfig.ImportConfigCommand;
import io.nftkeeper.cli.trace.TraceCommand;
import io.nftkeeper.cli.watch.WatchCommand;
import io.nftkeeper.protocol.NftkeeperException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nftkeeper}: the command line around the agents, for jobs and people rather than Terraform. */
@Command(
        name = "nftkeeper",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Drift jobs, live watching, packet tracing and import of existing tables for nftkeeper hosts.",
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 1)
public final class Main {

    public static void main(String[] args) {
        configureLogging();
        System.exit(run(args, System.out, System.err, System.in, AgentHostChecker::new));
    }

    /** Runs one command line; returns its exit code. Usage errors and input problems exit 1, like errors. */
    public static int run(
            String[] args, PrintStream out, PrintStream err, InputStream in, DriftCommand.HostCheckerFactory checkers) {
        CommandLine commandLine = new CommandLine(new Main())
                .addSubcommand(new DriftCommand(out, err, in, checkers))
                .addSubcommand(new WatchCommand(out, err, Clock.systemUTC()))
                .addSubcommand(new TraceCommand(out, err))
                .addSubcommand(new ImportConfigCommand(out, err))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler((e, cmd, parseResult) -> {
                    if (e instanceof NftkeeperException) {
                        err.println("nftkeeper: " + e.getMessage());
                        return 1;
                    }
                    throw e;
                });
        return commandLine.execute(args);
    }

    /**
     * Transport logs go to stderr (stdout carries reports) and only warnings show unless {@code NFTKEEPER_LOG} says
     * otherwise (e.g. info, debug). Set here, not in a properties file, so embedding the CLI changes nobody's logging.
     */
    private static void configureLogging() {
        String level = System.getenv("NFTKEEPER_LOG");
        // the provider jar also brings Terraform's JSON log format (hclog); people reading a terminal want plain lines
        System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN"); // no notice that the property above was obeyed
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level == null || level.isBlank() ? "warn" : level);
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showLogName", "false");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            try (InputStream in = Main.class.getResourceAsStream("/nftkeeper-cli.properties")) {
                Properties properties = new Properties();
                if (in != null) {
                    properties.load(in);
                }
                return new String[] {"nftkeeper " + properties.getProperty("version", "dev")};
            }
        }
    }
}
