package dev.shadowstep.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How two sequences of keys line up: a longest common subsequence found with Myers' O(ND)
 * difference algorithm in its linear-space form (E. Myers, "An O(ND) Difference Algorithm and Its
 * Variations", Algorithmica 1986, section 4b: the middle snake, then divide and conquer). Runs of
 * equal keys become {@link Op#MATCH} spans; keys only one side has become {@link Op#ONLY_A} or
 * {@link Op#ONLY_B} spans (insertions).
 *
 * <p>Cost: common leading and trailing keys are taken first in linear time; the search then costs
 * O((N+M)·D) time for D differing keys and O(N+M) space. The time is bounded by a budget of search
 * steps; a region still open when the budget is spent is aligned by a greedy re-synchronising scan
 * instead (at each mismatch, the nearest pair of equal keys within {@link #WINDOW} keys on either
 * side), which is linear and still valid, though not always the shortest. {@link #exact()} says
 * whether that happened.
 */
public final class Alignment {

    /** What a span holds. */
    public enum Op { MATCH, ONLY_A, ONLY_B }

    /**
     * One span: {@code length} keys from {@code a} in A and from {@code b} in B (MATCH), or only in
     * one run (ONLY_A, ONLY_B: the other index is where the span sits in that run).
     */
    public record Span(Op op, int a, int b, int length) {}

    /**
     * The search steps allowed before the greedy scan takes over: two runs of 20,000 unrelated steps
     * spend it in about 0.6 s on a loaded 2-core machine (README, Measured).
     */
    public static final long DEFAULT_BUDGET = 10_000_000L;

    /** How far the greedy scan looks for the next equal pair. */
    static final int WINDOW = 16;

    private final List<Span> spans;
    private final boolean exact;

    private Alignment(List<Span> spans, boolean exact) {
        this.spans = List.copyOf(spans);
        this.exact = exact;
    }

    /** Returns the spans in order; together they cover both sequences once each. */
    public List<Span> spans() {
        return spans;
    }

    /** Returns whether the alignment is a longest common subsequence (the budget was not spent). */
    public boolean exact() {
        return exact;
    }

    /** Returns how many keys are matched. */
    public int matched() {
        return spans.stream().filter(s -> s.op() == Op.MATCH).mapToInt(Span::length).sum();
    }

    /** Returns the alignment of {@code a} and {@code b} within the default budget. */
    public static Alignment of(int[] a, int[] b) {
        return of(a, b, DEFAULT_BUDGET);
    }

    /** Returns the alignment of {@code a} and {@code b}, spending at most about {@code budget} search steps. */
    public static Alignment of(int[] a, int[] b, long budget) {
        Search search = new Search(a, b, budget);
        search.run();
        return new Alignment(spans(search.matches, a.length, b.length), !search.fellBack);
    }

    /** A matched run: {@code length} equal keys from {@code a} and {@code b}. */
    private record Match(int a, int b, int length) {}

    /** Turns matched runs (in any order) into spans covering both sequences. */
    private static List<Span> spans(List<Match> matches, int n, int m) {
        matches.sort(Comparator.comparingInt(Match::a));
        List<Span> out = new ArrayList<>();
        int x = 0, y = 0;
        for (Match match : matches) {
            if (match.length() == 0) continue;
            if (match.a() > x) add(out, new Span(Op.ONLY_A, x, y, match.a() - x));
            if (match.b() > y) add(out, new Span(Op.ONLY_B, match.a(), y, match.b() - y));
            add(out, new Span(Op.MATCH, match.a(), match.b(), match.length()));
            x = match.a() + match.length();
            y = match.b() + match.length();
        }
        if (n > x) add(out, new Span(Op.ONLY_A, x, y, n - x));
        if (m > y) add(out, new Span(Op.ONLY_B, n, y, m - y));
        return out;
    }

    /** Adds a span, joining it to the last one when they continue each other. */
    private static void add(List<Span> out, Span span) {
        if (!out.isEmpty()) {
            Span last = out.getLast();
            boolean joins = last.op() == span.op() && switch (span.op()) {
                case MATCH -> last.a() + last.length() == span.a() && last.b() + last.length() == span.b();
                case ONLY_A -> last.a() + last.length() == span.a();
                case ONLY_B -> last.b() + last.length() == span.b();
            };
            if (joins) {
                out.set(out.size() - 1, new Span(span.op(), last.a(), last.b(), last.length() + span.length()));
                return;
            }
        }
        out.add(span);
    }

    /** The divide and conquer, with an explicit work list (no deep recursion on long runs). */
    private static final class Search {
        final int[] a, b;
        final List<Match> matches = new ArrayList<>();
        final int[] forward, backward;
        long budget;
        boolean fellBack;

        Search(int[] a, int[] b, long budget) {
            this.a = a;
            this.b = b;
            this.budget = budget;
            int size = a.length + b.length + 4; // 2 * ceil((n + m) / 2) + 2 diagonals at most
            this.forward = new int[size];
            this.backward = new int[size];
        }

        void run() {
            List<int[]> work = new ArrayList<>();
            work.add(new int[] {0, a.length, 0, b.length});
            while (!work.isEmpty()) {
                int[] r = work.removeLast();
                int aLo = r[0], aHi = r[1], bLo = r[2], bHi = r[3];
                int head = 0;
                while (aLo + head < aHi && bLo + head < bHi && a[aLo + head] == b[bLo + head]) head++;
                if (head > 0) matches.add(new Match(aLo, bLo, head));
                aLo += head;
                bLo += head;
                int tail = 0;
                while (aHi - tail > aLo && bHi - tail > bLo && a[aHi - tail - 1] == b[bHi - tail - 1]) tail++;
                if (tail > 0) matches.add(new Match(aHi - tail, bHi - tail, tail));
                aHi -= tail;
                bHi -= tail;
                if (aLo == aHi || bLo == bHi) continue; // only insertions left
                int[] split = budget > 0 ? middle(aLo, aHi, bLo, bHi) : null;
                if (split == null) {
                    if (budget <= 0) {
                        fellBack = true;
                        greedy(aLo, aHi, bLo, bHi);
                    }
                    continue; // nothing in common: all insertions
                }
                work.add(new int[] {split[0], aHi, split[1], bHi});
                work.add(new int[] {aLo, split[0], bLo, split[1]});
            }
        }

        /**
         * Returns a point {x, y} on the middle snake of the region (Myers 4b, as in diff-match-patch's
         * bisect), or null when the region has no key in common or the budget ran out.
         */
        int[] middle(int aLo, int aHi, int bLo, int bHi) {
            int n = aHi - aLo, m = bHi - bLo;
            int maxD = (n + m + 1) / 2;
            int offset = maxD;
            int length = 2 * maxD + 2;
            Arrays.fill(forward, 0, length, -1);
            Arrays.fill(backward, 0, length, -1);
            forward[offset + 1] = 0;
            backward[offset + 1] = 0;
            int delta = n - m;
            boolean front = (delta & 1) != 0;
            int k1start = 0, k1end = 0, k2start = 0, k2end = 0;
            for (int d = 0; d < maxD; d++) {
                if (budget <= 0) return null;
                for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
                    int k1o = offset + k1;
                    int x1 = k1 == -d || (k1 != d && forward[k1o - 1] < forward[k1o + 1]) ? forward[k1o + 1] : forward[k1o - 1] + 1;
                    int y1 = x1 - k1;
                    while (x1 < n && y1 < m && a[aLo + x1] == b[bLo + y1]) {
                        x1++;
                        y1++;
                        budget--;
                    }
                    budget--;
                    forward[k1o] = x1;
                    if (x1 > n) {
                        k1end += 2;
                    } else if (y1 > m) {
                        k1start += 2;
                    } else if (front) {
                        int k2o = offset + delta - k1;
                        if (k2o >= 0 && k2o < length && backward[k2o] != -1 && x1 >= n - backward[k2o]) {
                            return new int[] {aLo + x1, bLo + y1};
                        }
                    }
                }
                for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
                    int k2o = offset + k2;
                    int x2 = k2 == -d || (k2 != d && backward[k2o - 1] < backward[k2o + 1]) ? backward[k2o + 1] : backward[k2o - 1] + 1;
                    int y2 = x2 - k2;
                    while (x2 < n && y2 < m && a[aHi - x2 - 1] == b[bHi - y2 - 1]) {
                        x2++;
                        y2++;
                        budget--;
                    }
                    budget--;
                    backward[k2o] = x2;
                    if (x2 > n) {
                        k2end += 2;
                    } else if (y2 > m) {
                        k2start += 2;
                    } else if (!front) {
                        int k1o = offset + delta - k2;
                        if (k1o >= 0 && k1o < length && forward[k1o] != -1) {
                            int x1 = forward[k1o];
                            int y1 = offset + x1 - k1o;
                            if (x1 >= n - x2) return new int[] {aLo + x1, bLo + y1};
                        }
                    }
                }
            }
            return null;
        }

        /** The fallback: walks both regions, re-synchronising on the nearest equal pair within the window. */
        void greedy(int aLo, int aHi, int bLo, int bHi) {
            int x = aLo, y = bLo;
            while (x < aHi && y < bHi) {
                if (a[x] == b[y]) {
                    int run = 0;
                    while (x + run < aHi && y + run < bHi && a[x + run] == b[y + run]) run++;
                    matches.add(new Match(x, y, run));
                    x += run;
                    y += run;
                    continue;
                }
                int[] next = resync(x, aHi, y, bHi);
                if (next == null) {
                    x++; // no equal pair near: one key from each side, as insertions
                    y++;
                } else {
                    x = next[0];
                    y = next[1];
                }
            }
        }

        private int[] resync(int x, int aHi, int y, int bHi) {
            for (int s = 1; s <= 2 * WINDOW; s++) {
                for (int p = 0; p <= s; p++) {
                    int q = s - p;
                    if (p > WINDOW || q > WINDOW) continue;
                    if (x + p < aHi && y + q < bHi && a[x + p] == b[y + q]) return new int[] {x + p, y + q};
                }
            }
            return null;
        }
    }
}
