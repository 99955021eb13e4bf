package dev.shadowstep.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.compare.Alignment.Op;
import dev.shadowstep.compare.Alignment.Span;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AlignmentTest {

    @Test
    void identicalSequencesAreOneMatch() {
        int[] keys = {1, 2, 3, 4, 5};
        assertThat(Alignment.of(keys, keys.clone()).spans()).containsExactly(new Span(Op.MATCH, 0, 0, 5));
    }

    @Test
    void anInsertedSpanIsOneInsertion() {
        int[] guest = {1, 2, 3, 4, 5, 6};
        int[] withHost = {1, 2, 3, 90, 91, 92, 93, 4, 5, 6};
        assertThat(Alignment.of(guest, withHost).spans()).containsExactly(
                new Span(Op.MATCH, 0, 0, 3), new Span(Op.ONLY_B, 3, 3, 4), new Span(Op.MATCH, 3, 7, 3));
    }

    @Test
    void spansAtTheStartAndEndAreInsertionsToo() {
        int[] a = {9, 1, 2, 3};
        int[] b = {1, 2, 3, 8, 8};
        assertThat(Alignment.of(a, b).spans()).containsExactly(
                new Span(Op.ONLY_A, 0, 0, 1), new Span(Op.MATCH, 1, 0, 3), new Span(Op.ONLY_B, 4, 3, 2));
    }

    @Test
    void nothingInCommonIsTwoInsertions() {
        assertThat(Alignment.of(new int[] {1, 2}, new int[] {3, 4, 5}).spans()).containsExactly(
                new Span(Op.ONLY_A, 0, 0, 2), new Span(Op.ONLY_B, 2, 0, 3));
        assertThat(Alignment.of(new int[0], new int[] {3}).spans()).containsExactly(new Span(Op.ONLY_B, 0, 0, 1));
        assertThat(Alignment.of(new int[0], new int[0]).spans()).isEmpty();
    }

    /** Myers' own example (Algorithmica 1986, Fig. 1): ABCABBA against CBABAC has a longest common subsequence of 4. */
    @Test
    void myersExampleMatchesFour() {
        int[] a = {'A', 'B', 'C', 'A', 'B', 'B', 'A'};
        int[] b = {'C', 'B', 'A', 'B', 'A', 'C'};
        Alignment alignment = Alignment.of(a, b);
        assertThat(alignment.matched()).isEqualTo(4);
        assertValid(alignment, a, b);
    }

    @Nested
    class AgainstDynamicProgramming {

        @Test
        void randomSequencesGetALongestCommonSubsequence() {
            Random random = new Random(11);
            for (int round = 0; round < 400; round++) {
                int[] a = random(random, random.nextInt(40), 1 + random.nextInt(5));
                int[] b = random(random, random.nextInt(40), 1 + random.nextInt(5));
                Alignment alignment = Alignment.of(a, b);
                assertValid(alignment, a, b);
                assertThat(alignment.exact()).isTrue();
                assertThat(alignment.matched()).as("round %d", round).isEqualTo(lcs(a, b));
            }
        }

        @Test
        void withNoBudgetTheGreedyScanStillGivesAValidAlignment() {
            Random random = new Random(12);
            for (int round = 0; round < 200; round++) {
                int[] a = random(random, 1 + random.nextInt(60), 3);
                int[] b = random(random, 1 + random.nextInt(60), 3);
                Alignment alignment = Alignment.of(a, b, 0);
                assertValid(alignment, a, b);
                assertThat(alignment.matched()).isLessThanOrEqualTo(lcs(a, b));
            }
        }

        @Test
        void aSpentBudgetIsReportedAsNotExact() {
            int[] a = random(new Random(1), 500, 4);
            int[] b = random(new Random(2), 500, 4);
            assertThat(Alignment.of(a, b, 10).exact()).isFalse();
        }
    }

    @Test
    void aMillionKeysWithAFewInsertionsStayLinear() {
        int n = 1_000_000;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i % 1000;
        int[] b = new int[n + 30];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (i % 100_000 == 50_000) for (int k = 0; k < 3; k++) b[j++] = 5000 + k;
            b[j++] = a[i];
        }
        Alignment alignment = Alignment.of(a, b);
        assertThat(alignment.exact()).isTrue();
        assertThat(alignment.matched()).isEqualTo(n);
        assertThat(alignment.spans().stream().filter(s -> s.op() == Op.ONLY_B)).hasSize(10)
                .allSatisfy(s -> assertThat(s.length()).isEqualTo(3));
    }

    private static int[] random(Random random, int length, int alphabet) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) out[i] = random.nextInt(alphabet);
        return out;
    }

    /** The textbook O(NM) table: the length of a longest common subsequence. */
    private static int lcs(int[] a, int[] b) {
        int[][] t = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                t[i][j] = a[i] == b[j] ? 1 + t[i + 1][j + 1] : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        return t[0][0];
    }

    /** The spans cover both sequences once each, in order, and a match pairs equal keys. */
    private static void assertValid(Alignment alignment, int[] a, int[] b) {
        int x = 0, y = 0;
        List<Span> spans = alignment.spans();
        for (Span s : spans) {
            assertThat(s.a()).isEqualTo(x);
            assertThat(s.b()).isEqualTo(y);
            assertThat(s.length()).isPositive();
            switch (s.op()) {
                case MATCH -> {
                    for (int i = 0; i < s.length(); i++) assertThat(a[x + i]).isEqualTo(b[y + i]);
                    x += s.length();
                    y += s.length();
                }
                case ONLY_A -> x += s.length();
                case ONLY_B -> y += s.length();
            }
        }
        assertThat(x).isEqualTo(a.length);
        assertThat(y).isEqualTo(b.length);
    }
}
