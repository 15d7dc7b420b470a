package io.nftkeeper.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteLinesTest {

    @Test
    void splitsAtNewlinesAndKeepsAnUnterminatedLastLine() throws Exception {
        String longLine = "x".repeat(200_000);
        ByteLines lines = new ByteLines(new ByteArrayInputStream(("a\n\n" + longLine + "\nlast")
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(new String(lines.next(), StandardCharsets.UTF_8)).isEqualTo("a");
        assertThat(lines.next()).isEmpty();
        assertThat(new String(lines.next(), StandardCharsets.UTF_8)).isEqualTo(longLine);
        assertThat(new String(lines.next(), StandardCharsets.UTF_8)).isEqualTo("last");
        assertThat(lines.next()).isNull();
    }
}
