package io.nftkeeper.provider.resources;

import io.nftkeeper.protocol.ByteUnits;
import io.nftkeeper.protocol.Limit;
import io.nftkeeper.protocol.LimitUnit;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.RatePeriod;
import io.nftkeeper.protocol.TableRef;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a limit's {@code rate} and {@code burst} as users write them in nft syntax ({@code 10/second},
 * {@code 1 mbytes/second}; {@code 5 packets}, {@code 10 kbytes}) and as nft lists them, converted to plain packets or
 * bytes so that spellings of the same quantity compare equal ({@code 1024 bytes/second} is {@code 1 kbytes/second}).
 */
final class LimitRates {

    private static final Pattern RATE =
            Pattern.compile("(\\d{1,19})(?: ?(bytes|kbytes|mbytes))?/" + "(second|minute|hour|day|week)");
    private static final Pattern BURST = Pattern.compile("(\\d{1,19}) (packets|bytes|kbytes|mbytes)");
    /** nft's burst when none is given: 5 packets for packet limits, nothing for byte limits. */
    private static final long DEFAULT_PACKET_BURST = 5;

    private LimitRates() {}

    /** A rate in plain packets or bytes per period. */
    record Rate(long amount, LimitUnit unit, RatePeriod per) {}

    /** A burst in plain packets or bytes. */
    record Burst(long amount, LimitUnit unit) {}

    static Optional<Rate> rate(String text) {
        Matcher m = RATE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String unit = m.group(2) == null ? "packets" : m.group(2);
        return amount(m.group(1), unit)
                .filter(amount -> amount > 0)
                .map(amount -> new Rate(
                        amount,
                        m.group(2) == null ? LimitUnit.PACKETS : LimitUnit.BYTES,
                        RatePeriod.parse(m.group(3)).orElseThrow()));
    }

    static Optional<Burst> burst(String text) {
        Matcher m = BURST.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return amount(m.group(1), m.group(2))
                .filter(amount -> amount > 0 && amount <= Limit.MAX_BURST)
                .map(amount -> new Burst(amount, m.group(2).equals("packets") ? LimitUnit.PACKETS : LimitUnit.BYTES));
    }

    static String rateHelp(String text) {
        return "\"" + text + "\" is not an nft rate: write a positive whole number of packets, or of bytes, kbytes or "
                + "mbytes, per second, minute, hour, day or week, e.g. `10/second`, `100/minute` or "
                + "`1 mbytes/second`.";
    }

    static String burstHelp(String text) {
        return "\"" + text + "\" is not an nft burst: write a whole number from 1 up to " + Limit.MAX_BURST
                + " bytes in all, of packets, bytes, kbytes or mbytes, e.g. `5 packets` or `10 kbytes`.";
    }

    /** Whether two texts spell the same rate (or, when both are bursts, the same burst). */
    static boolean sameRate(String a, String b) {
        return rate(a).isPresent() && rate(a).equals(rate(b));
    }

    static boolean sameBurst(String a, String b) {
        return burst(a).isPresent() && burst(a).equals(burst(b));
    }

    /**
     * The limit a configuration describes; throws {@link NftkeeperException} with a sentence for the user when
     * the texts are invalid or a packet rate has a byte burst (or the other way round).
     */
    static Limit limit(TableRef table, String name, String rateText, String burstText, boolean over) {
        Rate rate = rate(rateText).orElseThrow(() -> new NftkeeperException(rateHelp(rateText)));
        Long burst = null;
        if (burstText != null) {
            Burst parsed = burst(burstText).orElseThrow(() -> new NftkeeperException(burstHelp(burstText)));
            if (parsed.unit() != rate.unit()) {
                throw new NftkeeperException("burst \"" + burstText + "\" counts "
                        + parsed.unit().nftName()
                        + " but rate \"" + rateText + "\" counts " + rate.unit().nftName() + ": give the burst in "
                        + (rate.unit() == LimitUnit.PACKETS ? "packets" : "bytes, kbytes or mbytes") + ".");
            }
            burst = parsed.amount();
        }
        return new Limit(table, name, rate.amount(), rate.unit(), rate.per(), burst, over);
    }

    /** The rate as nft lists it: {@code 10/second}, {@code 1 mbytes/second}. */
    static String rateText(Limit limit) {
        String amount = limit.unit() == LimitUnit.PACKETS ? String.valueOf(limit.rate()) : ByteUnits.text(limit.rate());
        return amount + "/" + limit.per().nftName();
    }

    /** The burst as nft lists it ({@code 3 packets}, {@code 10 kbytes}), or null when none is set. */
    static String burstText(Limit limit) {
        if (limit.burst() == null) {
            return null;
        }
        return limit.unit() == LimitUnit.PACKETS ? limit.burst() + " packets" : ByteUnits.text(limit.burst());
    }

    /** The burst the kernel applies, counting nft's default: 5 packets, or 0 bytes. */
    static long effectiveBurst(Limit limit) {
        if (limit.burst() != null) {
            return limit.burst();
        }
        return limit.unit() == LimitUnit.PACKETS ? DEFAULT_PACKET_BURST : 0;
    }

    /** Whether the kernel treats both limits alike (a default burst equals its explicit value). */
    static boolean sameEffect(Limit a, Limit b) {
        return a.rate() == b.rate()
                && a.unit() == b.unit()
                && a.per() == b.per()
                && a.over() == b.over()
                && effectiveBurst(a) == effectiveBurst(b);
    }

    private static Optional<Long> amount(String digits, String unit) {
        try {
            return Optional.of(Math.multiplyExact(Long.parseLong(digits), ByteUnits.factor(unit)));
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }
}
