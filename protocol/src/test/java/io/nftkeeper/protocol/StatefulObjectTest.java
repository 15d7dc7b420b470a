package io.nftkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Named counters, quotas and limits: what they render, and what they refuse before anything reaches a script. */
class StatefulObjectTest {

    private static final TableRef WEB = new TableRef(Family.INET, "web");

    @Test
    void aQuotaRendersItsExactByteCountAndModeUntilIsNftsDefault() {
        assertThat(script(new Quota(WEB, "q", 1536, false))).isEqualTo("add quota inet web q { 1536 bytes; }\n");
        assertThat(script(new Quota(WEB, "q", 0, true))).isEqualTo("add quota inet web q { over 0 bytes; }\n");
        assertThat(script(new Quota(WEB, "q", Long.MAX_VALUE, false)))
                .isEqualTo("add quota inet web q { 9223372036854775807 bytes; }\n");
    }

    @Test
    void packetLimitsRenderAsNftWritesThemAndLeaveTheDefaultBurstOut() {
        assertThat(script(new Limit(WEB, "l", 10, LimitUnit.PACKETS, RatePeriod.SECOND, null, false)))
                .isEqualTo("add limit inet web l { rate 10/second; }\n");
        assertThat(script(new Limit(WEB, "l", 7, LimitUnit.PACKETS, RatePeriod.HOUR, 3L, true)))
                .isEqualTo("add limit inet web l { rate over 7/hour burst 3 packets; }\n");
        assertThat(script(new Limit(WEB, "l", 3072, LimitUnit.BYTES, RatePeriod.WEEK, null, false)))
                .isEqualTo("add limit inet web l { rate 3072 bytes/week; }\n");
    }

    @Test
    void namesAndQuantitiesTheKernelWouldMisreadAreRefused() {
        assertThatThrownBy(() -> new Counter(WEB, "c\"; flush ruleset"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("counter name");
        assertThatThrownBy(() -> new Quota(WEB, "q", -1, false))
                .hasMessage("quota inet web q: bytes must not be negative, got -1");
        assertThatThrownBy(() -> new Limit(WEB, "l", 0, LimitUnit.PACKETS, RatePeriod.SECOND, null, false))
                .hasMessage("limit inet web l: rate must be positive, got 0");
        // nft reads burst 0 as "default" and the kernel truncates bursts above 32 bits: both would list differently
        assertThatThrownBy(() -> new Limit(WEB, "l", 1, LimitUnit.PACKETS, RatePeriod.SECOND, 0L, false))
                .hasMessage("limit inet web l: burst must be between 1 and 4294967295, got 0");
        assertThatThrownBy(() -> new Limit(WEB, "l", 1, LimitUnit.BYTES, RatePeriod.SECOND, 4_294_967_296L, false))
                .hasMessageContaining("burst must be between 1 and 4294967295");
        assertThatThrownBy(() -> new Limit(WEB, "l", 1, null, RatePeriod.SECOND, null, false))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void namedObjectsCannotBeFlushed() {
        assertThatThrownBy(() -> Transaction.builder().flush(new Counter(WEB, "c")))
                .hasMessage("named counters, quotas and limits cannot be flushed (counter inet web c)");
    }

    @Test
    void periodsParseOnlyNftsSpelling() {
        assertThat(RatePeriod.parse("minute")).contains(RatePeriod.MINUTE);
        assertThat(RatePeriod.parse("MINUTE")).isEmpty();
        assertThat(RatePeriod.parse("month")).isEmpty();
    }

    private static String script(NftObject object) {
        return Transaction.builder().add(object).build().toScript();
    }
}
