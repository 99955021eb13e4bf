package dev.shadowstep.core.vmx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.cpu.Regs;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.event.HostStep;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each VMX instruction's failure modes, in the order of its pseudocode (SDM Vol. 3C 30.3): #UD outside VMX
 * operation, #GP(0) at CPL 3, VMfailInvalid (CF=1) without a current VMCS, VMfailValid (ZF=1) with the
 * VM-instruction error number of Table 30-1 (kvm-unit-tests x86/vmx.h enum vm_instruction_error_number).
 */
class VmxInstructionsTest {
    static final long CF = Rflags.CF, ZF = Rflags.ZF;

    /** Reads the VM-instruction error field into RBX, keeping the flags the instruction before it left in R14. */
    static final String ERROR_TO_RBX = """
            pushf
            pop %r14
            mov $0x4400, %rdx
            vmread %rdx, %rbx
            push %r14
            popf
            """;

    @Nested
    class OutsideVmxOperation {
        @ParameterizedTest
        @ValueSource(strings = {"vmclear vmcs_ptr(%rip)", "vmptrld vmcs_ptr(%rip)", "vmptrst stored(%rip)", "vmread %rdx, %rax",
                "vmwrite %rax, %rdx", "vmlaunch", "vmresume", "vmxoff", "vmcall"})
        void everyVmxInstructionButVmxonIsUd(String insn) {
            assertThat(L1.run(insn + "\n").vector()).isEqualTo(6);
        }

        @Test
        void vmxonWithCr4VmxeClearIsUd() {
            assertThat(L1.run(L1.VMXON, false).vector()).isEqualTo(6);
            assertThat(L1.run(L1.VMXON, true).vector()).isZero();
        }

        @Test
        void vmxonAtCpl3IsGp() {
            assertThat(L1.run(InVmxOperation.TO_USER + "vmxon vmxon_ptr(%rip)\n").vector()).isEqualTo(13);
        }

        @Test
        void vmxonWithAMisalignedRegionOrAWrongRevisionIsVmFailInvalid() {
            assertThat(L1.run("vmxon misaligned_ptr(%rip)\n").status()).isEqualTo(CF);
            assertThat(L1.run("vmxon norev_ptr(%rip)\n").status()).isEqualTo(CF);
        }

        @Test
        void vmxonSucceedsAndClearsTheStatusFlags() {
            L1.Run r = L1.run("stc\n" + L1.VMXON);
            assertThat(r.status()).isZero();
            assertThat(r.vector()).isZero();
        }

        @Test
        void ia32VmxBasicReadsTheRevisionAndTheRegionSize() {
            L1.Run r = L1.run("mov $0x480, %ecx\nrdmsr\n");
            assertThat(r.reg(Regs.RAX)).isEqualTo(VmxOperation.REVISION_ID);
            assertThat(r.reg(Regs.RDX) & 0x1FFF).isEqualTo(4096);
        }
    }

    @Nested
    class InVmxOperation {
        static final String TO_USER = """
                push $0x23
                push $0x7fd000
                push $2
                push $0x2b
                lea user(%rip), %rax
                push %rax
                iretq
                user:
                """;

        @Test
        void aVmxInstructionAtCpl3IsGp() {
            String toUser = """
                    push $0x23
                    push $0x7fd000
                    push $2
                    push $0x2b
                    lea user(%rip), %rax
                    push %rax
                    iretq
                    user:
                    vmread %rdx, %rax
                    """;
            assertThat(L1.run(L1.VMXON + toUser).vector()).isEqualTo(13);
        }

        @ParameterizedTest
        @ValueSource(strings = {"vmread %rdx, %rax", "vmwrite %rax, %rdx", "vmlaunch", "vmresume"})
        void withoutACurrentVmcsItIsVmFailInvalid(String insn) {
            L1.Run r = L1.run(L1.VMXON + "mov $0x4402, %edx\n" + insn + "\n");
            assertThat(r.status()).isEqualTo(CF);
            assertThat(r.vector()).isZero();
        }

        @Test
        void vmxonAgainIsVmFail15OrVmFailInvalidWithoutACurrentVmcs() {
            L1.Run withVmcs = L1.run(L1.CURRENT + "vmxon vmxon_ptr(%rip)\n" + ERROR_TO_RBX);
            assertThat(withVmcs.status()).isEqualTo(ZF);
            assertThat(withVmcs.reg(Regs.RBX)).isEqualTo(VmInstructionError.VMXON_IN_VMX_ROOT.number()).isEqualTo(15);
            assertThat(L1.run(L1.VMXON + "vmxon vmxon_ptr(%rip)\n").status()).isEqualTo(CF);
        }

        @Test
        void vmclearOfAMisalignedAddressIs2AndOfTheVmxonRegionIs3() {
            L1.Run a = L1.run(L1.CURRENT + "vmclear misaligned_ptr(%rip)\n" + ERROR_TO_RBX);
            assertThat(a.status()).isEqualTo(ZF);
            assertThat(a.reg(Regs.RBX)).isEqualTo(2);
            L1.Run b = L1.run(L1.CURRENT + "vmclear vmxon_ptr(%rip)\n" + ERROR_TO_RBX);
            assertThat(b.status()).isEqualTo(ZF);
            assertThat(b.reg(Regs.RBX)).isEqualTo(3);
        }

        @Test
        void vmptrldOfAMisalignedAddressIs9OfTheVmxonRegionIs10AndOfAWrongRevisionIs11() {
            assertThat(L1.run(L1.CURRENT + "vmptrld misaligned_ptr(%rip)\n" + ERROR_TO_RBX).reg(Regs.RBX)).isEqualTo(9);
            assertThat(L1.run(L1.CURRENT + "vmptrld vmxon_ptr(%rip)\n" + ERROR_TO_RBX).reg(Regs.RBX)).isEqualTo(10);
            L1.Run r = L1.run(L1.CURRENT + "vmptrld norev_ptr(%rip)\n" + ERROR_TO_RBX);
            assertThat(r.status()).isEqualTo(ZF);
            assertThat(r.reg(Regs.RBX)).isEqualTo(11);
        }

        @Test
        void vmptrstStoresTheCurrentPointerAndAllOnesAfterVmclearOfIt() {
            L1.Run r = L1.run(L1.CURRENT + "vmptrst stored(%rip)\nmov stored(%rip), %rbx\nvmclear vmcs_ptr(%rip)\n"
                    + "vmptrst stored(%rip)\nmov stored(%rip), %rcx\n");
            assertThat(r.reg(Regs.RBX)).isEqualTo(r.addr("vmcs_region"));
            assertThat(r.reg(Regs.RCX)).isEqualTo(-1L);
        }

        @Test
        void vmreadAndVmwriteOfAnUnsupportedFieldAre12AndVmwriteOfAnExitFieldIs13() {
            L1.Run read = L1.run(L1.CURRENT + "mov $0xffffffff, %edx\nvmread %rdx, %rax\n" + ERROR_TO_RBX);
            assertThat(read.status()).isEqualTo(ZF);
            assertThat(read.reg(Regs.RBX)).isEqualTo(12);
            assertThat(L1.run(L1.CURRENT + "mov $0x2000, %edx\nvmwrite %rax, %rdx\n" + ERROR_TO_RBX).reg(Regs.RBX)).isEqualTo(12);
            L1.Run ro = L1.run(L1.CURRENT + "mov $0x6400, %edx\nvmwrite %rax, %rdx\n" + ERROR_TO_RBX);
            assertThat(ro.status()).isEqualTo(ZF);
            assertThat(ro.reg(Regs.RBX)).isEqualTo(13);
        }

        @Test
        void vmwriteThenVmreadGivesTheValueCutToTheFieldWidth() {
            L1.Run r = L1.run(L1.CURRENT + """
                    mov $0x4004, %edx
                    mov $-1, %rax
                    vmwrite %rax, %rdx
                    vmread %rdx, %rbx
                    """);
            assertThat(r.status()).isZero();
            assertThat(r.reg(Regs.RBX)).isEqualTo(0xFFFFFFFFL);
        }

        @Test
        void vmcallInRootOperationIsVmFail1() {
            L1.Run r = L1.run(L1.CURRENT + "vmcall\n" + ERROR_TO_RBX);
            assertThat(r.status()).isEqualTo(ZF);
            assertThat(r.reg(Regs.RBX)).isEqualTo(1);
        }

        @Test
        void vmxoffLeavesVmxOperation() {
            assertThat(L1.run(L1.CURRENT + "vmxoff\nvmread %rdx, %rax\n").vector()).isEqualTo(6);
        }
    }

    /** VMLAUNCH and VMRESUME: a guest that only executes VMCALL, entered from {@code enter}. */
    @Nested
    class Entry {
        static final String GUEST = """
                mov $0x6c16, %edx
                lea back(%rip), %rax
                vmwrite %rax, %rdx
                mov $0x6c14, %edx
                vmwrite %rsp, %rdx
                mov $0x681e, %edx
                lea guest(%rip), %rax
                vmwrite %rax, %rdx
                mov $0x681c, %edx
                mov $0x7fe000, %eax
                vmwrite %rax, %rdx
                mov $0x6820, %edx
                mov $2, %eax
                vmwrite %rax, %rdx
                mov $0x681a, %edx
                mov $0x400, %eax
                vmwrite %rax, %rdx
                """;
        static final String GUEST_CODE = """
                guest:
                inc %r12
                vmcall
                jmp guest
                """;

        static L1.Run enter(String beforeEntry, String entry) {
            return L1.run(L1.CURRENT + GUEST + beforeEntry + entry + "\n" + ERROR_TO_RBX + "jmp done\nback:\nmov $0x4402, %edx\n"
                    + "vmread %rdx, %r13\ndone:\nhlt\n" + GUEST_CODE);
        }

        @Test
        void vmlaunchEntersTheGuestAndItsVmcallExitsToHostRip() {
            L1.Run r = enter("", "vmlaunch");
            assertThat(r.reg(12)).isEqualTo(1);
            assertThat(r.reg(13)).isEqualTo(ExitReason.VMCALL.code());
            assertThat(r.state().rflags()).as("RFLAGS after a VM exit (SDM 27.5)").isEqualTo(Rflags.FIXED_1);
            assertThat(r.vmmSteps()).extracting(HostStep::kind).containsExactly(HostStep.Kind.VMENTRY, HostStep.Kind.VMEXIT);
        }

        @Test
        void vmresumeOfAClearVmcsIs5() {
            L1.Run r = enter("", "vmresume");
            assertThat(r.status()).isEqualTo(ZF);
            assertThat(r.reg(Regs.RBX)).isEqualTo(5);
        }

        @Test
        void vmlaunchOfALaunchedVmcsIs4() {
            L1.Run r = L1.run(L1.CURRENT + GUEST + "vmlaunch\nhlt\nback:\nvmlaunch\n" + ERROR_TO_RBX + GUEST_CODE);
            assertThat(r.status()).isEqualTo(ZF);
            assertThat(r.reg(Regs.RBX)).isEqualTo(4);
        }

        @Test
        void unsupportedControlsAre7() {
            // bit 31 of the primary processor-based controls: "activate secondary controls", not modelled
            L1.Run r = enter("mov $0x4002, %edx\nmov $0x80000000, %eax\nvmwrite %rax, %rdx\n", "vmlaunch");
            assertThat(r.reg(Regs.RBX)).isEqualTo(7);
            // NMI-window exiting without virtual NMIs (SDM 26.2.1.1)
            assertThat(enter("mov $0x4002, %edx\nmov $0x400000, %eax\nvmwrite %rax, %rdx\n", "vmlaunch").reg(Regs.RBX))
                    .isEqualTo(7);
        }

        @Test
        void aNonCanonicalHostRipIs8() {
            L1.Run r = enter("mov $0x6c16, %edx\nmov $0x800000000000, %rax\nvmwrite %rax, %rdx\n", "vmlaunch");
            assertThat(r.status()).isEqualTo(ZF);
            assertThat(r.reg(Regs.RBX)).isEqualTo(8);
        }

        @Test
        void inAMovSsShadowItIs26BeforeTheLaunchStateCheck() {
            L1.Run r = enter("mov %ss, %ax\nmov %ax, %ss\n", "vmresume");
            assertThat(r.status()).isEqualTo(ZF);
            assertThat(r.reg(Regs.RBX)).isEqualTo(26);
        }

        @Test
        void invalidGuestRflagsFailsTheEntryToHostRipWithReason0x80000021() {
            L1.Run r = enter("mov $0x6820, %edx\nxor %eax, %eax\nvmwrite %rax, %rdx\n", "vmlaunch");
            assertThat(r.reg(12)).as("the guest never ran").isZero();
            assertThat(r.reg(13)).isEqualTo(0x80000021L);
            assertThat(r.vmmSteps()).singleElement().extracting(HostStep::title).isEqualTo("VM entry fails: invalid guest state");
        }

        @Test
        void vmresumeEntersAgainAndAgain() {
            L1.Run r = L1.run(L1.CURRENT + GUEST + """
                    vmlaunch
                    jmp fail
                    back:
                    cmp $3, %r12
                    je done
                    mov $0x440c, %edx
                    vmread %rdx, %rcx
                    mov $0x681e, %edx
                    vmread %rdx, %rax
                    add %rcx, %rax
                    vmwrite %rax, %rdx
                    vmresume
                    fail:
                    ud2
                    done:
                    hlt
                    """ + GUEST_CODE);
            assertThat(r.reg(12)).isEqualTo(3);
            assertThat(r.vector()).isZero();
            assertThat(r.vmmSteps()).hasSize(6);
        }
    }

    /** Exits the controls cause. */
    @Nested
    class Exits {
        static final String UD_GUEST = """
                guest:
                ud2
                inc %r12
                vmcall
                """;

        static L1.Run run(String controls) {
            return L1.run(L1.CURRENT + Entry.GUEST + controls + """
                    vmlaunch
                    back:
                    mov $0x4402, %edx
                    vmread %rdx, %r13
                    mov $0x4404, %edx
                    vmread %rdx, %r14
                    mov $0x681e, %edx
                    vmread %rdx, %rbx
                    hlt
                    """ + UD_GUEST);
        }

        @Test
        void anExceptionInTheBitmapExitsWithItsInterruptionInformation() {
            L1.Run r = run("mov $0x4004, %edx\nmov $0x40, %eax\nvmwrite %rax, %rdx\n");
            assertThat(r.reg(13)).isEqualTo(ExitReason.EXCEPTION_NMI.code());
            assertThat(r.reg(14)).isEqualTo(0x80000306L);           // valid, hardware exception, #UD
            assertThat(r.reg(Regs.RBX)).isEqualTo(r.addr("guest"));  // a fault: GUEST_RIP at the ud2
            assertThat(r.vector()).as("the #UD was not delivered").isZero();
        }

        @Test
        void withoutTheBitmapBitTheGuestTakesTheExceptionThroughTheSharedIdt() {
            L1.Run r = run("");
            assertThat(r.vector()).isEqualTo(6);
            assertThat(r.reg(13)).isZero();
        }

        @Test
        void hltExitingMakesTheGuestsHltExit() {
            L1.Run r = L1.run(L1.CURRENT + Entry.GUEST + """
                    mov $0x4002, %edx
                    mov $0x80, %eax
                    vmwrite %rax, %rdx
                    vmlaunch
                    back:
                    mov $0x4402, %edx
                    vmread %rdx, %r13
                    hlt
                    guest:
                    hlt
                    """);
            assertThat(r.reg(13)).isEqualTo(ExitReason.HLT.code());
        }
    
        /** Runs the guest code {@code guest} with controls written by {@code controls}; exit reason in R13, GUEST_RIP in RBX. */
        static L1.Run exitOf(String controls, String guest) {
            return L1.run(L1.CURRENT + Entry.GUEST + controls + """
                    vmlaunch
                    back:
                    mov $0x4402, %edx
                    vmread %rdx, %r13
                    mov $0x681e, %edx
                    vmread %rdx, %rbx
                    hlt
                    """ + guest);
        }

        static String write(int field, long value) {
            return String.format("mov $0x%x, %%edx%nmov $0x%x, %%rax%nvmwrite %%rax, %%rdx%n", field, value);
        }

        @Test
        void interruptWindowExitingWithIfSetExitsBeforeTheFirstGuestInstruction() {
            // kvm-unit-tests vmx_intr_window_test(): "active, no blocking, RFLAGS.IF=1": an immediate exit, RIP not advanced
            L1.Run r = exitOf(write(0x4002, 1L << 2) + write(0x6820, 0x202), "guest:\nnop\nvmcall\n");
            assertThat(r.reg(13)).isEqualTo(ExitReason.INTERRUPT_WINDOW.code());
            assertThat(r.reg(Regs.RBX)).isEqualTo(r.addr("guest"));
        }

        @Test
        void interruptWindowExitingWaitsForTheGuestsSti() {
            // "active, RFLAGS.IF = 0": the window opens after the STI shadow (kvm-unit-tests vmx_intr_window_test())
            L1.Run r = exitOf(write(0x4002, 1L << 2), "guest:\nnop\nsti\nafter_sti: nop\nshadow_over: nop\nvmcall\n");
            assertThat(r.reg(13)).isEqualTo(ExitReason.INTERRUPT_WINDOW.code());
            assertThat(r.reg(Regs.RBX)).isEqualTo(r.addr("shadow_over"));
        }

        @Test
        void externalInterruptExitingExitsWithIfClearAndLeavesTheIrqPendingForL1() {
            // kvm-unit-tests vmx_pending_event_test(): PIN_EXTINT, a self-IPI pending, the guest does not run
            String selfIpi = "mov $0x830, %ecx\nmov $0x40000 | 0xf1, %eax\nxor %edx, %edx\nwrmsr\n";
            L1.Run r = exitOf(selfIpi + write(0x4000, 1), "guest:\ninc %r12\nvmcall\n");
            assertThat(r.reg(13)).isEqualTo(ExitReason.EXTERNAL_INTERRUPT.code());
            assertThat(r.reg(12)).as("the guest did not run").isZero();
            assertThat(r.state().apic().irr().contains(0xf1)).as("0xf1 still in IRR").isTrue();
        }

        @Test
        void nmiWindowExitingWithoutNmiBlockingExitsAtOnce() {
            // kvm-unit-tests vmx_nmi_window_test(): "active, no blocking": an immediate exit, RIP not advanced
            L1.Run r = exitOf(write(0x4000, 0x28) + write(0x4002, 1L << 22), "guest:\nnop\nvmcall\n");
            assertThat(r.reg(13)).isEqualTo(ExitReason.NMI_WINDOW.code());
            assertThat(r.reg(Regs.RBX)).isEqualTo(r.addr("guest"));
        }

        @Test
        void nmiWindowExitingWaitsOutAMovSsShadow() {
            // "active, blocking by MOV-SS": the exit comes after the nop (kvm-unit-tests vmx_nmi_window_test())
            L1.Run r = exitOf(write(0x4000, 0x28) + write(0x4002, 1L << 22) + write(0x4824, 2),
                    "guest:\nnop\nafter_nop: vmcall\n");
            assertThat(r.reg(13)).isEqualTo(ExitReason.NMI_WINDOW.code());
            assertThat(r.reg(Regs.RBX)).isEqualTo(r.addr("after_nop"));
        }

        @Test
        void theEntryInjectsTheEventOfTheInterruptionInformationThroughTheSharedIdt() {
            // VM-entry interruption information 0x80000306: hardware exception #UD, delivered before the guest's first instruction
            L1.Run r = exitOf(write(0x4016, 0x80000306L), "guest:\ninc %r12\nvmcall\n");
            assertThat(r.vector()).isEqualTo(6);
            assertThat(r.reg(12)).as("no guest instruction ran").isZero();
        }

        @Test
        void anInjectedEventIsNotInterceptedByTheExceptionBitmap() {
            L1.Run r = exitOf(write(0x4016, 0x80000306L) + write(0x4004, 0x40), "guest:\ninc %r12\nvmcall\n");
            assertThat(r.vector()).isEqualTo(6);
            assertThat(r.reg(13)).as("no VM exit").isZero();
        }

        @Test
        void movDrExitingMakesTheGuestsMovDrExit() {
            L1.Run r = exitOf(write(0x4002, 1L << 23), "guest:\nmov %dr7, %rax\nvmcall\n");
            assertThat(r.reg(13)).isEqualTo(ExitReason.DR_ACCESS.code());
        }

        @Test
        void cpuidAndRdmsrAlwaysExit() {
            assertThat(exitOf("", "guest:\ncpuid\n").reg(13)).isEqualTo(ExitReason.CPUID.code());
            assertThat(exitOf("", "guest:\nmov $0x480, %ecx\nrdmsr\n").reg(13)).isEqualTo(ExitReason.MSR_READ.code());
        }
    }
}
