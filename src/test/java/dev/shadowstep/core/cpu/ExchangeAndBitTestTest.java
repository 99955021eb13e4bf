package dev.shadowstep.core.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** XCHG, CMPXCHG and BT/BTS/BTR/BTC with values worked from the SDM Vol. 2 pseudocode. */
class ExchangeAndBitTestTest {

    private static final long STATUS_SET = Rflags.RESET | Rflags.CF | Rflags.ZF | Rflags.SF | Rflags.OF;

    @Nested
    class Xchg {
        @Test
        void swapsRegistersAndChangesNoFlag() {
            Exec e = Exec.run("xchg %rbx, %rcx", b -> b.reg(Regs.RBX, 1).reg(Regs.RCX, 2).rflags(STATUS_SET));
            assertThat(e.after().reg(Regs.RBX)).isEqualTo(2);
            assertThat(e.after().reg(Regs.RCX)).isEqualTo(1);
            assertThat(e.after().rflags()).isEqualTo(STATUS_SET);
        }

        @Test
        void aThirtyTwoBitExchangeZeroesBothUpperHalves() {
            // xchg %eax,%eax is 87 c0, not NOP: a 32-bit register write zero-extends (SDM Vol. 1, 3.4.1.1).
            Exec e = Exec.run("xchg %eax, %eax", b -> b.reg(Regs.RAX, 0xffffffff_00000005L));
            assertThat(e.after().reg(Regs.RAX)).isEqualTo(5);
        }

        @Test
        void swapsWithMemory() {
            Exec e = Exec.run("xchg %rax, cell(%rip)", b -> b.reg(Regs.RAX, 7), 9, 0);
            assertThat(e.after().reg(Regs.RAX)).isEqualTo(9);
            assertThat(e.memory.read(e.cell(), 8)).isEqualTo(7);
        }
    }

    @Nested
    class Cmpxchg {
        @Test
        void equalStoresTheSourceAndSetsZf() {
            Exec e = Exec.run("cmpxchg %rcx, cell(%rip)", b -> b.reg(Regs.RAX, 5).reg(Regs.RCX, 9), 5, 0);
            assertThat(e.memory.read(e.cell(), 8)).isEqualTo(9);
            assertThat(e.after().reg(Regs.RAX)).isEqualTo(5);
            assertThat(e.after().flag(Rflags.ZF)).isTrue();
            assertThat(e.after().flag(Rflags.CF)).isFalse();
        }

        @Test
        void differentLoadsTheAccumulatorAndWritesTheDestinationBack() {
            // TEMP = DEST; ZF = 0; DEST = TEMP; accumulator = TEMP; flags as CMP 4 - 5: CF=1 (borrow), SF=1.
            Exec e = Exec.run("cmpxchg %rcx, cell(%rip)", b -> b.reg(Regs.RAX, 4).reg(Regs.RCX, 9), 5, 0);
            assertThat(e.after().reg(Regs.RAX)).isEqualTo(5);
            assertThat(e.memory.read(e.cell(), 8)).isEqualTo(5);
            assertThat(e.writes).as("the destination is written back even when the comparison fails")
                    .anySatisfy(w -> assertThat(w).containsExactly(e.cell(), 8, 5));
            assertThat(e.after().flag(Rflags.ZF)).isFalse();
            assertThat(e.after().flag(Rflags.CF)).isTrue();
            assertThat(e.after().flag(Rflags.SF)).isTrue();
        }

        @Test
        void aByteCompareUsesAl() {
            Exec e = Exec.run("cmpxchg %cl, %dl", b -> b.reg(Regs.RAX, 0x1234).reg(Regs.RCX, 0x77).reg(Regs.RDX, 0x34));
            assertThat(e.after().reg(Regs.RDX)).isEqualTo(0x77);
            assertThat(e.after().flag(Rflags.ZF)).isTrue();
        }
    }

    @Nested
    class BitTests {
        @Test
        void btCopiesTheBitToCfAndLeavesZf() {
            Exec e = Exec.run("bt $3, %rbx", b -> b.reg(Regs.RBX, 0b1000).rflags(Rflags.RESET | Rflags.ZF));
            assertThat(e.after().flag(Rflags.CF)).isTrue();
            assertThat(e.after().flag(Rflags.ZF)).as("ZF is unaffected").isTrue();
            assertThat(e.after().reg(Regs.RBX)).isEqualTo(0b1000);
        }

        @Test
        void btsBtrBtcSetClearAndComplementTheBitAfterCopyingIt() {
            Exec bts = Exec.run("bts $0, %rax", b -> b.reg(Regs.RAX, 0));
            assertThat(bts.after().reg(Regs.RAX)).isEqualTo(1);
            assertThat(bts.after().flag(Rflags.CF)).isFalse();
            Exec btr = Exec.run("btr $63, %rdx", b -> b.reg(Regs.RDX, -1L));
            assertThat(btr.after().reg(Regs.RDX)).isEqualTo(Long.MAX_VALUE);
            assertThat(btr.after().flag(Rflags.CF)).isTrue();
            Exec btc = Exec.run("btc %cx, %dx", b -> b.reg(Regs.RCX, 2).reg(Regs.RDX, 0xffff_0004L));
            assertThat(btc.after().reg(Regs.RDX)).isEqualTo(0xffff_0000L);
            assertThat(btc.after().flag(Rflags.CF)).isTrue();
        }

        @Test
        void anImmediateOffsetIsTakenModuloTheOperandWidth() {
            Exec e = Exec.run("btl $35, %eax", b -> b.reg(Regs.RAX, 0b1000));
            assertThat(e.after().flag(Rflags.CF)).isTrue();
        }

        @Test
        void aRegisterOffsetIndexesABitStringInMemoryEitherSideOfTheAddress() {
            // Bit 65 of a 64-bit bit string at cell: the quadword at cell + 8 * (65 DIV 64), bit 65 MOD 64 = 1.
            Exec up = Exec.run("btsq %rax, cell(%rip)", b -> b.reg(Regs.RAX, 65), 0, 0);
            assertThat(up.memory.read(up.cell() + 8, 8)).isEqualTo(2);
            assertThat(up.memory.read(up.cell(), 8)).isZero();
            // Bit -1: the quadword before cell + 8, bit 63 (the offset is signed).
            Exec down = Exec.run("btq %rax, cell+8(%rip)", b -> b.reg(Regs.RAX, -1L), 1L << 63, 0);
            assertThat(down.after().flag(Rflags.CF)).isTrue();
        }
    }

    @Test
    void vmxInstructionsOnBareMetalAreInvalidOpcodes() {
        // Outside VMX operation every VMX instruction but VMXON is #UD (SDM Vol. 2B VMLAUNCH/VMRESUME, VMREAD, VMWRITE).
        for (String insn : new String[] {"vmlaunch", "vmresume", "vmread %rax, %rbx", "vmwrite (%rbx), %rax"}) {
            Exec e = Exec.run(insn, b -> b);
            assertThat(e.fault().vector()).as(insn).isEqualTo(CpuFault.UD);
            assertThat(e.fault().reason()).as(insn).contains("outside VMX operation");
        }
    }

    @Test
    void wbinvdAtCpl3IsGeneralProtection() {
        Exec e = Exec.run("wbinvd", b -> b.cpl(3).ss(0x2b));
        assertThat(e.fault().vector()).isEqualTo(CpuFault.GP);
        Exec ok = Exec.run("invd", b -> b);
        assertThat(ok.after().rip()).isEqualTo(dev.shadowstep.core.asm.Program.BASE + 2);
    }
}
