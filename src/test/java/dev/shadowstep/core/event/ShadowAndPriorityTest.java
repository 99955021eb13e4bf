package dev.shadowstep.core.event;

import static dev.shadowstep.core.event.Interruption.Source.DEBUG_TRAP;
import static dev.shadowstep.core.event.Interruption.Source.INT3;
import static dev.shadowstep.core.event.Interruption.Source.IRQ;
import static dev.shadowstep.core.event.Interruption.Source.NMI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.asm.DataCell;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Combinations of shadows, traps and interrupts from semantics.md sections 3 and 6. */
class ShadowAndPriorityTest {

    static final String HANDLERS = """
            db_handler:
            andq $~X86_EFLAGS_TF, 16(%rsp)
            iretq
            irq_handler:
            movl $0x80b, %ecx
            xor %eax, %eax
            xor %edx, %edx
            wrmsr
            iretq
            """;

    static Guest guest(String body) {
        return Guest.program(body + "\n" + HANDLERS).idt(1, "db_handler").idt(0xaa, "irq_handler");
    }

    @Test
    void stiStiOnlyTheFirstStiHasAShadow() {
        Guest.Run run = guest("sti\nsecond: sti\nthird: nop\ncli\nhlt\n").irr(0xaa).run();
        assertThat(run.trail()).containsExactly("IRQ@third");
        assertThat(run.deliveries.getFirst().held()).isEmpty();
    }

    @Test
    void stiWithIfAlreadySetHasNoShadow() {
        Guest.Run run = guest("sti\nafter: nop\nlast: cli\nhlt\n")
                .interruptsEnabled()
                .irqAtStep(1, 0xaa)
                .run();
        assertThat(run.trail()).containsExactly("IRQ@after");
    }

    @Test
    void anIrqRaisedInTheStiShadowWaitsOneInstruction() {
        Guest.Run run = guest("sti\nafter: nop\nlast: cli\nhlt\n")
                .irqAtStep(1, 0xaa)
                .run();
        assertThat(run.trail()).containsExactly("IRQ@last");
    }

    @Test
    void movSsRightAfterMovSsDoesNotRearmTheShadow() {
        // Steps: 0 mov %ss,%ax; 1 first MOV SS; the IRQ is raised before step 2, inside the first shadow.
        Guest.Run run = guest("mov %ss, %ax\nfirst: mov %ax, %ss\nsecond: mov %ax, %ss\nthird: nop\nfourth: cli\nhlt\n")
                .interruptsEnabled()
                .irqAtStep(2, 0xaa)
                .run();
        assertThat(run.trail()).containsExactly("IRQ@third");
    }

    @Test
    void iretThatSetsTfTrapsOnlyAfterTheNextInstruction() {
        Guest.Run run = guest("int $0x80\nret1: nop\nret2: nop\ncli\nhlt\nsetter: orq $X86_EFLAGS_TF, 16(%rsp)\niretq\n")
                .idt(0x80, "setter").run();
        assertThat(run.of(DEBUG_TRAP)).extracting(d -> run.program.symbolAt(d.at())).containsExactly("ret2");
    }

    @Test
    void anIrqPendingDuringATrapGateDbIsTakenBeforeTheHandlersFirstInstruction() {
        // Steps 0-3: pushf, orq, popf, nop (TF=1); the IRQ is raised at the boundary after the nop, where the trap wins.
        Guest.Run run = Guest.program("pushf\norq $X86_EFLAGS_TF, (%rsp)\npopf\nstep: nop\nafter: cli\nhlt\n" + HANDLERS)
                .trapGate(1, "db_handler").idt(0xaa, "irq_handler")
                .interruptsEnabled()
                .irqAtStep(4, 0xaa)
                .run();
        assertThat(run.trail()).containsExactly("DEBUG_TRAP@after", "IRQ@db_handler");
        assertThat(run.deliveries.getFirst().held()).containsExactly(
                "IRQ 0xaa held: lower priority than the #DB (SDM Table 6-2, row 6)");
    }

    @Test
    void aDataBreakpointHitByMovSsMergesWithTheSingleStepTrapAfterTheNextInstruction() {
        Guest.Run run = Guest.program("""
                lea sel(%rip), %rax
                mov %rax, %dr0
                mov $0x00030401, %rax
                mov %rax, %dr7
                pushf
                orq $X86_EFLAGS_TF, (%rsp)
                popf
                mov sel(%rip), %ss
                next: nop
                after: cli
                hlt
                """ + HANDLERS, new DataCell("sel", List.of(0x10L))).idt(1, "db_handler").run();
        // POPF set TF; MOV SS began with TF=1 and read the watched cell: BS|B0 held; NOP adds BS; one #DB after it.
        assertThat(run.trail()).containsExactly("DEBUG_TRAP@after");
        assertThat(run.dr6s(DEBUG_TRAP)).containsExactly(0xffff4ff1L);
    }

    @Test
    void aHeldWatchpointTrapSurvivesInt3AndArrivesBeforeTheBreakpointHandler() {
        Guest.Run run = Guest.program("""
                lea sel(%rip), %rax
                mov %rax, %dr0
                mov $0x000f0401, %rax
                mov %rax, %dr7
                mov sel(%rip), %ss
                int3
                sw_bp: cli
                hlt
                bp_handler: iretq
                """ + HANDLERS, new DataCell("sel", List.of(0x10L))).idt(1, "db_handler").idt(3, "bp_handler").run();
        assertThat(run.trail()).containsExactly("INT3@sw_bp", "DEBUG_TRAP@bp_handler");
        assertThat(run.dr6s(DEBUG_TRAP)).containsExactly(0xffff0ff1L);
    }

    @Test
    void aCodeBreakpointOnTheNextInstructionIsReportedInTheSingleStepDb() {
        Guest.Run run = Guest.program("""
                lea target(%rip), %rax
                mov %rax, %dr2
                mov $0x420, %rax
                mov %rax, %dr7
                pushf
                orq $X86_EFLAGS_TF, (%rsp)
                popf
                nop
                target: cli
                hlt
                db_handler:
                andq $~X86_EFLAGS_TF, 16(%rsp)
                orq $X86_EFLAGS_RF, 16(%rsp)
                iretq
                """).idt(1, "db_handler").run();
        assertThat(run.trail()).containsExactly("DEBUG_TRAP@target");
        assertThat(run.dr6s(DEBUG_TRAP)).containsExactly(0xffff4ff4L);
        assertThat(run.deliveries.getFirst().why()).contains("same #DB");
    }

    @Test
    void nmisAreBlockedFromAnNmiDeliveryUntilIret() {
        // Step 0 raises the first NMI, step 1 delivers it, step 2 runs the handler's nop; the second NMI comes before step 3.
        Guest.Run run = Guest.program("""
                start: nop
                cli
                hlt
                nmi_handler:
                nop
                inside: nop
                iretq
                """).idt(2, "nmi_handler")
                .nmiAtStep(0)
                .nmiAtStep(3)
                .run();
        assertThat(run.of(NMI)).extracting(d -> run.program.symbolAt(d.at())).containsExactly("start", "start");
        assertThat(run.steps).containsExactly("host host raises NMI", "deliver NMI at start", "insn nmi_handler",
                "host host raises NMI", "insn inside", "insn inside+0x1", "deliver NMI at start", "insn nmi_handler",
                "insn inside", "insn inside+0x1", "insn start", "insn start+0x1", "insn start+0x2");
    }

    @Test
    void stiShadowBlocksAnNmiAsInBochs() {
        Guest.Run run = Guest.program("sti\nafter: nop\nlast: cli\nhlt\nnmi_handler: iretq\n").idt(2, "nmi_handler")
                .nmiAtStep(1)
                .run();
        assertThat(run.trail()).containsExactly("NMI@last");
    }

    @Test
    void theIrqStaysPendingWithIfClearAndTheOutcomeSaysSo() {
        Guest.Run run = guest("cli\nhlt\n").irr(0xaa).run();
        assertThat(run.end.status()).isEqualTo(RunEnd.Status.COMPLETED);
        assertThat(run.end.message()).contains("IRQ 0xaa stays pending: IF=0");
    }

    @Test
    void int3IsATrapWithRipAfterIt() {
        Guest.Run run = Guest.program("int3\nsw_bp: hlt\nbp_handler: iretq\n").idt(3, "bp_handler").run();
        assertThat(run.of(INT3)).extracting(d -> run.program.symbolAt(d.at())).containsExactly("sw_bp");
    }

    @Test
    void aHeldWatchpointTrapSurvivesInt1AsASoftwareInterruptSoTheDbHandlerRunsTwice() {
        Guest.Run run = Guest.program("""
                lea sel(%rip), %rax
                mov %rax, %dr0
                mov $0x000f0401, %rax
                mov %rax, %dr7
                mov sel(%rip), %ss
                int $1
                after: cli
                hlt
                db_handler: iretq
                """, new DataCell("sel", List.of(0x10L))).idt(1, "db_handler").run();
        assertThat(run.trail()).containsExactly("INT_N@after", "DEBUG_TRAP@db_handler");
        assertThat(run.deliveries.getFirst().dr6()).as("INT $1 leaves DR6 alone").isEqualTo(0xffff0ff0L);
    }

    @Test
    void withDebugctlBtfSingleStepTrapsOnlyAfterTakenBranches() {
        Guest.Run run = guest("""
                movl $0x1d9, %ecx
                mov $2, %eax
                xor %edx, %edx
                wrmsr
                pushf
                orq $X86_EFLAGS_TF, (%rsp)
                popf
                nop
                xor %eax, %eax
                jnz nowhere
                jmp target
                nowhere: nop
                target: cli
                hlt
                """).run();
        assertThat(run.of(DEBUG_TRAP)).extracting(d -> run.program.symbolAt(d.at())).containsExactly("target");
    }

    @Test
    void anExceptionInTheStiShadowIsNotBlockedAndEndsTheShadow() {
        Guest.Run run = guest("sti\nbad: ud2\nhlt\nud_handler: cli\nhlt\n").idt(6, "ud_handler").irr(0xaa).run();
        assertThat(run.trail()).containsExactly("FAULT@bad");
        assertThat(run.deliveries.getFirst().held()).containsExactly(
                "IRQ 0xaa held: STI shadow (blocking by STI lasts one instruction, SDM STI)");
        assertThat(run.deliveries.getFirst().after().shadow()).isEqualTo(dev.shadowstep.core.cpu.Shadow.NONE);
    }
}
