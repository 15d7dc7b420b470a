package io.nftkeeper.acceptance.reliability;

import io.nftkeeper.acceptance.terraform.ProviderMirror;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A terraform command running in the background, so a test can act while it runs (kill a process under it, start a
 * second one) and then wait for its outcome. Output goes to files a test may watch.
 */
final class TerraformProcess {
    private static final Path BINARY = Path.of(System.getProperty("nftkeeper.terraform", "/usr/local/bin/terraform"));

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private TerraformProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code terraform -chdir=dir args...} with the acceptance tests' mirror and extra environment. */
    static TerraformProcess start(Path dir, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-chdir=" + dir, args[0], "-no-color"));
        command.addAll(List.of(args).subList(1, args.length));
        try {
            Path out = Files.createTempFile(dir, "terraform-", ".out");
            Path err = Files.createTempFile(dir, "terraform-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment()
                    .putAll(Map.of(
                            "TF_CLI_CONFIG_FILE", ProviderMirror.cliConfig().toString(),
                            "TF_IN_AUTOMATION", "1",
                            "CHECKPOINT_DISABLE", "1"));
            builder.environment().putAll(environment);
            return new TerraformProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TerraformProcess apply(Path dir) {
        return start(dir, Map.of(), "apply", "-input=false", "-auto-approve");
    }

    String stdout() {
        return read(stdout);
    }

    String output() {
        return read(stdout) + read(stderr);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The provider plugin terraform started, while it runs. */
    Optional<ProcessHandle> provider() {
        return process.toHandle()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("nftkeeper-provider.jar"))
                .findFirst();
    }

    /** Waits for the exit code; kills the command and everything under it if it runs longer than {@code timeout}. */
    int await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("terraform did not finish within " + timeout + ":\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
