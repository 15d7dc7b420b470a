package io.nftkeeper.cli.drift;

import io.nftkeeper.cli.CliException;
import io.nftkeeper.cli.Durations;
import io.nftkeeper.cli.Terminal;
import io.nftkeeper.cli.drift.format.OutputFormat;
import io.nftkeeper.cli.drift.input.JobFile;
import io.nftkeeper.cli.drift.input.TerraformState;
import io.nftkeeper.cli.host.SshFlags;
import io.nftkeeper.cli.host.SshOptions;
import io.nftkeeper.protocol.TableRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nftkeeper drift}: compares many hosts' managed tables with their baselines, in parallel. */
@Command(
        name = "drift",
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 1,
        description = {
            "Checks hosts for drift: changes made to nftkeeper-managed tables outside of nftkeeper since the last "
                    + "apply. Each host's agent compares the live tables with the baseline it recorded after the "
                    + "last apply or import.",
            "",
            "Hosts come from a Terraform state (--state), a YAML job file (--job) or the command line (HOST...). "
                    + "SSH settings come from the job file or the flags below; a Terraform state holds none."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every table is clean",
            "2:drift: some table differs from its baseline or is gone",
            "1:error: a host could not be checked (the others still are), or bad input"
        })
public final class DriftCommand implements Callable<Integer> {

    static final int DEFAULT_PARALLELISM = 16;
    static final String DEFAULT_TIMEOUT = "60s";
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(15);

    static final class Inputs {
        @Option(
                names = "--state",
                paramLabel = "FILE",
                description = "`terraform show -json` output or a state file (terraform.tfstate); - reads stdin. "
                        + "Checks the nftables_table resources on their hosts.")
        String state;

        @Option(names = "--job", paramLabel = "FILE", description = "YAML job file: hosts, SSH settings, tables.")
        Path job;

        @Parameters(paramLabel = "HOST", arity = "1..*", description = "Hosts to check (all managed tables).")
        List<String> hosts;
    }

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @ArgGroup(multiplicity = "1", heading = "%nWhat to check (one of):%n")
    Inputs inputs;

    @Mixin
    SshFlags ssh;

    @Option(
            names = {"-p", "--parallel"},
            paramLabel = "N",
            description = "Hosts checked at once (default " + DEFAULT_PARALLELISM + ", or the job file's).",
            order = 20)
    Integer parallelism;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "Per-host limit, connection and agent start included (default " + DEFAULT_TIMEOUT
                    + ", or the job file's), e.g. 30s, 2m.",
            order = 21)
    String timeout;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text, json, junit or prometheus (default text).",
            order = 30)
    OutputFormat format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the report here (replaced atomically, e.g. for node_exporter's textfile "
                    + "collector) instead of stdout.",
            order = 31)
    Path output;

    @Option(
            names = "--report",
            paramLabel = "FORMAT=FILE",
            description = "Also write the report in FORMAT to FILE (atomically); repeatable, so one run can feed a CI "
                    + "dashboard (junit=drift.xml) and monitoring (prometheus=/var/lib/node_exporter/nftkeeper.prom).",
            order = 32)
    Map<OutputFormat, Path> reports = new LinkedHashMap<>();

    @Option(
            names = "--color",
            paramLabel = "WHEN",
            defaultValue = "auto",
            description = "auto (on a terminal, unless NO_COLOR is set), always or never.",
            order = 33)
    Terminal.When color;

    @Option(
            names = "--progress",
            paramLabel = "WHEN",
            defaultValue = "auto",
            description = "Progress line on stderr: auto (when stderr is a terminal), always or never.",
            order = 34)
    Terminal.When progress;

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final HostCheckerFactory checkers;

    /** Makes the checker once the timeouts are known; tests pass fakes. */
    @FunctionalInterface
    public interface HostCheckerFactory {
        HostChecker create(Duration connectTimeout);
    }

    public DriftCommand(PrintStream out, PrintStream err, InputStream in, HostCheckerFactory checkers) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.checkers = checkers;
    }

    @Override
    public Integer call() throws IOException {
        Plan plan = plan();
        Duration connectTimeout =
                plan.timeout().compareTo(MAX_CONNECT_TIMEOUT) < 0 ? plan.timeout() : MAX_CONNECT_TIMEOUT;
        DriftRunner runner =
                new DriftRunner(checkers.create(connectTimeout), plan.parallelism(), plan.timeout(), Clock.systemUTC());
        boolean showProgress = Terminal.wanted(progress, Terminal.STDERR);
        TerminalProgress line = showProgress ? new TerminalProgress(err) : null;
        DriftReport report = runner.run(plan.hosts(), line != null ? line : Progress.NONE);
        if (line != null) {
            line.clear();
        }
        boolean colored = output == null && Terminal.useColor(color, Terminal.STDOUT) && format == OutputFormat.TEXT;
        write(report, colored);
        for (Map.Entry<OutputFormat, Path> extra : reports.entrySet()) {
            writeAtomically(extra.getValue(), render(extra.getKey(), report));
        }
        return report.exitCode();
    }

    private record Plan(List<HostCheck> hosts, int parallelism, Duration timeout) {}

    private Plan plan() throws IOException {
        SshOptions flags = ssh.options();
        List<HostCheck> hosts = new ArrayList<>();
        Integer jobParallelism = null;
        Duration jobTimeout = null;
        if (inputs.job != null) {
            JobFile job = JobFile.read(inputs.job);
            jobParallelism = job.parallelism().orElse(null);
            jobTimeout = job.timeout().orElse(null);
            for (JobFile.Entry entry : job.hosts()) {
                hosts.add(new HostCheck(entry.host(), entry.ssh().orElse(flags).resolve(entry.host()), entry.tables()));
            }
        } else if (inputs.state != null) {
            Map<String, SortedSet<TableRef>> tables = inputs.state.equals("-")
                    ? TerraformState.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "stdin")
                    : TerraformState.read(Path.of(inputs.state));
            if (tables.isEmpty()) {
                throw new CliException(inputs.state + " has no nftables_table resources: nothing to check");
            }
            tables.forEach((host, refs) -> hosts.add(new HostCheck(host, flags.resolve(host), List.copyOf(refs))));
        } else {
            for (String host : inputs.hosts) {
                hosts.add(new HostCheck(host, flags.resolve(host), List.of()));
            }
        }
        int resolvedParallelism =
                parallelism != null ? parallelism : jobParallelism != null ? jobParallelism : DEFAULT_PARALLELISM;
        if (resolvedParallelism < 1) {
            throw new CliException("--parallel must be at least 1, not " + resolvedParallelism);
        }
        Duration resolvedTimeout = timeout != null
                ? Durations.parse(timeout)
                : jobTimeout != null ? jobTimeout : Durations.parse(DEFAULT_TIMEOUT);
        return new Plan(hosts, resolvedParallelism, resolvedTimeout);
    }

    private void write(DriftReport report, boolean colored) throws IOException {
        if (output == null) {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            format.writer(colored).write(report, writer);
            writer.flush();
            return;
        }
        writeAtomically(output, render(format, report));
    }

    private static String render(OutputFormat format, DriftReport report) throws IOException {
        StringWriter text = new StringWriter();
        format.writer(false).write(report, text);
        return text.toString();
    }

    /** Readers (a textfile collector scraping every few seconds) see the old file or the new one, never half. */
    private static void writeAtomically(Path file, String text) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            temporary.toFile().setReadable(true, false);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
