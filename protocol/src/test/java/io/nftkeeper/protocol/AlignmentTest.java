package io.nftkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlignmentTest {

    /**
     * Old rules, new rules, and the expected outcome in a compact form: {@code =A} a kept rule, {@code -A} a removed
     * one, {@code +A} an added one, in the order a reader walks both lists.
     */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("unchanged", "A B C", "A B C", "=A =B =C"),
                Arguments.of("insert at the top", "A B C", "N A B C", "+N =A =B =C"),
                Arguments.of("insert in the middle", "A B C", "A N B C", "=A +N =B =C"),
                Arguments.of("insert at the end", "A B C", "A B C N", "=A =B =C +N"),
                Arguments.of("delete in the middle", "A B C", "A C", "=A -B =C"),
                Arguments.of("delete the first", "A B C", "B C", "-A =B =C"),
                Arguments.of("edit the first", "A B C", "X B C", "-A +X =B =C"),
                Arguments.of("edit the last", "A B C", "A B X", "=A =B -C +X"),
                Arguments.of("move the last to the top", "A B C", "C A B", "+C =A =B -C"),
                Arguments.of("two identical rules, one removed", "A A B", "A B", "=A -A =B"),
                Arguments.of("two identical rules, one added", "A B", "A A B", "=A +A =B"),
                Arguments.of("identical rules around an insert", "A B A", "A B N A", "=A =B +N =A"),
                Arguments.of("everything replaced", "A B", "X Y", "-A -B +X +Y"),
                Arguments.of("from empty", "", "A B", "+A +B"),
                Arguments.of("to empty", "A B", "", "-A -B"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void alignsByTheLongestCommonSubsequence(String name, String before, String after, String expected) {
        List<String> old = words(before);
        List<String> wanted = words(after);

        Alignment alignment = Alignment.of(old, wanted, String::equals);

        assertThat(String.join(" ", walk(alignment, old, wanted))).isEqualTo(expected);
        for (Alignment.Kept kept : alignment.kept()) {
            assertThat(old.get(kept.before())).isEqualTo(wanted.get(kept.after()));
        }
    }

    @Test
    void aLongUnchangedListIsAlignedWithoutATableOfEveryPair() {
        // 40,000² pairs would take 8 GB: an unchanged chain of that size must still align at once
        List<String> rules = java.util.stream.IntStream.range(0, 40_000)
                .mapToObj(i -> "tcp dport " + i + " accept")
                .toList();

        Alignment alignment = Alignment.of(rules, List.copyOf(rules), String::equals);

        assertThat(alignment.gaps()).isEmpty();
        assertThat(alignment.kept()).hasSize(40_000).last().isEqualTo(new Alignment.Kept(39_999, 39_999));
    }

    /** Kept rules and gaps in order; within a gap removed rules first, as the chain edit deletes them first. */
    private static List<String> walk(Alignment alignment, List<String> old, List<String> wanted) {
        List<String> out = new ArrayList<>();
        List<Alignment.Kept> kept = alignment.kept();
        int k = 0;
        for (Alignment.Gap gap : alignment.gaps()) {
            while (k < kept.size() && kept.get(k).after() < gap.fromAfter()) {
                out.add("=" + wanted.get(kept.get(k++).after()));
            }
            old.subList(gap.fromBefore(), gap.toBefore()).forEach(r -> out.add("-" + r));
            wanted.subList(gap.fromAfter(), gap.toAfter()).forEach(r -> out.add("+" + r));
        }
        while (k < kept.size()) {
            out.add("=" + wanted.get(kept.get(k++).after()));
        }
        return out;
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.split(" "));
    }
}
