package io.nftkeeper.agent.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteLinesTest {

    @Test
    void splitsAtNewlinesAndKeepsAnUnterminatedLastLine() throws Exception {
        String longLine = "x".repeat(200_000);
        ByteLines lines = new ByteLines(
                new ByteArrayInputStream(("a\n\n" + longLine + "\nlast").getBytes(StandardCharsets.UTF_8)));

        assertThat(new String(lines.next(), StandardCharsets.UTF_8)).isEqualTo("a");
        assertThat(lines.next()).isEmpty();
        assertThat(new String(lines.next(), StandardCharsets.UTF_8)).isEqualTo(longLine);
        assertThat(new String(lines.next(), StandardCharsets.UTF_8)).isEqualTo("last");
        assertThat(lines.next()).isNull();
    }

    @Test
    void aLineOverTheLimitIsRefusedWithoutBeingReadWhole() throws Exception {
        ByteLines lines = new ByteLines(
                new ByteArrayInputStream(("ok\n" + "y".repeat(100_000) + "\n").getBytes(StandardCharsets.UTF_8)),
                70_000);

        assertThat(new String(lines.next(), StandardCharsets.UTF_8)).isEqualTo("ok");
        org.assertj.core.api.Assertions.assertThatThrownBy(lines::next)
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("a request longer than 70000 bytes");
    }
}
