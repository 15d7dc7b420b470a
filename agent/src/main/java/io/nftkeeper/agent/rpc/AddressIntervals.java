package io.nftkeeper.agent.rpc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * An exact delta for an address interval set, IPv4 or IPv6. nft merges overlapping (and, with {@code auto-merge},
 * adjacent) intervals into one listed interval, and nft 1.0.6 cannot delete part of one ("element does not exist").
 * So deleting an element means deleting every listed interval it lies in, and adding back the kept elements that lay
 * in those intervals, in the same batch: the set's union of intervals ends up exactly that of the wanted elements.
 * Only addresses, prefixes and ranges are understood; for anything else the caller refills the set.
 */
final class AddressIntervals {

    /** The listed intervals to delete and the kept elements to add back. */
    record Cut(List<String> deleteListed, List<String> addBack) {}

    /**
     * The closed interval of addresses an element covers, each address a 128-bit unsigned number as two longs (an
     * IPv4 address in the low 32 bits): primitives, since a delta on a set of a million elements parses them all.
     */
    record Span(long lowHigh, long lowLow, long highHigh, long highLow) {

        boolean endsBefore(Span other) {
            return compare(highHigh, highLow, other.lowHigh, other.lowLow) < 0;
        }

        boolean startsAfter(Span other) {
            return compare(lowHigh, lowLow, other.highHigh, other.highLow) > 0;
        }

        static int compareLows(Span a, Span b) {
            return compare(a.lowHigh, a.lowLow, b.lowHigh, b.lowLow);
        }

        private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
            int high = Long.compareUnsigned(aHigh, bHigh);
            return high != 0 ? high : Long.compareUnsigned(aLow, bLow);
        }
    }

    private AddressIntervals() {}

    /**
     * @param listed  the set as listed (disjoint intervals, any order)
     * @param removed elements no longer wanted
     * @param kept    elements still wanted (all of them)
     * @return the cut, or empty when some element is not an address, prefix or range
     */
    static Optional<Cut> cut(List<String> listed, List<String> removed, List<String> kept) {
        if (removed.isEmpty()) {
            return Optional.of(new Cut(List.of(), List.of()));
        }
        Optional<Intervals> all = Intervals.of(listed);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        boolean[] cut = new boolean[listed.size()];
        for (String element : removed) {
            Optional<Span> span = span(element);
            if (span.isEmpty()) {
                return Optional.empty();
            }
            all.get().overlapping(span.get()).forEach(k -> cut[k] = true);
        }
        List<String> deleteListed = new ArrayList<>();
        for (int k = 0; k < cut.length; k++) {
            if (cut[k]) {
                deleteListed.add(all.get().text(k));
            }
        }
        if (deleteListed.isEmpty()) {
            return Optional.of(new Cut(List.of(), List.of()));
        }
        Intervals deleted = Intervals.of(deleteListed).orElseThrow();
        List<String> addBack = new ArrayList<>();
        for (String element : kept) {
            Optional<Span> span = span(element);
            if (span.isEmpty()) {
                return Optional.empty();
            }
            if (deleted.overlapping(span.get()).findAny().isPresent()) {
                addBack.add(element);
            }
        }
        return Optional.of(new Cut(deleteListed, addBack));
    }

    /** The addresses of an IPv4 or IPv6 address, prefix or range; empty for anything else. */
    static Optional<Span> span(String element) {
        int dash = element.indexOf('-');
        if (dash > 0) {
            Optional<Address> low = Address.parse(element.substring(0, dash));
            Optional<Address> high = Address.parse(element.substring(dash + 1));
            if (low.isEmpty()
                    || high.isEmpty()
                    || low.get().bits() != high.get().bits()) {
                return Optional.empty();
            }
            Span span = new Span(
                    low.get().high(),
                    low.get().low(),
                    high.get().high(),
                    high.get().low());
            return Span.compare(span.highHigh(), span.highLow(), span.lowHigh(), span.lowLow()) < 0
                    ? Optional.empty()
                    : Optional.of(span);
        }
        int slash = element.indexOf('/');
        // (a prefix length needs no strip: nft lists none with spaces, and a file's line is stripped already)
        Optional<Address> address = Address.parse(slash < 0 ? element : element.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().bits();
        int length = bits;
        if (slash >= 0) {
            String digits = element.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            length = Integer.parseInt(digits);
            if (length > bits) {
                return Optional.empty();
            }
        }
        int hostBits = bits - length;
        long maskLow = hostBits >= 64 ? -1L : (1L << hostBits) - 1;
        long maskHigh = hostBits >= 128 ? -1L : hostBits > 64 ? (1L << (hostBits - 64)) - 1 : 0;
        long lowHigh = address.get().high() & ~maskHigh;
        long lowLow = address.get().low() & ~maskLow;
        return Optional.of(new Span(lowHigh, lowLow, lowHigh | maskHigh, lowLow | maskLow));
    }

    /** Disjoint listed intervals sorted by address, each with its listed text. */
    private record Intervals(Listed[] sorted) {

        private record Listed(Span span, String text) {}

        static Optional<Intervals> of(List<String> listed) {
            Listed[] sorted = new Listed[listed.size()];
            for (int i = 0; i < sorted.length; i++) {
                Optional<Span> span = span(listed.get(i));
                if (span.isEmpty()) {
                    return Optional.empty();
                }
                sorted[i] = new Listed(span.get(), listed.get(i));
            }
            Arrays.sort(sorted, (a, b) -> Span.compareLows(a.span(), b.span()));
            return Optional.of(new Intervals(sorted));
        }

        String text(int k) {
            return sorted[k].text();
        }

        /** The indexes of the intervals that share an address with {@code span}. */
        IntStream overlapping(Span span) {
            // disjoint and sorted by start, so sorted by end too: binary search the first that ends at or after it
            int low = 0;
            int high = sorted.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (sorted[middle].span().endsBefore(span)) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            int end = low;
            while (end < sorted.length && !sorted[end].span().startsAfter(span)) {
                end++;
            }
            return IntStream.range(low, end);
        }
    }

    /** One address: {@code bits} 32 for IPv4 (in {@code low}), 128 for IPv6. */
    record Address(long high, long low, int bits) {

        static Optional<Address> parse(String untrimmed) {
            String text = untrimmed.strip();
            if (text.indexOf(':') >= 0) {
                return ipv6(text);
            }
            long ipv4 = ipv4(text);
            return ipv4 < 0 ? Optional.empty() : Optional.of(new Address(0, ipv4, 32));
        }

        /** Dotted quad, as nft lists it (no inet_aton shorthands); -1 when not one. */
        private static long ipv4(String address) {
            long value = 0;
            int octets = 0;
            int digits = 0;
            int octet = 0;
            for (int i = 0; i <= address.length(); i++) {
                char c = i < address.length() ? address.charAt(i) : '.';
                if (c >= '0' && c <= '9') {
                    octet = octet * 10 + (c - '0');
                    if (++digits > 3 || octet > 255) {
                        return -1;
                    }
                } else if (c == '.' && digits > 0) {
                    value = value << 8 | octet;
                    octets++;
                    digits = 0;
                    octet = 0;
                } else {
                    return -1;
                }
            }
            return octets == 4 ? value : -1;
        }

        /** RFC 4291 text: hex groups, one {@code ::}, an optional dotted quad at the end; no zone. */
        private static Optional<Address> ipv6(String text) {
            int gap = text.indexOf("::");
            if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
                return Optional.empty();
            }
            List<Integer> head = gap < 0 ? groups(text) : groups(text.substring(0, gap));
            List<Integer> tail = gap < 0 ? List.of() : groups(text.substring(gap + 2));
            if (head == null || tail == null) {
                return Optional.empty();
            }
            int given = head.size() + tail.size();
            if (gap < 0 ? given != 8 : given > 7) {
                return Optional.empty();
            }
            int[] all = new int[8];
            for (int g = 0; g < head.size(); g++) {
                all[g] = head.get(g);
            }
            for (int g = 0; g < tail.size(); g++) {
                all[8 - tail.size() + g] = tail.get(g);
            }
            long high = 0;
            long low = 0;
            for (int g = 0; g < 4; g++) {
                high = high << 16 | all[g];
                low = low << 16 | all[g + 4];
            }
            return Optional.of(new Address(high, low, 128));
        }

        /** The 16-bit groups of {@code part} (a trailing dotted quad is two), or null when it is not groups. */
        private static List<Integer> groups(String part) {
            List<Integer> groups = new ArrayList<>();
            if (part.isEmpty()) {
                return groups;
            }
            String[] texts = part.split(":", -1);
            for (int i = 0; i < texts.length; i++) {
                String group = texts[i];
                if (i == texts.length - 1 && group.indexOf('.') >= 0) {
                    long ipv4 = ipv4(group);
                    if (ipv4 < 0) {
                        return null;
                    }
                    groups.add((int) (ipv4 >>> 16));
                    groups.add((int) (ipv4 & 0xFFFF));
                } else if (group.isEmpty()
                        || group.length() > 4
                        || !group.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    return null;
                } else {
                    groups.add(Integer.parseInt(group, 16));
                }
            }
            return groups;
        }
    }
}
