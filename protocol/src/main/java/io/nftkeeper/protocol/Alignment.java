package io.nftkeeper.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * How one ordered list of rules became another: the rules that stayed (a longest common subsequence, matched by the
 * caller's notion of "the same rule") and the gaps between them, where rules were removed and added. nftkeeper's one
 * rule aligner: drift reports, Read's reconciliation and minimal chain edits all use it, so they agree on which rule
 * is which. With identical rules repeated, the earliest ones stay.
 */
public final class Alignment {

    /** A rule at {@code before} in the old list that is the rule at {@code after} in the new one. */
    public record Kept(int before, int after) {}

    /**
     * Between two kept rules (or before the first, after the last): old rules {@code [fromBefore, toBefore)} were
     * removed, new rules {@code [fromAfter, toAfter)} were added. {@code next} is the kept rule right after the gap,
     * or null when the gap ends the lists.
     */
    public record Gap(int fromBefore, int toBefore, int fromAfter, int toAfter, Kept next) {}

    private final List<Kept> kept;
    private final List<Gap> gaps;

    private Alignment(List<Kept> kept, List<Gap> gaps) {
        this.kept = List.copyOf(kept);
        this.gaps = List.copyOf(gaps);
    }

    /** Aligns {@code before} with {@code after}; {@code same} says whether an old rule is a new one. */
    public static <B, A> Alignment of(List<B> before, List<A> after, BiPredicate<? super B, ? super A> same) {
        int n = before.size();
        int m = after.size();
        if (n == m && sameInOrder(before, after, same)) {
            // the common case of a read with no drift: no n×m table for a chain of thousands of rules
            List<Kept> kept = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                kept.add(new Kept(i, i));
            }
            return new Alignment(kept, List.of());
        }
        boolean[][] equal = new boolean[n][m];
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                equal[i][j] = same.test(before.get(i), after.get(j));
                common[i][j] = equal[i][j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Kept> kept = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        int i = 0;
        int j = 0;
        int gapBefore = 0;
        int gapAfter = 0;
        while (i < n || j < m) {
            if (i < n && j < m && equal[i][j]) {
                Kept pair = new Kept(i, j);
                if (gapBefore < i || gapAfter < j) {
                    gaps.add(new Gap(gapBefore, i, gapAfter, j, pair));
                }
                kept.add(pair);
                i++;
                j++;
                gapBefore = i;
                gapAfter = j;
            } else if (j >= m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
                i++;
            } else {
                j++;
            }
        }
        if (gapBefore < n || gapAfter < m) {
            gaps.add(new Gap(gapBefore, n, gapAfter, m, null));
        }
        return new Alignment(kept, gaps);
    }

    private static <B, A> boolean sameInOrder(List<B> before, List<A> after, BiPredicate<? super B, ? super A> same) {
        for (int i = 0; i < before.size(); i++) {
            if (!same.test(before.get(i), after.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The rules that stayed, in order. */
    public List<Kept> kept() {
        return kept;
    }

    /** Where rules were removed or added, in order; empty when the lists are the same. */
    public List<Gap> gaps() {
        return gaps;
    }
}
