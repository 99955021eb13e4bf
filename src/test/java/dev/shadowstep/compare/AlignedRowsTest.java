package dev.shadowstep.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlignedRowsTest {

    /** A = 1 2 3 4, B = 1 9 9 2 3 5: rows 1 9 9 2 3 4 5 (B's 9s inserted, A's 4 and B's 5 each alone). */
    private final AlignedRows rows = new AlignedRows(Alignment.of(new int[] {1, 2, 3, 4}, new int[] {1, 9, 9, 2, 3, 5}));

    @Test
    void eachRowHoldsTheStepOfEachRunThatTakesOne() {
        assertThat(rows.size()).isEqualTo(7);
        int[] a = new int[7], b = new int[7];
        for (int r = 0; r < 7; r++) {
            a[r] = rows.stepA(r);
            b[r] = rows.stepB(r);
        }
        assertThat(a).containsExactly(0, -1, -1, 1, 2, 3, -1);
        assertThat(b).containsExactly(0, 1, 2, 3, 4, -1, 5);
    }

    @Test
    void aStepFindsItsRow() {
        assertThat(rows.rowOf(true, 1)).isEqualTo(3);
        assertThat(rows.rowOf(false, 2)).isEqualTo(2);
        assertThat(rows.rowOf(false, 5)).isEqualTo(6);
        assertThat(rows.rowOf(true, 99)).isEqualTo(6);
    }
}
