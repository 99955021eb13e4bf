package dev.shadowstep.core.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowstep.core.apic.Apic;
import org.junit.jupiter.api.Test;

/** CR0, CR3, CR4 held in the state; CR8 as a view of the TPR (SDM Vol. 3A 2.5, 11.8.6). */
class ControlRegistersTest {
    private final CpuState reset = CpuState.reset(0x401000, 0x800000);

    @Test
    void theModelledCpuStartsInIa32eModeWithDeClear() {
        assertThat(reset.cr0() & (ControlRegisters.CR0_PE | ControlRegisters.CR0_PG))
                .isEqualTo(ControlRegisters.CR0_PE | ControlRegisters.CR0_PG);
        assertThat(reset.cr4() & ControlRegisters.CR4_PAE).isEqualTo(ControlRegisters.CR4_PAE);
        assertThat(reset.cr4De()).isFalse();
        assertThat(reset.cr4Vmxe()).isFalse();
    }

    @Test
    void bitPositionsAreTheSdmOnes() {
        // SDM Vol. 3A 2.5, Figure 2-7: DE is CR4 bit 3, PAE bit 5, VMXE bit 13, PCIDE bit 17; PG is CR0 bit 31.
        assertThat(ControlRegisters.CR4_DE).isEqualTo(0x8);
        assertThat(ControlRegisters.CR4_PAE).isEqualTo(0x20);
        assertThat(ControlRegisters.CR4_VMXE).isEqualTo(0x2000);
        assertThat(ControlRegisters.CR4_PCIDE).isEqualTo(0x20000);
        assertThat(ControlRegisters.CR0_PG).isEqualTo(0x80000000L);
        assertThat(ControlRegisters.CR0_NW).isEqualTo(0x20000000L);
        assertThat(ControlRegisters.CR0_CD).isEqualTo(0x40000000L);
    }

    @Test
    void cr4DeOnTheBuilderSetsOnlyBit3() {
        CpuState s = reset.toBuilder().cr4De(true).build();
        assertThat(s.cr4()).isEqualTo(reset.cr4() | 0x8);
        assertThat(s.cr4De()).isTrue();
        assertThat(s.toBuilder().cr4De(false).build()).isEqualTo(reset);
    }

    @Test
    void vmxeIsReadThroughItsAccessor() {
        CpuState s = reset.withCr(reset.cr().withCr4(reset.cr4() | 0x2000));
        assertThat(s.cr4Vmxe()).isTrue();
    }

    @Test
    void cr8IsTprBits7To4() {
        // SDM Vol. 3A 11.8.6: CR8[3:0] = TPR[7:4]; writing CR8 clears TPR[3:0].
        assertThat(reset.withApic(Apic.RESET.withTpr(0xAB)).cr8()).isEqualTo(0xA);
        assertThat(ControlRegisters.tprFromCr8(0xA)).isEqualTo(0xA0);
        assertThat(ControlRegisters.cr8FromTpr(0x0F)).isZero();
    }

    @Test
    void reservedAndUnsupportedCr4BitsAreRefused() {
        // Bit 15 is reserved; LA57 (12) and SMXE (14) are not supported by the modelled CPU.
        for (long bit : new long[] {1L << 15, 1L << 12, 1L << 14, 1L << 19, 1L << 23, 1L << 63}) {
            assertThat(ControlRegisters.cr4Problem(ControlRegisters.RESET_CR4 | bit)).as("bit %x", bit)
                    .contains("reserved");
        }
        assertThat(ControlRegisters.cr4Problem(ControlRegisters.RESET_CR4 | ControlRegisters.CR4_VMXE)).isNull();
        assertThatThrownBy(() -> reset.cr().withCr4(ControlRegisters.RESET_CR4 | 1L << 15))
                .hasMessageContaining("reserved");
    }

    @Test
    void ia32eModeNeedsPaeInCr4AndPgWithPeInCr0() {
        assertThat(ControlRegisters.cr4Problem(0)).contains("PAE");
        long cr0 = ControlRegisters.RESET_CR0;
        assertThat(ControlRegisters.cr0Problem(cr0 & ~ControlRegisters.CR0_PG)).contains("clears PG");
        assertThat(ControlRegisters.cr0Problem(cr0 & ~ControlRegisters.CR0_PE)).contains("PG without PE");
        assertThat(ControlRegisters.cr0Problem(cr0 | ControlRegisters.CR0_NW)).contains("NW without CD");
        assertThat(ControlRegisters.cr0Problem(cr0 | ControlRegisters.CR0_NW | ControlRegisters.CR0_CD)).isNull();
        assertThat(ControlRegisters.cr0Problem(cr0 | 1L << 32)).contains("63:32");
    }

    @Test
    void cr3AboveMaxphyaddrIsRefused() {
        assertThat(ControlRegisters.cr3Problem(1L << 46)).contains("MAXPHYADDR");
        assertThat(ControlRegisters.cr3Problem(0x1000)).isNull();
    }
}
