package dev.shadowstep.core.event;

import static dev.shadowstep.core.event.Interruption.Source.FAULT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.cpu.Memory;
import dev.shadowstep.core.cpu.Regs;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Selectors;
import org.junit.jupiter.api.Test;

/** CPL 3 rules, the 64-bit frame, and faults (#GP, #UD, #PF) and how a run ends. */
class PrivilegeAndFaultTest {

    static final String GP = "gp_handler: hlt\n";

    @Test
    void cliAtCpl3WithIopl0IsGeneralProtectionWithRfPushed() {
        Guest.Run run = Guest.program("user: cli\n" + GP).idt(13, "gp_handler").cpl3().run();
        Guest.Delivered gp = run.of(FAULT).getFirst();
        assertThat(gp.vector()).isEqualTo(13);
        assertThat(run.program.symbolAt(gp.at())).isEqualTo("user");
        assertThat(gp.pushedRflags() & Rflags.RF).as("faults push RF=1").isNotZero();
        assertThat(gp.why()).contains("CPL 3 with IOPL 0");
    }

    @Test
    void deliveryFromCpl3SwitchesToRsp0AndPushesTheUserStack() {
        Guest.Run run = Guest.program("user: cli\n" + GP).idt(13, "gp_handler").cpl3().run();
        Guest.Delivered gp = run.of(FAULT).getFirst();
        assertThat(gp.pushedCs()).isEqualTo(Selectors.USER_CS);
        assertThat(gp.pushedSs()).isEqualTo(Selectors.USER_SS);
        assertThat(gp.after().cpl()).isZero();
        assertThat(gp.after().reg(Regs.RSP)).isEqualTo(Memory.STACK_TOP - 6 * 8);
        assertThat(gp.after().ss()).as("SS is null after a privilege change in 64-bit mode").isZero();
    }

    @Test
    void popfAtCpl3CannotChangeIoplOrIfWhenCplIsAboveIopl() {
        Guest.Run run = Guest.program("push $0x3202\npopf\nint $0x80\ndone: hlt\n").idt(0x80, "done").cpl3().run();
        Guest.Delivered syscall = run.deliveries.getFirst();
        assertThat(syscall.pushedRflags() & (Rflags.IOPL | Rflags.IF)).isZero();
    }

    @Test
    void iretReturnsToCpl3AndTheUserCodeRunsThere() {
        Guest.Run run = Guest.program("""
                lea user(%rip), %rax
                push $0x23
                push $0x7fe000
                push $0x202
                push $0x2b
                push %rax
                iretq
                user: hlt
                gp_handler: cli
                hlt
                """).idt(13, "gp_handler").run();
        Guest.Delivered gp = run.of(FAULT).getFirst();
        assertThat(run.program.symbolAt(gp.at())).isEqualTo("user");
        assertThat(gp.pushedCs()).isEqualTo(0x2b);
        assertThat(gp.why()).contains("HLT at CPL 3");
    }

    @Test
    void ud2AndVmcallOnBareMetalAreInvalidOpcode() {
        Guest.Run run = Guest.program("a: ud2\nnop\nb: vmcall\nhlt\nud_handler: addq $3, (%rsp)\niretq\n").idt(6, "ud_handler").run();
        assertThat(run.trail()).containsExactly("FAULT@a", "FAULT@b");
        assertThat(run.of(FAULT)).extracting(Guest.Delivered::vector).containsOnly(6);
    }

    @Test
    void anAccessToUnmappedMemoryIsAPageFaultWithCr2AndAnErrorCode() {
        Guest.Run run = Guest.program("mov $0x10000000, %rbx\nload: mov (%rbx), %rax\npf_handler: hlt\n")
                .idt(14, "pf_handler").run();
        Guest.Delivered pf = run.of(FAULT).getFirst();
        assertThat(pf.vector()).isEqualTo(14);
        assertThat(pf.after().cr2()).isEqualTo(0x10000000L);
        assertThat(pf.errorCode()).isZero();
        assertThat(run.program.symbolAt(pf.at())).isEqualTo("load");
    }

    @Test
    void aJumpToUnmappedMemoryIsAnInstructionFetchPageFault() {
        Guest.Run run = Guest.program("mov $0x20000000, %rax\njmp *%rax\npf_handler: hlt\n").idt(14, "pf_handler").run();
        Guest.Delivered pf = run.of(FAULT).getFirst();
        assertThat(pf.at()).isEqualTo(0x20000000L);
        assertThat(pf.errorCode()).as("I/D bit").isEqualTo(0x10);
    }

    @Test
    void aVectorWithoutAnIdtEntryEndsTheRunAsUnhandled() {
        Guest.Run run = Guest.program("nop\nboom: ud2\n").run();
        assertThat(run.end.status()).isEqualTo(RunEnd.Status.UNHANDLED);
        assertThat(run.end.message()).contains("#UD").contains("0x401001").contains("no IDT entry");
    }

    @Test
    void theStepBudgetEndsAnEndlessLoop() {
        Guest.Run run = Guest.program("loop: jmp loop\n").maxSteps(100).run();
        assertThat(run.end.status()).isEqualTo(RunEnd.Status.STEP_LIMIT);
        assertThat(run.end.steps()).isEqualTo(100);
    }

    @Test
    void aNonZeroEoiWriteIsGeneralProtection() {
        Guest.Run run = Guest.program("movl $0x80b, %ecx\nmov $1, %eax\nxor %edx, %edx\neoi: wrmsr\n" + GP).idt(13, "gp_handler").run();
        assertThat(run.trail()).containsExactly("FAULT@eoi");
    }

    @Test
    void aSelfIpiThroughTheIcrSetsIrrAndIsTakenOnceIfIsSet() {
        Guest.Run run = Guest.program("""
                movl $0x830, %ecx
                mov $0x400aa, %eax
                xor %edx, %edx
                wrmsr
                sti
                nop
                after: cli
                hlt
                irq: iretq
                """).idt(0xaa, "irq").run();
        assertThat(run.trail()).containsExactly("IRQ@after");
        assertThat(run.end.state().apic().isr().contains(0xaa)).as("no EOI was written").isTrue();
    }

    @Test
    void anUnknownMsrIsGeneralProtection() {
        Guest.Run run = Guest.program("mov $0x1234, %ecx\nread: rdmsr\n" + GP).idt(13, "gp_handler").run();
        assertThat(run.trail()).containsExactly("FAULT@read");
    }

    @Test
    void inReadsAllOnesAndCpuidClearsTheUpperHalves() {
        Guest.Run run = Guest.program("mov $0x3fd, %edx\ninb %dx, %al\nmov %rax, %rsi\nxor %eax, %eax\ncpuid\nhlt\n").run();
        assertThat(run.end.state().reg(Regs.RSI) & 0xff).isEqualTo(0xff);
        assertThat(run.end.state().reg(Regs.RBX)).isEqualTo(0x756e6547L);
    }

    @Test
    void selfModifyingCodeRunsTheNewBytes() {
        // The first pass runs 'inc %rbx' (48 ff c3), then overwrites it with three NOPs; the second pass must see the NOPs.
        Guest.Run run = Guest.program("""
                mov $2, %ecx
                patch: inc %rbx
                movw $0x9090, patch(%rip)
                movb $0x90, patch+2(%rip)
                loop patch
                hlt
                """).maxSteps(50).run();
        assertThat(run.end.state().reg(Regs.RBX)).isEqualTo(1);
    }

    @Test
    void bytesTheDecoderDoesNotKnowAreInvalidOpcode() {
        Guest.Run run = Guest.program("bad: .byte 0x06\nhlt\nud_handler: cli\nhlt\n").idt(6, "ud_handler").run();
        assertThat(run.trail()).containsExactly("FAULT@bad");
        assertThat(run.deliveries.getFirst().why()).contains("not an instruction");
    }

    @Test
    void anAtStepActionLaterThanTheHaltStillWakesTheCpu() {
        Guest.Run run = Guest.program("sti\nhlt\nafter: cli\nhlt\nirq: iretq\n").idt(0xec, "irq")
                .irqAtStep(50, 0xec)
                .run();
        assertThat(run.trail()).containsExactly("IRQ@after");
        assertThat(run.end.status()).isEqualTo(RunEnd.Status.COMPLETED);
    }
}
