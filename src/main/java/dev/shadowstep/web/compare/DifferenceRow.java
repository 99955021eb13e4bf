package dev.shadowstep.web.compare;

import dev.shadowstep.compare.AlignedRows;
import dev.shadowstep.compare.Difference;
import java.util.List;

/**
 * One difference as the compare page and its text and JSON forms list it.
 *
 * @param row  the row of the aligned view it starts at (the page's {@code ?step=})
 * @param a    run A's step there, or -1 when only B takes one
 * @param b    run B's step there, or -1 when only A takes one
 */
public record DifferenceRow(int row, int a, int b, Difference difference) {

    /** Returns the rows of the listed differences. */
    public static List<DifferenceRow> of(List<Difference> differences, AlignedRows rows) {
        return differences.stream().map(d -> {
            int row = rows.size() == 0 ? 0 : rows.rowOf(d);
            return new DifferenceRow(row, rows.size() == 0 ? -1 : rows.stepA(row), rows.size() == 0 ? -1 : rows.stepB(row), d);
        }).toList();
    }

    /** Returns where the difference is, in words: {@code step 35 of both runs}, {@code A step 4, B step 10}, {@code only B, step 6}. */
    public String where() {
        if (a < 0) return "only B, step " + b;
        if (b < 0) return "only A, step " + a;
        return a == b ? "step " + a + " of both runs" : "A step " + a + ", B step " + b;
    }

    /**
     * Returns the differing state fields in one line ({@code vmcs.pending_dbg 0x4000 vs 0x0}); when only
     * the events or the why differ, says so. The page shows the whys apart ({@link #whys}).
     */
    public String shortSummary() {
        List<String> parts = difference.fields().stream().filter(f -> !f.name().equals("why") && !f.name().equals("events"))
                .map(f -> f.name() + " " + f.a() + " vs " + f.b()).toList();
        if (!parts.isEmpty()) return String.join("; ", parts);
        if (fieldNames().contains("events")) return "the events differ";
        return fieldNames().contains("why") ? "the same state, for a different reason" : difference.summary();
    }

    /** Returns the sentences in which the two whys differ, {A, B}, or null when the whys are the same. */
    public String[] whys() {
        return difference.fields().stream().filter(f -> f.name().equals("why")).findFirst()
                .map(f -> dev.shadowstep.compare.RunComparison.differingSentences(f.a(), f.b())).orElse(null);
    }

    /** Returns the names of the differing fields, for marking them in the inspector. */
    public List<String> fieldNames() {
        return difference.fields().stream().map(Difference.Field::name).toList();
    }
}
