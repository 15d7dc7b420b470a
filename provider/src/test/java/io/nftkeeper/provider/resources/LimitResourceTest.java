package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Limit;
import io.nftkeeper.protocol.LimitUnit;
import io.nftkeeper.protocol.RatePeriod;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.provider.resources.LimitRates.Burst;
import io.nftkeeper.provider.resources.LimitRates.Rate;
import io.nftkeeper.provider.resources.LimitResource.State;
import org.junit.jupiter.api.Test;

/** How nftables_limit reads the user's rate text and decides, against the live limit, what is drift. */
class LimitResourceTest {
    private static final TableRef T = new TableRef(Family.INET, "t");
    private static final String TABLE_ID = "10.213.0.2/inet/t";

    @Test
    void ratesAndBurstsParseToPlainPacketsOrBytes() {
        assertThat(LimitRates.rate("10/second")).contains(new Rate(10, LimitUnit.PACKETS, RatePeriod.SECOND));
        assertThat(LimitRates.rate("1 mbytes/second"))
                .contains(new Rate(1_048_576, LimitUnit.BYTES, RatePeriod.SECOND));
        assertThat(LimitRates.rate("3 kbytes/week")).contains(new Rate(3072, LimitUnit.BYTES, RatePeriod.WEEK));
        assertThat(LimitRates.burst("10 kbytes")).contains(new Burst(10_240, LimitUnit.BYTES));
        assertThat(LimitRates.burst("5 packets")).contains(new Burst(5, LimitUnit.PACKETS));
    }

    @Test
    void textNftWouldRefuseOrMisreadIsInvalid() {
        // gbytes: nft 1.0.6 says "Wrong rate format"; "packets/second" likewise; 0 is refused by the kernel
        assertThat(LimitRates.rate("1 gbytes/second")).isEmpty();
        assertThat(LimitRates.rate("10 packets/second")).isEmpty();
        assertThat(LimitRates.rate("0/second")).isEmpty();
        assertThat(LimitRates.rate("10/month")).isEmpty();
        assertThat(LimitRates.rate("10/second; flush ruleset")).isEmpty();
        assertThat(LimitRates.rate("99999999999999 mbytes/second")).isEmpty();
        // burst 0 means "default" to nft, and the kernel truncates bursts above 32 bits
        assertThat(LimitRates.burst("0 packets")).isEmpty();
        assertThat(LimitRates.burst("4096 mbytes")).isEmpty();
        assertThat(LimitRates.burst("5")).isEmpty();
    }

    @Test
    void spellingsOfTheSameQuantityAreTheSame() {
        assertThat(LimitRates.sameRate("1024 bytes/second", "1 kbytes/second")).isTrue();
        assertThat(LimitRates.sameRate("60/minute", "1/second")).isFalse();
        assertThat(LimitRates.sameBurst("1024 kbytes", "1 mbytes")).isTrue();
    }

    @Test
    void aBurstMustCountWhatTheRateCounts() {
        assertThatThrownBy(() -> LimitRates.limit(T, "l", "10/second", "10 kbytes", false))
                .hasMessageContaining("burst \"10 kbytes\" counts bytes but rate \"10/second\" counts packets");
    }

    @Test
    void aLiveLimitThatActsTheSameIsNoDrift() {
        State packets = new State(TABLE_ID + "/l", TABLE_ID, "l", "10/second", null, false);
        State bytes = new State(TABLE_ID + "/b", TABLE_ID, "b", "1024 bytes/second", "2048 bytes", true);

        // nft lists the default burst of a packet limit as 5
        assertThat(LimitResource.reconcile(
                        packets, new Limit(T, "l", 10, LimitUnit.PACKETS, RatePeriod.SECOND, 5L, false)))
                .isSameAs(packets);
        assertThat(LimitResource.reconcile(
                        bytes, new Limit(T, "b", 1024, LimitUnit.BYTES, RatePeriod.SECOND, 2048L, true)))
                .isSameAs(bytes);
    }

    @Test
    void aChangedLiveLimitShowsInNftsSpelling() {
        State stored = new State(TABLE_ID + "/l", TABLE_ID, "l", "10/second", null, false);

        assertThat(LimitResource.reconcile(
                        stored, new Limit(T, "l", 20, LimitUnit.PACKETS, RatePeriod.SECOND, 5L, false)))
                .isEqualTo(new State(TABLE_ID + "/l", TABLE_ID, "l", "20/second", null, false));
        assertThat(LimitResource.reconcile(
                        stored, new Limit(T, "l", 10, LimitUnit.PACKETS, RatePeriod.SECOND, 8L, true)))
                .isEqualTo(new State(TABLE_ID + "/l", TABLE_ID, "l", "10/second", "8 packets", true));
        assertThat(LimitResource.reconcile(
                        stored, new Limit(T, "l", 1_048_576, LimitUnit.BYTES, RatePeriod.MINUTE, 10_240L, false)))
                .isEqualTo(new State(TABLE_ID + "/l", TABLE_ID, "l", "1 mbytes/minute", "10 kbytes", false));
    }

    @Test
    void driftKeepsTheStoredSpellingOfWhatDidNotChange() {
        State stored = new State(TABLE_ID + "/b", TABLE_ID, "b", "1024 kbytes/second", "10240 bytes", true);

        assertThat(LimitResource.reconcile(
                        stored, new Limit(T, "b", 2 * 1_048_576, LimitUnit.BYTES, RatePeriod.SECOND, 10_240L, true)))
                .isEqualTo(new State(TABLE_ID + "/b", TABLE_ID, "b", "2 mbytes/second", "10240 bytes", true));
    }
}
