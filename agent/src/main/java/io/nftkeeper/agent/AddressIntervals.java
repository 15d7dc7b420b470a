package io.nftkeeper.agent;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether deleting some elements of an interval set leaves the others intact. In an {@code auto-merge}
 * set nft merges overlapping and adjacent intervals, so deleting one element's interval would also cut away parts
 * of a kept element that overlaps or touches it. Only IPv4/IPv6 addresses, prefixes and ranges are understood;
 * anything else answers "not known to be safe", and the caller refills the set instead of sending a delta.
 */
final class AddressIntervals {

    private static final long V4_MASK = 0xFFFF_FFFFL;

    private AddressIntervals() {
    }

    /** True when every element parses and no removed interval overlaps or touches a kept one. */
    static boolean apart(Collection<String> removed, Collection<String> kept) {
        if (removed.isEmpty()) {
            return true;
        }
        long[] v4 = new long[kept.size()];
        int n4 = 0;
        List<BigInteger[]> v6 = new ArrayList<>();
        for (String element : kept) {
            Optional<BigInteger[]> interval = parse(element);
            if (interval.isEmpty()) {
                return false;
            }
            BigInteger[] bounds = interval.get();
            if (bounds[2] == null) {
                v4[n4++] = bounds[0].longValue() << 32 | bounds[1].longValue();
            } else {
                v6.add(bounds);
            }
        }
        long[] sorted = Arrays.copyOf(v4, n4);
        Arrays.sort(sorted); // by start, then end (both unsigned 32-bit, so the packed long is non-negative)
        long[] reach = new long[n4];
        long max = -1;
        for (int i = 0; i < n4; i++) {
            max = Math.max(max, sorted[i] & V4_MASK);
            reach[i] = max;
        }
        v6.sort(Comparator.comparing(b -> b[0]));
        for (String element : removed) {
            Optional<BigInteger[]> interval = parse(element);
            if (interval.isEmpty()) {
                return false;
            }
            BigInteger[] bounds = interval.get();
            if (bounds[2] == null ? touchesV4(sorted, reach, bounds[0].longValue(), bounds[1].longValue())
                    : touchesV6(v6, bounds)) {
                return false;
            }
        }
        return true;
    }

    /** Whether [lo, hi] overlaps or touches any kept interval: the last one starting at or before hi + 1. */
    private static boolean touchesV4(long[] sorted, long[] reach, long lo, long hi) {
        long key = Math.min(hi + 1, V4_MASK) << 32 | V4_MASK;
        int index = Arrays.binarySearch(sorted, key);
        int last = index >= 0 ? index : -index - 2;
        return last >= 0 && reach[last] + 1 >= lo;
    }

    private static boolean touchesV6(List<BigInteger[]> kept, BigInteger[] removed) {
        for (BigInteger[] interval : kept) {
            if (interval[0].compareTo(removed[1].add(BigInteger.ONE)) <= 0
                    && interval[1].add(BigInteger.ONE).compareTo(removed[0]) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code [low, high, null]} for IPv4, {@code [low, high, 6]} for IPv6, from an address, a prefix or a range;
     * empty for anything else (also for an element with a timeout or comment).
     */
    static Optional<BigInteger[]> parse(String element) {
        int dash = element.indexOf('-');
        if (dash > 0) {
            Optional<BigInteger[]> low = parse(element.substring(0, dash).strip());
            Optional<BigInteger[]> high = parse(element.substring(dash + 1).strip());
            if (low.isEmpty() || high.isEmpty() || (low.get()[2] == null) != (high.get()[2] == null)) {
                return Optional.empty();
            }
            return Optional.of(new BigInteger[] {low.get()[0], high.get()[1], low.get()[2]});
        }
        int slash = element.indexOf('/');
        String address = slash < 0 ? element : element.substring(0, slash);
        Optional<BigInteger> value = element.indexOf(':') >= 0 ? v6(address) : v4(address).map(BigInteger::valueOf);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        int bits = element.indexOf(':') >= 0 ? 128 : 32;
        int length = bits;
        if (slash >= 0) {
            try {
                length = Integer.parseInt(element.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (length < 0 || length > bits) {
                return Optional.empty();
            }
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
        BigInteger low = value.get().andNot(hostMask);
        return Optional.of(new BigInteger[] {low, low.or(hostMask), bits == 32 ? null : BigInteger.valueOf(6)});
    }

    private static Optional<Long> v4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return Optional.empty();
            }
            value = value << 8 | octet;
        }
        return Optional.of(value);
    }

    // Only texts with a colon get here, and InetAddress resolves nothing for an IPv6 literal.
    private static Optional<BigInteger> v6(String text) {
        if (!text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigInteger(1, InetAddress.getByName(text).getAddress()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
