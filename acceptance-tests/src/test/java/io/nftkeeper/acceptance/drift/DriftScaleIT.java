package io.nftkeeper.acceptance.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * 50 sandbox hosts checked in one run must take at most 1.5 times the slowest single host of that run: the hosts
 * are checked side by side, not one after another. The figures are printed and written to
 * {@code target/drift-scale.txt}; a lone single-host check is measured too, for comparison.
 */
class DriftScaleIT {

    private static final int HOSTS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fiftyHostsTakeAtMostOneAndAHalfTimesTheSlowestHost() throws Exception {
        try (SandboxFleet fleet =
                SandboxFleet.start("ds" + ProcessHandle.current().pid() + "-", HOSTS)) {
            fleet.applyBaselines();
            List<String> addresses =
                    fleet.hosts().stream().map(SandboxHost::address).toList();

            JsonNode alone = check(fleet, addresses.subList(0, 1), "alone");
            JsonNode all = check(fleet, addresses, "all");

            assertThat(all.path("exit_code").asInt()).isZero();
            assertThat(all.path("summary").path("clean").asInt()).isEqualTo(HOSTS);
            double wall = all.path("wall_time_seconds").asDouble();
            List<Double> perHost = StreamSupport.stream(all.path("hosts").spliterator(), false)
                    .map(host -> host.path("duration_seconds").asDouble())
                    .toList();
            double slowest =
                    perHost.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            double sum = perHost.stream().mapToDouble(Double::doubleValue).sum();
            double lone = alone.path("hosts").get(0).path("duration_seconds").asDouble();
            String figures = String.format(
                    Locale.ROOT,
                    "drift scale (%d hosts, parallel %d, %d cores): wall %.2f s, "
                            + "slowest host %.2f s (ratio %.2f), sum of host times %.1f s, one host alone %.2f s "
                            + "(serial estimate %.1f s)%n",
                    HOSTS,
                    HOSTS,
                    Runtime.getRuntime().availableProcessors(),
                    wall,
                    slowest,
                    wall / slowest,
                    sum,
                    lone,
                    lone * HOSTS);
            System.out.print(figures);
            Files.writeString(Path.of("target", "drift-scale.txt"), figures);

            assertThat(wall).as(figures).isLessThanOrEqualTo(1.5 * slowest);
        }
    }

    private static JsonNode check(SandboxFleet fleet, List<String> addresses, String name) throws Exception {
        Path state = fleet.file(name + ".json");
        Files.writeString(state, fleet.terraformShowJson(addresses));
        List<String> args = new ArrayList<>(List.of(
                "drift",
                "--state",
                state.toString(),
                "--parallel",
                String.valueOf(HOSTS),
                "--timeout",
                "300s",
                "--format",
                "json",
                "--progress",
                "never"));
        args.addAll(fleet.sshFlags());
        CliRun run = CliRun.inProcess(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return JSON.readTree(run.stdout());
    }
}
