package io.nftkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NftDurationTest {

    @Test
    void readsEveryUnitLargestFirst() {
        assertThat(NftDuration.parse("1d2h3m4s5ms"))
                .contains(Duration.ofDays(1)
                        .plusHours(2)
                        .plusMinutes(3)
                        .plusSeconds(4)
                        .plusMillis(5));
        assertThat(NftDuration.millis("500ms")).contains(500L);
        assertThat(NftDuration.millis("1m")).isEqualTo(NftDuration.millis("60s"));
        assertThat(NftDuration.parse(" 15m ")).contains(Duration.ofMinutes(15));
    }

    @Test
    void refusesWhatIsNoDuration() {
        for (String text : new String[] {"", " ", "soon", "30", "0s", "1s1m", "1m1m", "-5s", "1.5s", "99999999999d"}) {
            assertThat(NftDuration.parse(text)).as(text).isEmpty();
        }
        assertThat(NftDuration.parse(null)).isEmpty();
    }

    @Test
    void writesNftsSpelling() {
        assertThat(NftDuration.text(90_500)).isEqualTo("1m30s500ms");
        assertThat(NftDuration.text(86_400_000)).isEqualTo("1d");
        assertThat(NftDuration.text(0)).isEqualTo("0s");
        assertThat(NftDuration.syntaxHelp("soon")).startsWith("\"soon\" is not a duration");
    }
}
