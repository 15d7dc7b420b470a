package io.nftkeeper.framework.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** go-plugin files a plugin's stderr line under the line's {@code @level} when it is an hclog JSON object. */
class HclogWriterTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final HclogWriter writer =
            new HclogWriter(out, Clock.fixed(Instant.parse("2025-01-02T03:04:05.123456Z"), ZoneOffset.UTC));

    @Test
    void oneJsonObjectPerLineWithHclogKeys() throws Exception {
        HclogSinks.within(
                        new HclogSinks.Sink(HclogLevel.INFO, writer),
                        () -> new HclogLoggerFactory().getLogger("io.x.Thing").info("applied {} \"rules\"\n", 3))
                .run();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("}\n").hasLineCount(1);
        JsonNode line = new ObjectMapper().readTree(text);
        assertThat(line.get("@level").asText()).isEqualTo("info");
        assertThat(line.get("@message").asText()).isEqualTo("applied 3 \"rules\"\n");
        assertThat(line.get("@module").asText()).isEqualTo("provider");
        assertThat(line.get("@timestamp").asText()).isEqualTo("2025-01-02T03:04:05.123456Z");
        assertThat(line.get("logger").asText()).isEqualTo("io.x.Thing");
    }

    @Test
    void messagesBelowTheLevelAreDroppedAndExceptionsCarryTheirTrace() throws Exception {
        var logger = new HclogLoggerFactory().getLogger("x");
        HclogSinks.within(new HclogSinks.Sink(HclogLevel.WARN, writer), () -> {
                    logger.info("hidden");
                    logger.error("failed", new IllegalStateException("boom"));
                })
                .run();
        JsonNode line = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(line.get("@level").asText()).isEqualTo("error");
        assertThat(line.get("error").asText()).contains("IllegalStateException: boom", "at ");
    }

    /** A resident plugin server serves several Terraform processes at once, each with its own stderr and level. */
    @Test
    void eachSessionsLinesReachItsOwnSinkAtItsOwnLevelAlsoFromThreadsItStarts() throws Exception {
        var logger = new HclogLoggerFactory().getLogger("x");
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        HclogSinks.Sink debug = new HclogSinks.Sink(HclogLevel.DEBUG, writer);
        HclogSinks.Sink warn = new HclogSinks.Sink(HclogLevel.WARN, new HclogWriter(other, Clock.systemUTC()));
        HclogSinks.within(debug, () -> {
                    logger.debug("first session");
                    Thread started = new Thread(() -> logger.debug("first session, from its thread"));
                    started.start();
                    join(started);
                    HclogSinks.within(warn, () -> {
                                logger.info("second session, below its level");
                                logger.warn("second session");
                            })
                            .run();
                    logger.debug("first session again");
                })
                .run();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\"first session\"", "first session, from its thread", "first session again")
                .doesNotContain("second session");
        assertThat(other.toString(StandardCharsets.UTF_8))
                .contains("\"second session\"")
                .doesNotContain("below its level", "first session");
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theLevelComesFromTfLogProviderThenTfLogThenInfo() {
        assertThat(HclogLevel.fromEnvironment(Map.of("TF_LOG_PROVIDER", "debug", "TF_LOG", "error")))
                .isEqualTo(HclogLevel.DEBUG);
        assertThat(HclogLevel.fromEnvironment(Map.of("TF_LOG", "JSON"))).isEqualTo(HclogLevel.TRACE);
        assertThat(HclogLevel.fromEnvironment(Map.of())).isEqualTo(HclogLevel.INFO);
        assertThat(HclogLevel.fromEnvironment(Map.of("TF_LOG", "off"))).isEqualTo(HclogLevel.OFF);
    }
}
