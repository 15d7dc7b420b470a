package io.nftkeeper.cli.drift;

import io.nftkeeper.cli.host.SshSettings;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.wire.DriftChange;
import io.nftkeeper.protocol.wire.DriftResult;
import io.nftkeeper.protocol.wire.TableDrift;
import io.nftkeeper.transport.AgentRuntimeChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Hosts, drift results and reports for unit tests. */
public final class Fixtures {

    public static final TableRef WEB = new TableRef(Family.INET, "web");
    public static final Instant STARTED = Instant.parse("2026-01-02T03:04:05Z");
    public static final DriftChange CHAIN_ADDED = new DriftChange(
            DriftChange.Kind.CHAIN,
            DriftChange.Change.ADDED,
            "chain inet web extra",
            "{\"family\":\"inet\",\"table\":\"web\",\"name\":\"extra\"}",
            null);
    public static final DriftChange RULE_CHANGED = new DriftChange(
            DriftChange.Kind.RULE,
            DriftChange.Change.CHANGED,
            "rule inet web input #1",
            "{\"expr\":[{\"accept\":null}]}",
            "{\"expr\":[{\"drop\":null}]}");

    private Fixtures() {}

    public static HostCheck host(String name) {
        return new HostCheck(
                name,
                new SshSettings(
                        "root",
                        22,
                        Path.of("/keys/id"),
                        Optional.of("SHA256:x"),
                        Optional.empty(),
                        "/var/lib/nftkeeper/agent",
                        AgentRuntimeChoice.AUTO,
                        Duration.ofMinutes(15)),
                List.of(WEB));
    }

    public static DriftResult clean() {
        return new DriftResult(List.of(new TableDrift(Family.INET, "web", TableDrift.Status.CLEAN, List.of())));
    }

    public static DriftResult drifted(DriftChange... changes) {
        return new DriftResult(
                List.of(new TableDrift(Family.INET, "web", TableDrift.Status.DRIFTED, List.of(changes))));
    }

    public static DriftResult missing() {
        return new DriftResult(List.of(new TableDrift(
                Family.INET,
                "web",
                TableDrift.Status.MISSING,
                List.of(new DriftChange(
                        DriftChange.Kind.TABLE,
                        DriftChange.Change.REMOVED,
                        "table inet web",
                        null,
                        "{\"family\":\"inet\",\"name\":\"web\"}")))));
    }

    public static HostOutcome checked(String host, DriftResult result) {
        return new HostOutcome.Checked(host(host), result, Duration.ofMillis(1200));
    }

    public static HostOutcome failed(String host, String error) {
        return new HostOutcome.Failed(host(host), error, Duration.ofMillis(3000));
    }

    public static DriftReport report(HostOutcome... hosts) {
        return new DriftReport(STARTED, Duration.ofMillis(3500), List.of(hosts));
    }

    /** Clean, drifted (a chain added, a rule changed), table gone, and unreachable: every path of every format. */
    public static DriftReport mixed() {
        return report(
                checked("10.0.0.1", clean()),
                checked("10.0.0.2", drifted(CHAIN_ADDED, RULE_CHANGED)),
                checked("10.0.0.3", missing()),
                failed("10.0.0.4", "cannot reach 10.0.0.4:22: No route to host"));
    }
}
