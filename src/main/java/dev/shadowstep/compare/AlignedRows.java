package dev.shadowstep.compare;

import java.util.List;

/**
 * The rows of an aligned view: one row per matched pair and one per step only one run takes, in
 * alignment order. A row's number is what the compare page calls its step ({@code ?step=}); with
 * nothing inserted before it, it is the step number of both runs.
 */
public final class AlignedRows {

    private final List<Alignment.Span> spans;
    /** The first row of each span. */
    private final int[] starts;
    private final int size;

    public AlignedRows(Alignment alignment) {
        this.spans = alignment.spans();
        this.starts = new int[spans.size()];
        int row = 0;
        for (int i = 0; i < spans.size(); i++) {
            starts[i] = row;
            row += spans.get(i).length();
        }
        this.size = row;
    }

    /** Returns how many rows there are. */
    public int size() {
        return size;
    }

    /** Returns the step of run A at a row, or -1 when only B takes a step there. */
    public int stepA(int row) {
        int i = span(row);
        Alignment.Span s = spans.get(i);
        return s.op() == Alignment.Op.ONLY_B ? -1 : s.a() + row - starts[i];
    }

    /** Returns the step of run B at a row, or -1 when only A takes a step there. */
    public int stepB(int row) {
        int i = span(row);
        Alignment.Span s = spans.get(i);
        return s.op() == Alignment.Op.ONLY_A ? -1 : s.b() + row - starts[i];
    }

    /** Returns the row of step {@code step} of run A (or of B when {@code inA} is false); the last row for a step past the end. */
    public int rowOf(boolean inA, int step) {
        for (int i = 0; i < spans.size(); i++) {
            Alignment.Span s = spans.get(i);
            boolean has = inA ? s.op() != Alignment.Op.ONLY_B : s.op() != Alignment.Op.ONLY_A;
            int first = inA ? s.a() : s.b();
            if (has && step >= first && step < first + s.length()) return starts[i] + step - first;
        }
        return Math.max(0, size - 1);
    }

    /** Returns the row a difference starts at. */
    public int rowOf(Difference d) {
        return switch (d.kind()) {
            case ONLY_B -> rowOf(false, d.b());
            default -> rowOf(true, d.a());
        };
    }

    private int span(int row) {
        if (row < 0 || row >= size) throw new IndexOutOfBoundsException("row " + row + " of " + size);
        int lo = 0, hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= row) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }
}
