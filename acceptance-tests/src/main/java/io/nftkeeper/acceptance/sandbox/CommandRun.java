package io.nftkeeper.acceptance.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The outcome of one finished command: its exit code and everything it wrote. */
public record CommandRun(List<String> command, int exitCode, String stdout, String stderr) {

    public static CommandRun of(Duration timeout, List<String> command) {
        return of(timeout, Map.of(), command);
    }

    /** Runs {@code command} with extra environment variables; stdout and stderr are drained concurrently. */
    public static CommandRun of(Duration timeout, Map<String, String> environment, List<String> command) {
        return run(timeout, environment, true, command);
    }

    /** Runs {@code command} with {@code environment} as its whole environment: nothing of this JVM's is passed on. */
    public static CommandRun isolated(Duration timeout, Map<String, String> environment, List<String> command) {
        return run(timeout, environment, false, command);
    }

    private static CommandRun run(
            Duration timeout, Map<String, String> environment, boolean inherit, List<String> command) {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (!inherit) {
            builder.environment().clear();
        }
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new SandboxException(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new CommandRun(List.copyOf(command), process.exitValue(), stdout.join(), stderr.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while running " + String.join(" ", command), e);
        }
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Returns stdout, or throws with the command, exit code and stderr if the command failed. */
    public String stdoutOrThrow() {
        if (!succeeded()) {
            throw new SandboxException(String.join(" ", command) + " failed (exit " + exitCode + "): "
                    + (stderr.isBlank() ? stdout : stderr).strip());
        }
        return stdout;
    }

    // One thread per stream, not the common pool: two blocking reads must never wait for each other.
    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (stream) {
                        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                task -> {
                    Thread reader = new Thread(task, "command-output-reader");
                    reader.setDaemon(true);
                    reader.start();
                });
    }
}
