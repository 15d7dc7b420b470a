package io.nftkeeper.cli.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The test parser must be strict, or the format tests that use it prove nothing. */
class PrometheusTextTest {

    @Test
    void parsesHelpTypeLabelsEscapesAndSpecialValues() {
        PrometheusText.Exposition metrics = PrometheusText.parse("""
                # HELP m A help with \\\\ and \\n.
                # TYPE m gauge
                m{a="x\\"y",b="1\\\\2\\n"} 1.5
                m{a="z"} +Inf
                other 3 1700000000000
                """);

        assertThat(metrics.help()).containsEntry("m", "A help with \\ and \n.");
        assertThat(metrics.value("m", "a", "x\"y", "b", "1\\2\n")).isEqualTo(1.5);
        assertThat(metrics.value("m", "a", "z")).isInfinite();
        assertThat(metrics.value("other")).isEqualTo(3);
    }

    @Test
    void rejectsWhatAScraperWouldReject() {
        List.of(
                        "m 1", // no final newline
                        "m{a=\"x\"} one\n", // not a number
                        "m{a=x} 1\n", // unquoted label value
                        "m{a=\"x\\t\"} 1\n", // bad escape
                        "m{a=\"1\",a=\"2\"} 1\n", // label twice
                        "m 1\nm 2\n", // duplicate series
                        "m{a=\"1\"} 1\nn 1\nm{a=\"2\"} 1\n", // family split in two
                        "m 1\n# TYPE m gauge\n", // TYPE after samples
                        "# TYPE m gauges\nm 1\n", // unknown type
                        "1m 1\n") // bad metric name
                .forEach(text -> assertThatThrownBy(() -> PrometheusText.parse(text))
                        .as(text)
                        .isInstanceOf(IllegalArgumentException.class));
    }
}
