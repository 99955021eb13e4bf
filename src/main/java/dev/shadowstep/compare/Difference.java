package dev.shadowstep.compare;

import java.util.List;

/**
 * One place where two runs differ.
 *
 * @param kind     what differs
 * @param a        the step in run A (for ONLY_B: the step of A the span sits before)
 * @param b        the step in run B (for ONLY_A: the step of B the span sits before)
 * @param length   how many steps the span has (1 for a pair)
 * @param fields   for a pair, the fields that differ: state fields, {@code why}, {@code events}
 * @param summary  the differing fields in one line: {@code vmcs.pending_dbg 0x4000 vs 0x0; why: ... vs ...}
 * @param sentence the difference explained, naming the step in both runs
 */
public record Difference(Kind kind, int a, int b, int length, List<Field> fields, String summary, String sentence) {

    public Difference {
        fields = List.copyOf(fields);
    }

    /** What differs. */
    public enum Kind {
        /** Both runs take this step, but its state, why or events differ. */
        PAIR,
        /** Steps only run A takes. */
        ONLY_A,
        /** Steps only run B takes. */
        ONLY_B,
        /** Every aligned step is the same, but the runs end differently. */
        OUTCOME;

        /** The wire name, as the JSON writes it. */
        public String wireName() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** One differing field: its trace-format name and both values. */
    public record Field(String name, String a, String b) {}
}
