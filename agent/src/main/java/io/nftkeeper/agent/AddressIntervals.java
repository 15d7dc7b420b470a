package io.nftkeeper.agent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An exact delta for an IPv4 interval set. nft merges overlapping (and, with {@code auto-merge}, adjacent) intervals
 * into one listed interval, and nft 1.0.6 cannot delete part of one ("element does not exist"). So deleting an
 * element means deleting every listed interval it lies in, and adding back the kept elements that lay in those
 * intervals, in the same batch: the set's union of intervals ends up exactly that of the wanted elements. Only IPv4
 * addresses, prefixes and ranges are understood; for anything else the caller refills the set.
 */
final class AddressIntervals {

    private static final long MASK = 0xFFFF_FFFFL;

    /** The listed intervals to delete and the kept elements to add back. */
    record Cut(List<String> deleteListed, List<String> addBack) {
    }

    private AddressIntervals() {
    }

    /**
     * @param listed  the set as listed (disjoint intervals, any order)
     * @param removed elements no longer wanted
     * @param kept    elements still wanted (all of them)
     * @return the cut, or empty when some element is not an IPv4 address, prefix or range
     */
    static Optional<Cut> cut(List<String> listed, List<String> removed, List<String> kept) {
        if (removed.isEmpty()) {
            return Optional.of(new Cut(List.of(), List.of()));
        }
        long[] starts = new long[listed.size()];
        long[] ends = new long[listed.size()];
        long[] order = new long[listed.size()];
        for (int i = 0; i < listed.size(); i++) {
            long bounds = parse(listed.get(i));
            if (bounds < 0) {
                return Optional.empty();
            }
            order[i] = (bounds >>> 32) << 32 | i;
        }
        Arrays.sort(order);
        int[] index = new int[listed.size()];
        for (int k = 0; k < order.length; k++) {
            index[k] = (int) (order[k] & MASK);
            long bounds = parse(listed.get(index[k]));
            starts[k] = bounds >>> 32;
            ends[k] = bounds & MASK;
        }
        boolean[] cut = new boolean[listed.size()];
        boolean any = false;
        for (String element : removed) {
            long bounds = parse(element);
            if (bounds < 0) {
                return Optional.empty();
            }
            for (int k = firstEndingAtOrAfter(ends, bounds >>> 32); k < starts.length && starts[k] <= (bounds & MASK);
                 k++) {
                cut[k] = true;
                any = true;
            }
        }
        List<String> deleteListed = new ArrayList<>();
        List<Long> cutBounds = new ArrayList<>();
        for (int k = 0; k < cut.length; k++) {
            if (cut[k]) {
                deleteListed.add(listed.get(index[k]));
                cutBounds.add(starts[k] << 32 | ends[k]);
            }
        }
        List<String> addBack = new ArrayList<>();
        if (any) {
            long[] cutEnds = cutBounds.stream().mapToLong(b -> b & MASK).toArray();
            long[] cutStarts = cutBounds.stream().mapToLong(b -> b >>> 32).toArray();
            for (String element : kept) {
                long bounds = parse(element);
                if (bounds < 0) {
                    return Optional.empty();
                }
                int k = firstEndingAtOrAfter(cutEnds, bounds >>> 32);
                if (k < cutStarts.length && cutStarts[k] <= (bounds & MASK)) {
                    addBack.add(element);
                }
            }
        }
        return Optional.of(new Cut(deleteListed, addBack));
    }

    /** The first of the sorted, disjoint intervals whose end is at or after {@code address}. */
    private static int firstEndingAtOrAfter(long[] ends, long address) {
        int low = 0;
        int high = ends.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ends[middle] < address) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** {@code start << 32 | end} of an IPv4 address, prefix or range; -1 for anything else. */
    static long parse(String element) {
        int dash = element.indexOf('-');
        if (dash > 0) {
            long low = address(element, 0, dash);
            long high = address(element, dash + 1, element.length());
            return low < 0 || high < 0 || high < low ? -1 : low << 32 | high;
        }
        int slash = element.indexOf('/');
        long address = address(element, 0, slash < 0 ? element.length() : slash);
        // (a prefix length needs no strip: nft lists none with spaces, and a file's line is stripped already)
        if (address < 0) {
            return -1;
        }
        int length = 32;
        if (slash >= 0) {
            String bits = element.substring(slash + 1);
            if (bits.isEmpty() || bits.length() > 2 || !bits.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            length = Integer.parseInt(bits);
            if (length > 32) {
                return -1;
            }
        }
        long hostMask = (1L << (32 - length)) - 1;
        long low = address & ~hostMask & MASK;
        return low << 32 | (low | hostMask);
    }

    private static long address(String text, int from, int to) {
        String address = text.substring(from, to).strip();
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
}
