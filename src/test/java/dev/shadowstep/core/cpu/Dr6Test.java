package dev.shadowstep.core.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dr6Test {

    @Test
    void writingZeroLeavesOnlyTheFixedBits() {
        assertThat(Dr6.write(0)).isEqualTo(0xffff0ff0L);
    }

    @Test
    void writingAllOnesKeepsOnlyB0ToB3BdBsBt() {
        assertThat(Dr6.write(0xffffffffL)).isEqualTo(0xffffeffFL);
    }

    @Test
    void aDebugExceptionReplacesB0ToB3() {
        long dr6 = Dr6.write(Dr6.B1);
        assertThat(Dr6.onDebugException(dr6, Dr6.B2)).isEqualTo(0xffff0ff4L);
    }

    @Test
    void bsBdAndBtAreStickyAcrossDebugExceptions() {
        long dr6 = Dr6.write(Dr6.BS | Dr6.B1);
        assertThat(Dr6.onDebugException(dr6, Dr6.B2)).isEqualTo(0xffff4ff4L);
        assertThat(Dr6.onDebugException(Dr6.write(Dr6.BD), Dr6.BS)).isEqualTo(0xffff6ff0L);
    }

    @Test
    void anIcebpStyleDebugExceptionWithNoCauseClearsOnlyTheMatchBits() {
        long dr6 = Dr6.write(Dr6.BS | Dr6.B3);
        assertThat(Dr6.onDebugException(dr6, 0)).isEqualTo(0xffff4ff0L);
    }

    @Test
    void validValuesHaveEveryFixedBitInPlace() {
        assertThat(Dr6.isValid(0xffff4ff0L)).isTrue();
        assertThat(Dr6.isValid(0xffff1ff0L)).as("bit 12 reads 0").isFalse();
        assertThat(Dr6.isValid(0)).isFalse();
        assertThat(Dr6.isValid(0x1ffff0ff0L)).as("bits 63:32 are reserved").isFalse();
    }

    @Test
    void causeNamesFollowDr6Order() {
        assertThat(Dr6.causeNames(Dr6.BS | Dr6.B0 | Dr6.B2)).containsExactly("B0", "B2", "BS");
        assertThat(Dr6.describe(0)).isEqualTo("none");
    }
}
