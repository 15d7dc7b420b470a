package io.nftkeeper.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrefixedLinesTest {

    @Test
    void prefixesEveryLineHoweverItIsWritten() {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new PrefixedLines(target, "[p] "), true, StandardCharsets.UTF_8);

        out.println("INFO one");
        out.print("WARN two\nthree");
        out.print('\n');
        out.write('x');
        out.println();

        assertThat(target.toString(StandardCharsets.UTF_8)).isEqualTo("[p] INFO one\n[p] WARN two\n[p] three\n[p] x\n");
    }
}
