package io.nftkeeper.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShellQuoteTest {

    @Test
    void aQuotedWordReachesTheCommandUnchanged() throws Exception {
        for (String word : new String[] {"/var/lib/nftkeeper/agent", "it's", "$(reboot) `x` ; | & \" \\ *", ""}) {
            assertThat(echoThroughShell(ShellQuote.quote(word))).isEqualTo(word);
        }
    }

    private static String echoThroughShell(String quoted) throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("sh", "-c", "printf %s " + quoted).start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        sh.waitFor();
        return out;
    }
}
