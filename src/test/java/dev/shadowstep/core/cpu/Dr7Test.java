package dev.shadowstep.core.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dr7Test {

    @Test
    void writingZeroLeavesBit10Set() {
        assertThat(Dr7.write(0)).isEqualTo(0x400L);
    }

    @Test
    void reservedBits12And14And15AreDroppedAndBit10StaysSet() {
        assertThat(Dr7.write(0xffffffffL)).isEqualTo(0xffff2fffL);
        assertThat(Dr7.write(0)).isEqualTo(0x400L);
    }

    @Test
    void eitherLocalOrGlobalEnableEnablesABreakpoint() {
        assertThat(Dr7.enabled(0x400 | 1 << 4, 2)).isTrue();
        assertThat(Dr7.enabled(0x400 | 1 << 5, 2)).isTrue();
        assertThat(Dr7.enabled(0x400 | 1 << 5, 1)).isFalse();
    }

    @Test
    void lenEncodingIsOneTwoEightFour() {
        assertThat(Dr7.lengthBytes(0L << 18, 0)).isEqualTo(1);
        assertThat(Dr7.lengthBytes(1L << 18, 0)).isEqualTo(2);
        assertThat(Dr7.lengthBytes(2L << 18, 0)).isEqualTo(8);
        assertThat(Dr7.lengthBytes(3L << 18, 0)).isEqualTo(4);
    }

    @Test
    void kvmSelftestWriteBreakpointDecodesAsFourByteWrite() {
        long dr7 = 0x400 | (1 << 3) | (0xdL << 20); // G1, RW1=01, LEN1=11
        assertThat(Dr7.rw(dr7, 1)).isEqualTo(Dr7.RW_WRITE);
        assertThat(Dr7.lengthBytes(dr7, 1)).isEqualTo(4);
        assertThat(Dr7.anyDataBreakpoint(dr7)).isTrue();
        assertThat(Dr7.anyCodeBreakpoint(dr7)).isFalse();
    }

    @Test
    void dataBreakpointsMatchTheLenAlignedRange() {
        assertThat(Breakpoints.overlaps(0x1003, 4, 0x1000, 1)).as("0x1003 with LEN 4 covers 0x1000-0x1003").isTrue();
        assertThat(Breakpoints.overlaps(0x1000, 4, 0x1004, 4)).isFalse();
        assertThat(Breakpoints.overlaps(0x1000, 8, 0x0ffc, 8)).isTrue();
    }
}
