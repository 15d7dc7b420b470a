package io.nftkeeper.acceptance.drift;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.cli.Main;
import io.nftkeeper.cli.drift.AgentHostChecker;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One {@code nftkeeper} command line run: in this JVM (fast), or through the launcher script and runnable jar. */
record CliRun(int exitCode, String stdout, String stderr, Duration wallTime) {

    static CliRun inProcess(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int exit = Main.run(
                args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                InputStream.nullInputStream(),
                AgentHostChecker::new);
        return new CliRun(
                exit,
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** {@code cli/target/dist/nftkeeper}, the launcher next to the shaded jar ({@code mvn -pl cli package}). */
    static CliRun launcher(List<String> args, Duration timeout) {
        Path repository = SandboxHost.script().getParent().getParent();
        Path launcher = repository.resolve("cli/target/dist/nftkeeper");
        if (!Files.isRegularFile(launcher) || !Files.isRegularFile(launcher.resolveSibling("nftkeeper-cli.jar"))) {
            throw new IllegalStateException(launcher + " or its nftkeeper-cli.jar is missing: build the cli first "
                    + "(mvn -pl cli -am package)");
        }
        List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
        command.addAll(args);
        long start = System.nanoTime();
        CommandRun run = CommandRun.of(timeout, command);
        return new CliRun(run.exitCode(), run.stdout(), run.stderr(), Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
