package io.nftkeeper.provider.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.protocol.wire.ElementDigest;
import io.nftkeeper.protocol.wire.PackedElements;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SortedLinesTest {

    @Test
    void sortsByBytesKeepsEachElementOnceAtItsFirstLine() {
        SortedLines.Builder builder = new SortedLines.Builder();
        builder.add("10.0.0.2", 1);
        builder.add("10.0.0.10", 2);
        builder.add("10.0.0.2", 3);
        builder.add("10.0.0.1 comment \"café\"", 5);

        SortedLines sorted = builder.build();

        assertThat(sorted.asList()).containsExactly("10.0.0.1 comment \"café\"", "10.0.0.10", "10.0.0.2");
        assertThat(sorted.line(0)).isEqualTo(5);
        assertThat(sorted.line(2)).as("the first of the repeated line").isEqualTo(1);
    }

    @Test
    void packsAndHashesAsTheSortedStringsWould() {
        Random random = new Random(17);
        SortedLines.Builder builder = new SortedLines.Builder();
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String element = "10." + random.nextInt(4) + "." + random.nextInt(8) + "." + random.nextInt(256);
            elements.add(element);
            builder.add(element, i + 1);
        }
        List<String> expected = new ArrayList<>(new TreeSet<>(elements));

        SortedLines sorted = builder.build();

        assertThat(sorted.asList()).isEqualTo(expected);
        assertThat(ElementDigest.of(sorted)).isEqualTo(ElementDigest.of(expected));
        assertThat(PackedElements.unpack(PackedElements.pack(sorted, sorted.size())))
                .isEqualTo(expected);
    }

    @Test
    void noElementsAreAnEmptyList() {
        SortedLines sorted = new SortedLines.Builder().build();
        assertThat(sorted.size()).isZero();
        assertThat(ElementDigest.of(sorted)).isEqualTo(ElementDigest.of(List.of()));
    }
}
