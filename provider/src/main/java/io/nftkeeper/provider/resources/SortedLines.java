package io.nftkeeper.provider.resources;

import io.nftkeeper.protocol.wire.ElementLines;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * The elements of a file, sorted by their UTF-8 bytes (String order, but for characters beyond the BMP), each once,
 * with the line each came from: their bytes in one array, not a String each. A million addresses take about 30 MB
 * this way instead of about 100 MB, which kept the resident provider's heap growing past 500 MB.
 */
final class SortedLines implements ElementLines {

    private final byte[] bytes;
    /** Where element i (in file order) starts in {@link #bytes}; one more entry marks the end of the last. */
    private final int[] starts;

    private final int[] lines;
    /** File-order indexes of the elements in sorted order, each element once. */
    private final int[] order;

    private SortedLines(byte[] bytes, int[] starts, int[] lines, int[] order) {
        this.bytes = bytes;
        this.starts = starts;
        this.lines = lines;
        this.order = order;
    }

    int size() {
        return order.length;
    }

    /** The 1-based line of the element at sorted {@code index} (its first line when it repeats). */
    int line(int index) {
        return lines[order[index]];
    }

    String element(int index) {
        int at = order[index];
        return new String(bytes, starts[at], starts[at + 1] - starts[at], StandardCharsets.UTF_8);
    }

    List<String> asList() {
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                return element(index);
            }

            @Override
            public int size() {
                return order.length;
            }
        };
    }

    @Override
    public void writeTo(OutputStream out) throws java.io.IOException {
        for (int at : order) {
            out.write(bytes, starts[at], starts[at + 1] - starts[at]);
            out.write('\n');
        }
    }

    /** Collects elements in file order. */
    static final class Builder {
        private byte[] bytes = new byte[1 << 12];
        private int used;
        private int[] starts = new int[1 << 8];
        private int[] lines = new int[1 << 8];
        private int count;

        void add(String element, int line) {
            byte[] utf8 = element.getBytes(StandardCharsets.UTF_8);
            if (used + utf8.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + utf8.length));
            }
            if (count + 2 > starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
                lines = Arrays.copyOf(lines, lines.length * 2);
            }
            starts[count] = used;
            lines[count] = line;
            System.arraycopy(utf8, 0, bytes, used, utf8.length);
            used += utf8.length;
            count++;
        }

        SortedLines build() {
            starts[count] = used;
            int[] order = new int[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            // stable: of equal elements the first line stays first
            mergeSort(order, new int[count]);
            int unique = 0;
            for (int i = 0; i < count; i++) {
                if (unique == 0 || compare(order[unique - 1], order[i]) != 0) {
                    order[unique++] = order[i];
                }
            }
            return new SortedLines(
                    Arrays.copyOf(bytes, used),
                    Arrays.copyOf(starts, count + 1),
                    Arrays.copyOf(lines, count),
                    Arrays.copyOf(order, unique));
        }

        private int compare(int a, int b) {
            return Arrays.compareUnsigned(bytes, starts[a], starts[a + 1], bytes, starts[b], starts[b + 1]);
        }

        /** Bottom-up merge sort of file-order indexes by their elements' bytes. */
        private void mergeSort(int[] order, int[] scratch) {
            int[] from = order;
            int[] to = scratch;
            for (int width = 1; width < count; width *= 2) {
                for (int low = 0; low < count; low += 2 * width) {
                    int middle = Math.min(low + width, count);
                    int high = Math.min(low + 2 * width, count);
                    int left = low;
                    int right = middle;
                    for (int k = low; k < high; k++) {
                        to[k] = left < middle && (right >= high || compare(from[left], from[right]) <= 0)
                                ? from[left++]
                                : from[right++];
                    }
                }
                int[] swap = from;
                from = to;
                to = swap;
            }
            if (from != order) {
                System.arraycopy(from, 0, order, 0, count);
            }
        }
    }
}
