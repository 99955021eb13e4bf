package dev.shadowstep.core.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** DIV, IDIV, MOVZX and MOVSX with values worked from the SDM Vol. 2 pseudocode. */
class DivideAndExtendTest {

    @Nested
    class Div {
        @Test
        void divlDividesEdxEaxAndZeroExtendsBothResults() {
            // EDX:EAX = 0x1_00000005; / 2 = 0x80000002 remainder 1.
            Exec e = Exec.run("divl %ecx", b -> b.reg(Regs.RAX, 0xdead_0000_0000_0005L).reg(Regs.RDX, 0xbeef_0000_0000_0001L)
                    .reg(Regs.RCX, 2));
            assertThat(e.after().reg(Regs.RAX)).isEqualTo(0x8000_0002L);
            assertThat(e.after().reg(Regs.RDX)).isEqualTo(1);
        }

        @Test
        void aByteDivideUsesAxAndLeavesTheRestOfRax() {
            // AX = 263; / 10: AL = 26, AH = 3.
            Exec e = Exec.run("divb %bl", b -> b.reg(Regs.RAX, 0x1234_0107L).reg(Regs.RBX, 10));
            assertThat(e.after().reg(Regs.RAX)).isEqualTo(0x1234_031aL);
        }

        @Test
        void aSixtyFourBitDivideTakesTheFull128BitDividend() {
            // RDX:RAX = 2^64; / 2 = 2^63.
            Exec e = Exec.run("div %rcx", b -> b.reg(Regs.RDX, 1).reg(Regs.RAX, 0).reg(Regs.RCX, 2));
            assertThat(e.after().reg(Regs.RAX)).isEqualTo(Long.MIN_VALUE);
            assertThat(e.after().reg(Regs.RDX)).isZero();
        }

        @Test
        void aZeroDivisorIsDivideErrorAFaultThatWritesNothing() {
            Exec e = Exec.run("divl %ecx", b -> b.reg(Regs.RAX, 7));
            assertThat(e.fault().vector()).isEqualTo(CpuFault.DE);
            assertThat(e.fault().errorCode()).as("#DE has no error code (SDM Vol. 3A 6.15)").isEqualTo(-1);
            assertThat(e.fault().reason()).contains("#DE");
        }

        @Test
        void aQuotientTooLargeForTheDestinationIsDivideError() {
            // AX = 0x1000 / 1 = 4096 > 0xFF.
            Exec e = Exec.run("divb %bl", b -> b.reg(Regs.RAX, 0x1000).reg(Regs.RBX, 1));
            assertThat(e.fault().vector()).isEqualTo(CpuFault.DE);
        }
    }

    @Nested
    class Idiv {
        @Test
        void truncatesTowardZeroAndTheRemainderTakesTheDividendsSign() {
            // -7 / 2 = -3 remainder -1.
            Exec e = Exec.run("idivl %ecx", b -> b.reg(Regs.RAX, 0xffff_fff9L).reg(Regs.RDX, 0xffff_ffffL).reg(Regs.RCX, 2));
            assertThat(e.after().reg(Regs.RAX)).isEqualTo(0xffff_fffdL);
            assertThat(e.after().reg(Regs.RDX)).isEqualTo(0xffff_ffffL);
        }

        @Test
        void minusTwoToTheNMinusOneByMinusOneOverflowsIntoDivideError() {
            // EDX:EAX = -2^31; / -1 = 2^31, above 7FFFFFFFh.
            Exec e = Exec.run("idivl %ecx", b -> b.reg(Regs.RAX, 0x8000_0000L).reg(Regs.RDX, 0xffff_ffffL).reg(Regs.RCX, 0xffff_ffffL));
            assertThat(e.fault().vector()).isEqualTo(CpuFault.DE);
            Exec byte8 = Exec.run("idivb %bl", b -> b.reg(Regs.RAX, 0xff80).reg(Regs.RBX, 0xff));
            assertThat(byte8.fault().vector()).as("-128 / -1 = 128 > 7Fh").isEqualTo(CpuFault.DE);
        }

        @Test
        void theMostNegativeQuotientFits() {
            // AX = -256 / 2 = -128 = 80h, remainder 0: it fits (-80h is the lower bound).
            Exec e = Exec.run("idivb %bl", b -> b.reg(Regs.RAX, 0xff00).reg(Regs.RBX, 2));
            assertThat(e.after().reg(Regs.RAX) & 0xffff).isEqualTo(0x0080);
        }
    }

    @Nested
    class Extend {
        @Test
        void movzblZeroExtendsAndZeroesTheUpperHalf() {
            Exec e = Exec.run("movzbl %al, %eax", b -> b.reg(Regs.RAX, 0xffff_ffff_ffff_ff80L).rflags(Rflags.RESET | Rflags.CF));
            assertThat(e.after().reg(Regs.RAX)).isEqualTo(0x80);
            assertThat(e.after().rflags()).as("no flag changes").isEqualTo(Rflags.RESET | Rflags.CF);
        }

        @Test
        void movsbqAndMovslqSignExtend() {
            assertThat(Exec.run("movsbq %al, %rax", b -> b.reg(Regs.RAX, 0x80)).after().reg(Regs.RAX)).isEqualTo(0xffff_ffff_ffff_ff80L);
            assertThat(Exec.run("movslq %eax, %rcx", b -> b.reg(Regs.RAX, 0x8000_0000L)).after().reg(Regs.RCX))
                    .isEqualTo(0xffff_ffff_8000_0000L);
        }

        @Test
        void aSixteenBitDestinationKeepsTheRestOfTheRegister() {
            Exec e = Exec.run("movsbw %al, %cx", b -> b.reg(Regs.RAX, 0x80).reg(Regs.RCX, 0x1111_2222_3333_4444L));
            assertThat(e.after().reg(Regs.RCX)).isEqualTo(0x1111_2222_3333_ff80L);
        }

        @Test
        void theSourceMayBeAHighByteOrMemory() {
            assertThat(Exec.run("movzbl %ah, %ecx", b -> b.reg(Regs.RAX, 0xab00)).after().reg(Regs.RCX)).isEqualTo(0xab);
            Exec m = Exec.run("movswl cell(%rip), %edx", b -> b, 0x8001, 0);
            assertThat(m.after().reg(Regs.RDX)).isEqualTo(0xffff_8001L);
        }
    }
}
