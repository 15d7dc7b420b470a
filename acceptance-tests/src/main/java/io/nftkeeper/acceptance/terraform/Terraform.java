package io.nftkeeper.acceptance.terraform;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Terraform working directory that uses the provider built in this repository, installed into a filesystem
 * mirror by {@code scripts/install-provider} ({@link #in}), or wherever an {@link #isolated} one's CLI config points.
 * Every command is the real terraform binary.
 */
public final class Terraform {
    private static final Path BINARY = Path.of(System.getProperty("nftkeeper.terraform", "/usr/local/bin/terraform"));
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

    private final Path dir;
    private final Map<String, String> environment;
    private final boolean inheritEnvironment;

    private Terraform(Path dir, Map<String, String> environment, boolean inheritEnvironment) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.dir = dir;
        this.environment = environment;
        this.inheritEnvironment = inheritEnvironment;
    }

    /** A working directory at {@code dir}, wired to the mirror that {@link ProviderMirror} built. */
    public static Terraform in(Path dir) {
        return new Terraform(
                dir,
                Map.of(
                        "TF_CLI_CONFIG_FILE", ProviderMirror.cliConfig().toString(),
                        "TF_IN_AUTOMATION", "1",
                        "CHECKPOINT_DISABLE", "1"),
                true);
    }

    /**
     * A working directory at {@code dir} whose terraform (and the providers it starts) sees {@code environment} and
     * nothing else of this JVM's environment: no PATH, no JAVA_HOME unless given. The caller's CLI config decides
     * where providers come from.
     */
    public static Terraform isolated(Path dir, Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(environment);
        all.put("TF_IN_AUTOMATION", "1");
        all.put("CHECKPOINT_DISABLE", "1");
        return new Terraform(dir, Map.copyOf(all), false);
    }

    /** The same working directory, whose commands see {@code name=value} too (e.g. {@code TF_LOG=DEBUG}). */
    public Terraform withEnvironment(String name, String value) {
        Map<String, String> more = new HashMap<>(environment);
        more.put(name, value);
        return new Terraform(dir, Map.copyOf(more), inheritEnvironment);
    }

    public Path dir() {
        return dir;
    }

    /** Writes {@code main.tf}, replacing what was there. */
    public Terraform config(String hcl) {
        try {
            Files.writeString(dir.resolve("main.tf"), hcl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Result init() {
        return run("init", "-input=false").assertExit(0);
    }

    public Result apply() {
        return run("apply", "-input=false", "-auto-approve").assertExit(0);
    }

    public Result destroy() {
        return run("destroy", "-input=false", "-auto-approve").assertExit(0);
    }

    /**
     * {@link #plan} of this configuration with {@code takeover = true} on each nftables_table: an import of another
     * configuration's table is refused at plan without it. main.tf keeps the attribute.
     */
    public Result planTakingOver(String... extra) {
        try {
            Path main = dir.resolve("main.tf");
            config(Hcl.takingOver(Files.readString(main)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return plan(extra);
    }

    /** {@code plan -detailed-exitcode}: exit 0 = no changes, 2 = changes, 1 = error. */
    public Result plan(String... extra) {
        List<String> args = new ArrayList<>(List.of("plan", "-input=false", "-detailed-exitcode"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    public Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-chdir=" + dir, args[0]));
        // -no-color belongs right after the subcommand, except for `providers schema`, a two-word one without colour.
        if (!args[0].equals("providers")) {
            command.add("-no-color");
        }
        command.addAll(List.of(args).subList(1, args.length));
        long started = System.nanoTime();
        CommandRun run = inheritEnvironment
                ? CommandRun.of(COMMAND_TIMEOUT, environment, command)
                : CommandRun.isolated(COMMAND_TIMEOUT, environment, command);
        CommandTimes.record(args[0], run.exitCode(), Duration.ofNanos(System.nanoTime() - started));
        return new Result(String.join(" ", args), run.exitCode(), run.stdout(), run.stderr()).assertNoProviderBug();
    }

    /** What one terraform command did. */
    public record Result(String command, int exitCode, String stdout, String stderr) {

        public Result assertExit(int expected) {
            if (exitCode != expected) {
                // stderr (the error) first: CI reports show the start of a long message and cut the rest
                throw new AssertionError("terraform " + command + " exited " + exitCode + ", expected " + expected
                        + "\n--- stderr\n" + stderr + "\n--- stdout\n" + stdout);
            }
            return this;
        }

        /**
         * A plan whose one change is the adoption of a table imported from another configuration: its owner ID,
         * made only by the apply (which would need {@code takeover = true}); everything else imported unchanged.
         */
        public Result assertOnlyOwnerAdoption() {
            assertExit(2);
            if (!stdout.contains("+ owner") || !stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy.")) {
                throw new AssertionError("terraform " + command + " plans more than a table's adoption:\n" + stdout);
            }
            return this;
        }

        /** Terraform's own words for a provider that broke the protocol's rules: never acceptable. */
        Result assertNoProviderBug() {
            if ((stdout + stderr).contains("Provider produced")) {
                throw new AssertionError("terraform " + command + " reports a provider bug:\n" + stdout + stderr);
            }
            return this;
        }

        public String output() {
            return stdout + stderr;
        }
    }
}
