package dev.shadowstep.core.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuStateTest {
    private final CpuState reset = CpuState.reset(0x401000, 0x800000);

    @Test
    void resetStateHasTheArchitecturalResetValues() {
        assertThat(reset.rflags()).isEqualTo(0x2);
        assertThat(reset.dr6()).isEqualTo(0xffff0ff0L);
        assertThat(reset.dr7()).isEqualTo(0x400L);
        assertThat(reset.shadow()).isEqualTo(Shadow.NONE);
        assertThat(reset.reg(Regs.RSP)).isEqualTo(0x800000L);
    }

    @Test
    void rflagsWithoutTheFixedBitIsRejected() {
        assertThatThrownBy(() -> reset.withRflags(0)).hasMessageContaining("bit 1");
    }

    @Test
    void rflagsWithAReservedBitIsRejected() {
        assertThatThrownBy(() -> reset.withRflags(0x2 | 1L << 15)).hasMessageContaining("reserved");
    }

    @Test
    void dr6WithFixedBitsClearIsRejected() {
        assertThatThrownBy(() -> reset.withDr6(0)).hasMessageContaining("DR6");
    }

    @Test
    void pendingDebugBitsOutsideDr6CausesAreRejected() {
        assertThatThrownBy(() -> reset.withPendingDb(1L << 12)).hasMessageContaining("0xe00f");
    }

    @Test
    void onlyCpl0And3AreModelled() {
        assertThatThrownBy(() -> reset.withCpl(1)).hasMessageContaining("CPL 1");
    }

    @Test
    void withCopiesChangeOneFieldAndKeepTheRest() {
        CpuState s = reset.withReg(Regs.RAX, 7).withShadow(Shadow.STI);
        assertThat(s.reg(Regs.RAX)).isEqualTo(7);
        assertThat(s.shadow()).isEqualTo(Shadow.STI);
        assertThat(reset.reg(Regs.RAX)).isZero();
        assertThat(s.withReg(Regs.RAX, 0).withShadow(Shadow.NONE)).isEqualTo(reset);
    }

    @Test
    void onlyMovSsBlocksDebugTraps() {
        assertThat(Shadow.STI.blocksInterrupts()).isTrue();
        assertThat(Shadow.STI.blocksDebugTraps()).isFalse();
        assertThat(Shadow.MOV_SS.blocksDebugTraps()).isTrue();
        assertThat(Shadow.NONE.blocksInterrupts()).isFalse();
    }
}
