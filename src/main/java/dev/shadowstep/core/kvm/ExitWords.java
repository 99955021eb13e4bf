package dev.shadowstep.core.kvm;

import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Regs;
import dev.shadowstep.core.cpu.VmExit;
import dev.shadowstep.core.event.Vectors;
import dev.shadowstep.core.event.VmmContext;
import dev.shadowstep.core.vmx.ExitReason;
import dev.shadowstep.core.vmx.InterruptionInfo;
import dev.shadowstep.core.vmx.Vmcs;

/** The title and why of a VM exit step under KVM: the cause, the rule, and what the exit saved. */
final class ExitWords {
    private ExitWords() {}

    static String title(ExitReason reason, InterruptionInfo info) {
        return reason == ExitReason.EXCEPTION_NMI ? "VM exit: exception " + Vectors.mnemonic(info.vector())
                : "VM exit: " + reason.word();
    }

    static String why(VmmContext host, CpuState g, ExitReason reason, VmExit exit, InterruptionInfo info, Vmcs saved) {
        String cause = switch (reason) {
            case EXCEPTION_NMI -> exception(host, g, exit, info);
            case EXTERNAL_INTERRUPT -> "A host interrupt arrives while the guest runs (the IPI kvm_vcpu_kick sends after the "
                    + "host action); external interrupts always exit under KVM (SDM 25.2).";
            case INTERRUPT_WINDOW -> "Interrupt-window exiting is on and the guest now has IF=1 and no STI or MOV SS shadow: "
                    + "the CPU exits before " + host.name(g.rip()) + " (SDM 25.2, 26.7).";
            case NMI_WINDOW -> "NMI-window exiting is on and NMIs are no longer blocked: the CPU exits before "
                    + host.name(g.rip()) + ".";
            case PREEMPTION_TIMER -> "The VMX-preemption timer, armed with 0, expires before the first instruction after the "
                    + "injected event was delivered (SDM 25.5.1).";
            case CPUID -> "CPUID always causes a VM exit in VMX non-root operation (SDM 25.1.2).";
            case HLT -> "HLT exiting is on: HLT exits, and KVM halts the vCPU itself.";
            case MSR_READ, MSR_WRITE -> String.format("%s of MSR 0x%x exits: without APICv KVM's MSR bitmap intercepts the "
                    + "x2APIC registers and the other MSRs the model has (SDM 25.1.3).",
                    reason == ExitReason.MSR_READ ? "RDMSR" : "WRMSR", g.reg(Regs.RCX) & 0xFFFFFFFFL);
            case IO -> "KVM sets unconditional I/O exiting: " + host.name(g.rip()) + " exits.";
            case VMCALL -> "VMCALL always causes a VM exit in VMX non-root operation (SDM 25.1.2).";
            case VMLAUNCH, VMRESUME, VMREAD, VMWRITE, VMXON, VMXOFF, VMCLEAR, VMPTRLD, VMPTRST -> reason.word().toUpperCase() + " always causes a VM exit in VMX "
                    + "non-root operation (SDM 25.1.2); exit reason " + reason.code() + " (SDM Vol. 3 Appendix C).";
            case DR_ACCESS -> "MOV-DR exiting is on while userspace debugs the guest: MOV DR exits, before any general-detect "
                    + "#DB (SDM 25.1.3).";
            case CR_ACCESS -> ControlRegisterExits.exitCause(g, exit);
            case INVALID_GUEST_STATE -> "";
        };
        return cause + String.format(" Saved: interruptibility 0x%x, pending debug exceptions 0x%x%s; exit reason 0x%x, "
                + "qualification 0x%x (SDM 27.2, 27.3.4).", saved.interruptibility(), saved.pendingDbg(),
                saved.pendingDbg() == 0 ? " (saved as 0" + (reason == ExitReason.EXCEPTION_NMI && info.vector() == CpuFault.DB
                        ? ": the #DB caused the exit" : "") + ")" : "", reason.code(), exit.qualification());
    }

    private static String exception(VmmContext host, CpuState g, VmExit exit, InterruptionInfo info) {
        int vector = info.vector();
        String what = switch (vector) {
            case CpuFault.DB -> info.type() == InterruptionInfo.Type.PRIVILEGED_SOFTWARE_EXCEPTION
                    ? "ICEBP raises #DB, which is intercepted; the exit happens on the ICEBP itself"
                    : "The guest's #DB (" + Dr6.describe(exit.qualification()) + ") is in KVM's exception bitmap: KVM always "
                    + "intercepts #DB, so the CPU exits instead of delivering it. DR6 is not written; the causes go into "
                    + "the exit qualification";
            case CpuFault.UD -> "#UD at " + host.name(g.rip()) + " is in KVM's exception bitmap, so the CPU exits with RIP at "
                    + "the faulting instruction";
            case CpuFault.BP -> "INT3 raises #BP, which is in the exception bitmap because of KVM_GUESTDBG_USE_SW_BP; the "
                    + "exit reports RIP of the int3 and its length";
            default -> Vectors.mnemonic(vector) + " is in KVM's exception bitmap, so the CPU exits";
        };
        return what + " (exit reason 0x0, " + info.describe() + ", SDM 25.2, 27.1).";
    }
}
