package dev.shadowstep.core.asm;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the known names closest in spelling to a mistyped one, for "did you mean" hints: the
 * scenario reader's keys and values, and the assembler's pasted-C macros.
 */
public final class Spelling {

    private Spelling() {}

    /** Returns up to two known names within a small edit distance of {@code typed}, closest first. */
    public static List<String> closest(String typed, Collection<String> known) {
        int limit = Math.max(1, Math.min(3, typed.length() / 3));
        List<Scored> close = known.stream()
                .map(name -> new Scored(name, distance(typed.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance <= limit)
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .toList();
        // Many names equally close (B4 vs B0..B3) is no hint at all; the caller lists the choices instead.
        if (close.size() > 2 && close.get(2).distance == close.getFirst().distance) return List.of();
        return close.stream().limit(2).map(Scored::name).toList();
    }

    /** Returns " did you mean 'x'?" (or 'x' or 'y'), or "" when nothing is close. */
    public static String didYouMean(String typed, Collection<String> known) {
        List<String> close = closest(typed, known);
        if (close.isEmpty()) return "";
        return " did you mean '" + String.join("' or '", close) + "'?";
    }

    private record Scored(String name, int distance) {}

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
