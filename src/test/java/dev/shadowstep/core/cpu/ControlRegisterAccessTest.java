package dev.shadowstep.core.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.apic.Apic;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import java.util.stream.Stream;

/**
 * MOV to and from CR0, CR2, CR3, CR4, CR8 on bare metal. Expected values: SDM Vol. 2B MOV—Move to/from
 * Control Registers ("Protected Mode Exceptions" / "64-Bit Mode Exceptions") and Vol. 3A 2.5, 11.8.6.
 */
class ControlRegisterAccessTest {
    private static final long CR0 = ControlRegisters.RESET_CR0;   // 0x80010033: PG WP NE ET MP PE
    private static final long CR4 = ControlRegisters.RESET_CR4;   // 0x20: PAE

    private static Exec write(String cr, long value) {
        return Exec.run("mov %rax, %" + cr, b -> b.reg(Regs.RAX, value));
    }

    @Nested
    class Reads {
        @Test
        void eachRegisterReadsItsValue() {
            assertThat(Exec.run("mov %cr0, %rbx", b -> b).after().reg(Regs.RBX)).isEqualTo(CR0);
            assertThat(Exec.run("mov %cr4, %rax", b -> b).after().reg(Regs.RAX)).isEqualTo(CR4);
            assertThat(Exec.run("mov %cr2, %r15", b -> b.cr2(0xdead000)).after().reg(15)).isEqualTo(0xdead000L);
            assertThat(Exec.run("mov %cr3, %rcx", b -> b.cr(ControlRegisters.RESET.withCr3(0x1000))).after()
                    .reg(Regs.RCX)).isEqualTo(0x1000);
        }

        @Test
        void cr8ReadsTprBits7To4() {
            // SDM Vol. 3A 11.8.6: CR8[3:0] = TPR[7:4]
            Exec e = Exec.run("mov %cr8, %rax", b -> b.reg(Regs.RAX, -1).apic(Apic.RESET.withTpr(0x9c)));
            assertThat(e.after().reg(Regs.RAX)).isEqualTo(0x9);
        }

        @Test
        void aReadMovesRipAndNamesItsRule() {
            Exec e = Exec.run("mov %cr4, %rax", b -> b);
            assertThat(e.after().rip()).isEqualTo(e.program.base() + 3);
            assertThat(((ExecResult.Retired) e.result).rule()).isEqualTo(InstructionRule.MOV_FROM_CR);
        }
    }

    @Nested
    class Writes {
        @Test
        void cr4DeIsSetAndDrivesDr4() {
            Exec e = write("cr4", CR4 | ControlRegisters.CR4_DE);
            assertThat(e.after().cr4De()).isTrue();
            assertThat(((ExecResult.Retired) e.result).rule()).isEqualTo(InstructionRule.MOV_TO_CR4);
            // With CR4.DE=1, MOV from DR4 is #UD (SDM Vol. 3B 18.2.2).
            CpuState de = e.after();
            Exec dr4 = Exec.run("mov %dr4, %rax", b -> b.cr(de.cr()));
            assertThat(dr4.fault().vector()).isEqualTo(CpuFault.UD);
        }

        @Test
        void cr0ReservedBitsOf31To0AreIgnoredAndEtReadsOne() {
            // bit 6 is reserved and ignored; ET (bit 4) is hardwired to 1 (SDM Vol. 3A 2.5)
            Exec e = write("cr0", (CR0 & ~ControlRegisters.CR0_ET) | 1L << 6 | ControlRegisters.CR0_CD);
            assertThat(e.after().cr0()).isEqualTo(CR0 | ControlRegisters.CR0_CD);
        }

        @Test
        void cdWithNwIsAllowed() {
            long v = CR0 | ControlRegisters.CR0_CD | ControlRegisters.CR0_NW;
            assertThat(write("cr0", v).after().cr0()).isEqualTo(v);
        }

        @Test
        void cr8SetsTprBits7To4AndClears3To0() {
            Exec e = Exec.run("mov %rax, %cr8", b -> b.reg(Regs.RAX, 0xa).apic(Apic.RESET.withTpr(0x3f)));
            assertThat(e.after().apic().tpr()).isEqualTo(0xa0);
            assertThat(e.after().cr8()).isEqualTo(0xa);
        }

        @Test
        void cr3KeepsBit63OutWithPcide() {
            long pcide = CR4 | ControlRegisters.CR4_PCIDE;
            Exec e = Exec.run("mov %rax, %cr3", b -> b.reg(Regs.RAX, 1L << 63 | 0x5000).cr(ControlRegisters.RESET.withCr4(pcide)));
            assertThat(e.after().cr3()).isEqualTo(0x5000);
        }

        @Test
        void cr2TakesAnyValue() {
            assertThat(write("cr2", 0xffff_8000_0000_0000L).after().cr2()).isEqualTo(0xffff_8000_0000_0000L);
        }

        @Test
        void aWriteChangesOnlyItsRegister() {
            CpuState after = write("cr4", CR4 | ControlRegisters.CR4_VMXE).after();
            assertThat(after.cr0()).isEqualTo(CR0);
            assertThat(after.cr3()).isZero();
            assertThat(after.cr4Vmxe()).isTrue();
        }
    }

    record Gp(String name, String cr, long value, UnaryOperator<CpuStateBuilder> setup, String says) {}

    /** Every #GP(0) case of SDM MOV CR that the model can reach; each leaves the register unchanged. */
    static final List<Gp> GP = List.of(
            new Gp("CR0 bits 63:32", "cr0", CR0 | 1L << 32, b -> b, "63:32"),
            new Gp("CR0.PG without PE", "cr0", CR0 & ~ControlRegisters.CR0_PE, b -> b, "PG without PE"),
            new Gp("CR0.NW without CD", "cr0", CR0 | ControlRegisters.CR0_NW, b -> b, "NW without CD"),
            new Gp("clearing CR0.PG in IA-32e mode", "cr0", CR0 & ~ControlRegisters.CR0_PG, b -> b, "clears PG"),
            new Gp("clearing CR0.PG and PE in IA-32e mode", "cr0", 0x11, b -> b, "clears PG"),
            new Gp("CR4 reserved bit 15", "cr4", CR4 | 1L << 15, b -> b, "reserved"),
            new Gp("CR4 bit 63", "cr4", CR4 | 1L << 63, b -> b, "reserved"),
            new Gp("CR4.LA57 (not supported)", "cr4", CR4 | ControlRegisters.CR4_LA57, b -> b, "reserved"),
            new Gp("CR4.SMXE (not supported)", "cr4", CR4 | ControlRegisters.CR4_SMXE, b -> b, "reserved"),
            new Gp("CR4 bit 23 (CET, not supported)", "cr4", CR4 | 1L << 23, b -> b, "reserved"),
            new Gp("clearing CR4.PAE in IA-32e mode", "cr4", ControlRegisters.CR4_DE, b -> b, "PAE"),
            new Gp("CR4.PCIDE with CR3[11:0] != 0", "cr4", CR4 | ControlRegisters.CR4_PCIDE,
                    b -> b.cr(ControlRegisters.RESET.withCr3(0x1001)), "PCIDE"),
            new Gp("CR3 above MAXPHYADDR", "cr3", 1L << 46, b -> b, "MAXPHYADDR"),
            new Gp("CR3 bit 63 without PCIDE", "cr3", 1L << 63, b -> b, "MAXPHYADDR"),
            new Gp("CR8 bit 4", "cr8", 0x10, b -> b, "63:4"),
            new Gp("CR8 bit 63", "cr8", 1L << 63, b -> b, "63:4"));

    @TestFactory
    Stream<DynamicTest> reservedBitsAndInvalidCombinationsAreGp0() {
        return GP.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Exec e = Exec.run("mov %rax, %" + c.cr(), b -> c.setup().apply(b.reg(Regs.RAX, c.value())));
            assertThat(e.result).as(c.name()).isInstanceOf(ExecResult.Fault.class);
            assertThat(e.fault().vector()).isEqualTo(CpuFault.GP);
            assertThat(e.fault().errorCode()).isZero();
            assertThat(e.fault().reason()).contains(c.says()).contains("#GP(0)");
        }));
    }

    @Test
    void cpl3IsGp0ForEveryRegisterBothWays() {
        for (String insn : List.of("mov %rax, %cr0", "mov %rax, %cr4", "mov %rax, %cr8", "mov %cr0, %rax", "mov %cr2, %rax",
                "mov %cr3, %rax", "mov %cr8, %rax")) {
            Exec e = Exec.run(insn, b -> b.cpl(3).ss(Selectors.USER_SS).reg(Regs.RAX, CR0));
            assertThat(e.fault().vector()).as(insn).isEqualTo(CpuFault.GP);
            assertThat(e.fault().reason()).as(insn).contains("CPL 3");
        }
    }

    @Test
    void crThatDoNotExistAreUdEvenAtCpl3() {
        for (int n : new int[] {1, 5, 6, 7, 9, 10, 15}) {
            for (String insn : List.of("mov %rax, %cr" + n, "mov %cr" + n + ", %rax")) {
                Exec e = Exec.run(insn, b -> b.cpl(3).ss(Selectors.USER_SS));
                assertThat(e.fault().vector()).as(insn).isEqualTo(CpuFault.UD);
                assertThat(e.fault().reason()).as(insn).contains("CR" + n + " does not exist");
            }
        }
    }

    @Test
    void rdtscAtCpl3WithCr4TsdIsGp0() {
        long tsd = CR4 | ControlRegisters.CR4_TSD;
        Exec user = Exec.run("rdtsc", b -> b.cpl(3).ss(Selectors.USER_SS).cr(ControlRegisters.RESET.withCr4(tsd)));
        assertThat(user.fault().vector()).isEqualTo(CpuFault.GP);
        assertThat(Exec.run("rdtsc", b -> b.cr(ControlRegisters.RESET.withCr4(tsd))).result)
                .as("CPL 0 may read it").isInstanceOf(ExecResult.Retired.class);
    }
}
