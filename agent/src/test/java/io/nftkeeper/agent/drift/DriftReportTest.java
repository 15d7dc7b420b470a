package io.nftkeeper.agent.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.wire.DriftChange;
import io.nftkeeper.protocol.wire.DriftResult;
import io.nftkeeper.protocol.wire.TableDrift;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftReportTest {

    private static final TableDrift CLEAN = new TableDrift(Family.INET, "web", TableDrift.Status.CLEAN, List.of());
    private static final TableDrift DRIFTED = new TableDrift(
            Family.IP,
            "nat",
            TableDrift.Status.DRIFTED,
            List.of(new DriftChange(
                    DriftChange.Kind.RULE,
                    DriftChange.Change.CHANGED,
                    "rule ip nat post #1",
                    "{\"b\":2}",
                    "{\"a\":1}")));
    private static final TableDrift UNKNOWN =
            new TableDrift(Family.IP6, "old", TableDrift.Status.NO_BASELINE, List.of());

    @Test
    void theReportListsEveryTableAndEveryChangeWithBothSides() {
        assertThat(DriftReport.render(new DriftResult(List.of(CLEAN, DRIFTED)))).isEqualTo("""
                table inet web: clean
                table ip nat: drifted (1 change)
                  ~ rule ip nat post #1
                      baseline: {"a":1}
                      live:     {"b":2}
                1 of 2 managed tables drifted
                """);
    }

    @Test
    void exitsZeroWhenCleanTwoOnDriftAndOneWhenItCannotTell() {
        assertThat(DriftReport.exitCode(new DriftResult(List.of(CLEAN)))).isZero();
        assertThat(DriftReport.exitCode(new DriftResult(List.of()))).isZero();
        assertThat(DriftReport.exitCode(new DriftResult(List.of(CLEAN, DRIFTED, UNKNOWN))))
                .isEqualTo(2);
        assertThat(DriftReport.exitCode(new DriftResult(List.of(CLEAN, UNKNOWN))))
                .isEqualTo(1);
        assertThat(DriftReport.exitCode(new DriftResult(
                        List.of(new TableDrift(Family.INET, "gone", TableDrift.Status.MISSING, List.of())))))
                .isEqualTo(2);
    }
}
