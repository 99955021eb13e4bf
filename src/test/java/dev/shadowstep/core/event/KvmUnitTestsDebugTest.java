package dev.shadowstep.core.event;

import static dev.shadowstep.core.event.Interruption.Source.CODE_BREAKPOINT;
import static dev.shadowstep.core.event.Interruption.Source.DEBUG_TRAP;
import static dev.shadowstep.core.event.Interruption.Source.FAULT;
import static dev.shadowstep.core.event.Interruption.Source.GENERAL_DETECT;
import static dev.shadowstep.core.event.Interruption.Source.ICEBP;
import static dev.shadowstep.core.event.Interruption.Source.IRQ;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.asm.DataCell;
import dev.shadowstep.core.cpu.Regs;
import dev.shadowstep.core.cpu.Rflags;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** kvm-unit-tests x86/debug.c on bare metal (semantics.md section 7 B, cases 10-13 and 20-22, and the single-step variants). */
class KvmUnitTestsDebugTest {

    /** Handlers shared by the programs: #DB returns (setting RF after an instruction breakpoint), #GP/#UD/INT 0x80 end the run. */
    static final String HANDLERS = """
            db_handler:
            push %rax
            mov %dr6, %rax
            test $0xf, %al
            jz 1f
            orq $X86_EFLAGS_RF, 24(%rsp)
            1: pop %rax
            iretq
            done:
            hlt
            """;

    static Guest guest(String body) {
        return Guest.program(body + "\n" + HANDLERS).idt(1, "db_handler").idt(6, "done").idt(13, "done").idt(0x80, "done");
    }

    @Nested
    class Case10Dr4Alias {
        @Test
        void dr4AliasesDr6WhenCr4DeIsClear() {
            Guest.Run run = guest("""
                    mov $0xffff4ff2, %rax
                    mov %rax, %dr4
                    mov %dr4, %rbx
                    hlt
                    """).run();
            assertThat(run.end.state().reg(Regs.RBX)).isEqualTo(0xffff4ff2L);
            assertThat(run.end.state().dr6()).isEqualTo(0xffff4ff2L);
            assertThat(run.deliveries).isEmpty();
        }

        @Test
        void readingDr4WithCr4DeSetIsUd() {
            Guest.Run run = guest("""
                    read: mov %dr4, %rax
                    hlt
                    """).state(b -> b.cr4De(true)).run();
            assertThat(run.trail()).containsExactly("FAULT@read");
            assertThat(run.deliveries.getFirst().vector()).isEqualTo(6);
        }
    }

    @Nested
    class Cases11And12InstructionBreakpoint {
        static final String PROGRAM = """
                lea hw_bp(%rip), %rax
                mov %rax, %dr2
                mov $0x420, %rax
                mov %rax, %dr7
                hw_bp: nop
                hlt
                """;

        @Test
        void anInstructionBreakpointFaultsOnceAndRfLetsTheNopRun() {
            Guest.Run run = guest(PROGRAM).run();
            assertThat(run.trail()).containsExactly("CODE_BREAKPOINT@hw_bp");
            assertThat(run.deliveries.getFirst().dr6()).isEqualTo(0xffff0ff4L);
            assertThat(run.deliveries.getFirst().pushedRflags() & Rflags.RF).as("#DB pushes RF as it is").isZero();
            assertThat(run.end.status()).isEqualTo(RunEnd.Status.COMPLETED);
        }

        @Test
        void bsStaysStickyWhileB1IsReplacedByB2() {
            Guest.Run run = guest("mov $0x4002, %rax\nmov %rax, %dr6\n" + PROGRAM).run();
            assertThat(run.dr6s(CODE_BREAKPOINT)).containsExactly(0xffff4ff4L);
        }
    }

    @Nested
    class SingleStep {
        static final String ENABLE_TF = "pushf\npop %rax\nor $(1<<8), %rax\npush %rax\n";

        static Guest atCpl(String body, int cpl) {
            Guest g = guest(body + "int $0x80\n");
            return cpl == 3 ? g.cpl3().state(b -> b.rflags(0x3002)) : g;
        }

        @ParameterizedTest(name = "at CPL {0}")
        @ValueSource(ints = {0, 3})
        void case13BasicSingleStepTrapsThreeTimesAndNotAfterThePopfThatSetTf(int cpl) {
            Guest.Run run = atCpl(ENABLE_TF + "popf\nand $~(1<<8), %rax\nstart: push %rax\npopf\n", cpl).run();
            assertThat(run.of(DEBUG_TRAP)).extracting(d -> run.program.symbolAt(d.at()))
                    .containsExactly("start", "start+0x1", "start+0x2");
            assertThat(run.dr6s(DEBUG_TRAP)).containsOnly(0xffff4ff0L);
        }

        @ParameterizedTest(name = "at CPL {0}")
        @ValueSource(ints = {0, 3})
        void stiBlockingDoesNotSuppressTheSingleStepTrap(int cpl) {
            Guest.Run run = atCpl("cli\n" + ENABLE_TF + "popf\nsti\nstart: and $~(1<<8), %rax\npush %rax\npopf\n", cpl).run();
            assertThat(run.of(DEBUG_TRAP)).extracting(d -> d.at() - run.addr("start")).containsExactly(0L, 6L, 7L, 8L);
        }

        @ParameterizedTest(name = "at CPL {0}")
        @ValueSource(ints = {0, 3})
        void movSsBlockingDelaysTheFirstTrapByOneInstruction(int cpl) {
            Guest.Run run = atCpl(ENABLE_TF + "mov %ss, %ax\npopf\nmov %ax, %ss\nand $~(1<<8), %rax\nstart: push %rax\npopf\n",
                    cpl).run();
            assertThat(run.of(DEBUG_TRAP)).extracting(d -> d.at() - run.addr("start")).containsExactly(0L, 1L, 2L);
            assertThat(run.dr6s(DEBUG_TRAP)).containsOnly(0xffff4ff0L);
        }

        @ParameterizedTest(name = "at CPL {0}")
        @ValueSource(ints = {0, 3})
        void icebpInAMovSsShadowTrapsWithoutAnyCauseBitEvenWithTf(int cpl) {
            Guest.Run run = atCpl(ENABLE_TF + "mov %ss, %ax\npopf\nmov %ax, %ss\n.byte 0xf1\nstart: .byte 0xf1\n"
                    + "and $~(1<<8), %rax\npush %rax\npopf\n", cpl).run();
            assertThat(run.of(ICEBP, DEBUG_TRAP)).extracting(d -> d.source() + "+" + (d.at() - run.addr("start")))
                    .containsExactly("ICEBP+0", "ICEBP+1", "DEBUG_TRAP+7", "DEBUG_TRAP+8", "DEBUG_TRAP+9");
            assertThat(run.dr6s(ICEBP)).containsOnly(0xffff0ff0L);
            assertThat(run.dr6s(DEBUG_TRAP)).containsOnly(0xffff4ff0L);
        }

        @Test
        void generalDetectIsNotBlockedByTheMovSsShadowAndDiscardsTheHeldTrap() {
            Guest.Run run = guest("""
                    mov $0x2400, %rax
                    mov %rax, %dr7
                    xor %ecx, %ecx
                    pushf
                    pop %rax
                    or $(1<<8), %rax
                    push %rax
                    mov %ss, %ax
                    popf
                    mov %ax, %ss
                    start: mov %rcx, %dr6
                    and $~(1<<8), %rax
                    push %rax
                    popf
                    hlt
                    """).run();
            assertThat(run.of(GENERAL_DETECT, DEBUG_TRAP)).extracting(d -> d.source() + "+" + (d.at() - run.addr("start")))
                    .containsExactly("GENERAL_DETECT+0", "DEBUG_TRAP+3", "DEBUG_TRAP+9", "DEBUG_TRAP+10", "DEBUG_TRAP+11");
            assertThat(run.dr6s(GENERAL_DETECT)).containsExactly(0xffff2ff0L);
            assertThat(run.of(GENERAL_DETECT).getFirst().after().dr7() & 0x2000).as("GD cleared on delivery").isZero();
            assertThat(run.dr6s(DEBUG_TRAP)).containsOnly(0xffff4ff0L);
        }

        @Test
        void stiThenHltTrapsBeforeHltAndAgainAfterTheWakeUpBeforeTheIrq() {
            Guest.Run run = guest("cli\n" + ENABLE_TF + "popf\nsti\nstart: hlt\nand $~(1<<8), %rax\npush %rax\npopf\ncli\nhlt\n"
                    + "timer: movl $0x80b, %ecx\nxor %eax, %eax\nxor %edx, %edx\nwrmsr\niretq\n")
                    .idt(0xee, "timer")
                    .host(new HostAction.Trigger.WhenHalted(), new HostAction.Effect.RaiseIrq(0xee))
                    .run();
            assertThat(run.of(DEBUG_TRAP, IRQ)).extracting(d -> d.source() + "+" + (d.at() - run.addr("start")))
                    .containsExactly("DEBUG_TRAP+0", "DEBUG_TRAP+1", "IRQ+1", "DEBUG_TRAP+7", "DEBUG_TRAP+8", "DEBUG_TRAP+9");
            assertThat(run.steps).contains("host host raises IRQ 0xee");
            assertThat(run.end.status()).isEqualTo(RunEnd.Status.COMPLETED);
        }
    }

    @Nested
    class Cases20To22DataBreakpointsAndIcebp {
        static final String WATCH = """
                lea value(%rip), %rax
                mov %rax, %dr1
                mov $0x00d0040a, %rax
                mov %rax, %dr7
                mov $42, %rax
                mov %rax, value(%rip)
                hw_wp: nop
                hlt
                """;

        @Test
        void case20AWriteBreakpointTrapsAfterTheStoreAndKeepsBs() {
            Guest.Run run = Guest.program("mov $0x4000, %rax\nmov %rax, %dr6\n" + WATCH + HANDLERS,
                    new DataCell("value", List.of(0L))).idt(1, "db_handler").run();
            assertThat(run.trail()).containsExactly("DEBUG_TRAP@hw_wp");
            assertThat(run.dr6s(DEBUG_TRAP)).containsExactly(0xffff4ff2L);
        }

        @Test
        void case21AWriteBreakpointAfterClearingDr6ShowsOnlyB1() {
            Guest.Run run = Guest.program("xor %eax, %eax\nmov %rax, %dr6\n" + WATCH + HANDLERS,
                    new DataCell("value", List.of(0L))).idt(1, "db_handler").run();
            assertThat(run.dr6s(DEBUG_TRAP)).containsExactly(0xffff0ff2L);
        }

        @Test
        void case22IcebpTrapsWithDr6ExactlyActiveLow() {
            Guest.Run run = guest("xor %eax, %eax\nmov %rax, %dr6\n.byte 0xf1\nsw_icebp: hlt\n").run();
            assertThat(run.trail()).containsExactly("ICEBP@sw_icebp");
            assertThat(run.dr6s(ICEBP)).containsExactly(0xffff0ff0L);
        }
    }

    @Test
    void movDrAtCpl3IsGeneralProtection() {
        Guest.Run run = guest("user: mov %dr6, %rax\n").cpl3().run();
        assertThat(run.of(FAULT)).extracting(Guest.Delivered::vector, Guest.Delivered::errorCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple(13, 0));
    }
}
