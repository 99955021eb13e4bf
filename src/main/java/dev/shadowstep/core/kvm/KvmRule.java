package dev.shadowstep.core.kvm;

import dev.shadowstep.core.cpu.Rule;

/**
 * KVM's functions as the host lane shows them: one rule per function that makes a host step, with
 * the Linux source file it lives in ({@code function} is the step's title). The fix this model can
 * switch off is named by its patch title.
 */
public enum KvmRule implements Rule {
    VMX_VCPU_RUN("vmx_vcpu_run", "vmx_vcpu_run prepares the VMCS and enters the guest.", "arch/x86/kvm/vmx/vmx.c"),
    HANDLE_EXCEPTION_NMI("handle_exception_nmi", "handle_exception_nmi handles an exception or NMI exit: it re-injects the "
            + "exception, emulates, or reports it to userspace.", "arch/x86/kvm/vmx/vmx.c"),
    HANDLE_UD("handle_ud", "handle_ud handles #UD: KVM emulates the instruction (forced emulation after KVM_FEP) or injects "
            + "#UD.", "arch/x86/kvm/x86.c"),
    HANDLE_DR("handle_dr", "handle_dr emulates MOV to or from a debug register (kvm_get_dr, kvm_set_dr).",
            "arch/x86/kvm/vmx/vmx.c"),
    HANDLE_CR("handle_cr", "handle_cr emulates a MOV to or from a control register that exited (kvm_set_cr0, kvm_set_cr4, "
            + "kvm_set_cr8, kvm_get_cr8); a value they refuse is #GP (kvm_complete_insn_gp).", "arch/x86/kvm/vmx/vmx.c"),
    HANDLE_IO("handle_io", "handle_io handles an I/O instruction exit.", "arch/x86/kvm/vmx/vmx.c"),
    HANDLE_INTERRUPT_WINDOW("handle_interrupt_window", "handle_interrupt_window: the guest can take an interrupt now; KVM "
            + "clears interrupt-window exiting and injects.", "arch/x86/kvm/vmx/vmx.c"),
    HANDLE_NMI_WINDOW("handle_nmi_window", "handle_nmi_window: NMIs are unblocked; KVM clears NMI-window exiting and injects.",
            "arch/x86/kvm/vmx/vmx.c"),
    HANDLE_PREEMPTION_TIMER("handle_fastpath_preemption_timer", "handle_fastpath_preemption_timer: the VMX-preemption timer "
            + "expired.", "arch/x86/kvm/vmx/vmx.c"),
    HANDLE_EXTERNAL_INTERRUPT("handle_external_interrupt", "handle_external_interrupt: the host handles the interrupt that "
            + "made the guest exit.", "arch/x86/kvm/vmx/vmx.c"),
    KVM_EMULATE_CPUID("kvm_emulate_cpuid", "kvm_emulate_cpuid returns the guest's CPUID leaf.", "arch/x86/kvm/cpuid.c"),
    KVM_EMULATE_HALT("kvm_emulate_halt", "kvm_emulate_halt halts the vCPU in KVM.", "arch/x86/kvm/x86.c"),
    KVM_EMULATE_RDMSR("kvm_emulate_rdmsr", "kvm_emulate_rdmsr reads the guest's MSR.", "arch/x86/kvm/x86.c"),
    KVM_EMULATE_WRMSR("kvm_emulate_wrmsr", "kvm_emulate_wrmsr writes the guest's MSR.", "arch/x86/kvm/x86.c"),
    KVM_EMULATE_HYPERCALL("kvm_emulate_hypercall", "kvm_emulate_hypercall handles VMCALL.", "arch/x86/kvm/x86.c"),
    HANDLE_VMX_INSTRUCTION("handle_vmx_instruction", "handle_vmx_instruction: without nested VMX, a VMX instruction in the "
            + "guest is #UD; KVM queues #UD.", "arch/x86/kvm/vmx/vmx.c"),
    X86_EMULATE_INSTRUCTION("x86_emulate_instruction", "x86_emulate_instruction decodes and emulates a guest instruction.",
            "arch/x86/kvm/x86.c"),
    KVM_EMULATES("KVM emulates", "KVM's emulator carries out the guest instruction (x86_emulate_insn), then "
            + "kvm_skip_emulated_instruction and the single-step and shadow rules of emulation.", "arch/x86/kvm/emulate.c, "
            + "arch/x86/kvm/x86.c x86_emulate_instruction"),
    KVM_VCPU_CHECK_CODE_BREAKPOINT("kvm_vcpu_check_code_breakpoint", "kvm_vcpu_check_code_breakpoint checks the guest's "
            + "instruction breakpoints before emulating.", "arch/x86/kvm/x86.c"),
    KVM_CHECK_AND_INJECT_EVENTS("kvm_check_and_inject_events", "kvm_check_and_inject_events injects the queued exception, "
            + "NMI or interrupt on the next VM entry when the guest can take it.", "arch/x86/kvm/x86.c; patch \"KVM: VMX: "
            + "Refresh GUEST_PENDING_DBG_EXCEPTIONS.BS on all injected #DBs\""),
    KVM_VCPU_BLOCK("kvm_vcpu_block", "kvm_vcpu_block returns when kvm_vcpu_has_events sees an event for the halted vCPU.",
            "virt/kvm/kvm_main.c"),
    KVM_SET_GUEST_DEBUG("KVM_SET_GUEST_DEBUG", "Userspace sets the guest-debug flags (kvm_arch_vcpu_ioctl_set_guest_debug).",
            "arch/x86/kvm/x86.c; Documentation/virt/kvm/api.rst KVM_SET_GUEST_DEBUG"),
    KVM_EXIT_DEBUG("KVM_EXIT_DEBUG", "KVM_RUN returns to userspace with KVM_EXIT_DEBUG and run->debug.arch.",
            "arch/x86/kvm/vmx/vmx.c handle_exception_nmi; Documentation/virt/kvm/api.rst KVM_EXIT_DEBUG"),
    USERSPACE_RESUMES("userspace resumes", "Userspace handles the exit and calls KVM_RUN again.",
            "Documentation/virt/kvm/api.rst KVM_RUN"),
    KVM_EXIT_FAIL_ENTRY("KVM_EXIT_FAIL_ENTRY", "vmx_handle_exit sees the failed entry and returns KVM_EXIT_FAIL_ENTRY to "
            + "userspace.", "arch/x86/kvm/vmx/vmx.c __vmx_handle_exit"),
    KVM_EXIT_IO("KVM_EXIT_IO", "KVM_RUN returns to userspace with KVM_EXIT_IO and run->io: port, direction, size and data "
            + "(the selftests' ucall is an IN from port 0x1000).", "arch/x86/kvm/x86.c kvm_fast_pio; Documentation/virt/kvm/"
            + "api.rst KVM_EXIT_IO; tools/testing/selftests/kvm/lib/x86/ucall.c"),
    COMPLETE_FAST_PIO_IN("complete_fast_pio_in", "complete_fast_pio_in finishes an IN on the next KVM_RUN: RAX gets the data "
            + "userspace left, then kvm_skip_emulated_instruction, unless userspace moved RIP.", "arch/x86/kvm/x86.c"),
    COMPLETE_FAST_PIO_OUT("complete_fast_pio_out", "complete_fast_pio_out finishes an OUT on the next KVM_RUN: "
            + "kvm_skip_emulated_instruction, unless userspace moved RIP.", "arch/x86/kvm/x86.c"),
    KVM_SET_REGS("KVM_SET_REGS", "Userspace writes the vCPU's registers (__set_regs: RIP, RFLAGS through kvm_set_rflags, the "
            + "GPRs; a pending exception is dropped).", "arch/x86/kvm/x86.c kvm_arch_vcpu_ioctl_set_regs; "
            + "Documentation/virt/kvm/api.rst KVM_SET_REGS"),
    KVM_SET_DEBUGREGS("KVM_SET_DEBUGREGS", "Userspace writes the guest's DR0-DR3, DR6 and DR7 "
            + "(kvm_vcpu_ioctl_x86_set_debugregs); with KVM_GUESTDBG_USE_HW_BP the hardware keeps the host's.",
            "arch/x86/kvm/x86.c; Documentation/virt/kvm/api.rst KVM_SET_DEBUGREGS"),
    KVM_RUN("KVM_RUN", "Userspace calls KVM_RUN again: the next phase of the selftest's main() loop begins.",
            "Documentation/virt/kvm/api.rst KVM_RUN; tools/testing/selftests/kvm/lib/kvm_util.c vcpu_run"),
    USERSPACE_STOPS("userspace stops", "Userspace does not call KVM_RUN again (the selftest checked its last exit and frees "
            + "the VM): the run ends.", "tools/testing/selftests/kvm/lib/kvm_util.c kvm_vm_free"),
    KVM_WORK("", "KVM handles the exit.", "arch/x86/kvm/vmx/vmx.c vmx_handle_exit");

    private final String function;
    private final Text text;

    KvmRule(String function, String sentence, String file) {
        this.function = function;
        this.text = new Text(sentence, "KVM " + (function.matches("[a-z_0-9]+") ? function + "() in " : "") + file);
    }

    @Override public Text text() { return text; }

    /** Returns the rule of the KVM function a host step is titled by ({@code handle_dr}, {@code KVM emulates sti}). */
    public static KvmRule of(String title) {
        for (KvmRule r : values()) {
            if (!r.function.isEmpty() && (title.equals(r.function) || title.startsWith(r.function + " "))) return r;
        }
        return KVM_WORK;
    }
}
