package dev.shadowstep.core.kvm;

import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.event.HostEvent;
import dev.shadowstep.core.event.HostStep;
import dev.shadowstep.core.event.RunEnd;
import dev.shadowstep.core.event.Vectors;
import dev.shadowstep.core.event.VmmContext;
import dev.shadowstep.core.vmx.CheckFailure;
import dev.shadowstep.core.vmx.Injection;
import dev.shadowstep.core.vmx.InterruptionInfo;
import dev.shadowstep.core.vmx.Vmcs;
import dev.shadowstep.core.vmx.VmEntry;

/** KVM's VMRESUME and what follows it: the guest runs, or the entry fails and KVM_RUN returns KVM_EXIT_FAIL_ENTRY. */
final class VmEntries {
    private VmEntries() {}

    /** Enters the guest: returns null when it runs, or the end of the run when the entry fails. */
    static RunEnd enter(VmmContext host, Vcpu v) {
        CpuState g = host.state();
        return switch (VmEntry.enter(v.vmcs, g)) {
            case VmEntry.Failed(CheckFailure f, Vmcs after) -> fail(host, v, g, f, after);
            case VmEntry.Entered(CpuState guest, Vmcs after, InterruptionInfo injected, String why) -> {
                String more = "";
                if (v.immediateExit) {
                    v.immediateExit = false;
                    v.vmcs = after.withPreemptionTimerZero(true);
                    more = " KVM armed the VMX-preemption timer with 0 (force_immediate_exit), so the guest exits again "
                            + "right after the injected event is delivered.";
                } else {
                    v.vmcs = after;
                }
                String title = injected == null ? "VM entry" : "VM entry, injecting " + name(injected);
                v.step(host, HostStep.Kind.VMENTRY, title, "VMRESUME: " + why + more, guest, null);
                if (injected != null) {
                    QueuedException e = v.injected;
                    v.injected = null;
                    long payload = e != null && injected.vector() == CpuFault.DB ? e.payload() : 0;
                    host.inject(Injection.toInterruption(injected, guest.rip(), after.entryErrorCode(), 0, payload,
                            "KVM injected " + (e == null ? injected.describe() : e.why()) + "; the CPU delivers it through "
                                    + "the guest IDT as the VM entry completes, before any guest instruction (SDM 26.6)."
                                    + (injected.vector() == CpuFault.DB && injected.type() == InterruptionInfo.Type.HARDWARE_EXCEPTION
                                    ? " DR6 already holds the payload KVM wrote; the CPU does not change it." : "")));
                }
                yield null;
            }
        };
    }

    private static RunEnd fail(VmmContext host, Vcpu v, CpuState g, CheckFailure f, Vmcs after) {
        v.vmcs = after;
        v.step(host, HostStep.Kind.VMENTRY, "VM entry fails: invalid guest state", "VMRESUME fails the guest-state check "
                + "\"" + f.check() + "\". The CPU loads nothing of the guest and reports basic exit reason 0x21 with bit 31 set "
                + "(0x80000021, VM-entry failure due to invalid guest state; SDM 26.8).", g,
                new HostEvent.EntryFailed(g.rip(), "0x80000021", f.check()), f.rule());
        v.step(host, HostStep.Kind.HOST, "KVM_EXIT_FAIL_ENTRY", "vmx_handle_exit sees the failed entry and returns to "
                + "userspace: run->exit_reason = KVM_EXIT_FAIL_ENTRY (9), hardware_entry_failure_reason = 0x80000021 "
                + "(printed as -2147483615 by the selftests). The run cannot go on.", g,
                new HostEvent.ExitToHost(g.rip(), "KVM_EXIT_FAIL_ENTRY", null, null, null, "0x80000021"));
        return new RunEnd(RunEnd.Status.VMENTRY_FAILED, host.steps(), g, "VM entry failed (exit reason 0x80000021): "
                + f.check() + ". KVM_RUN returned KVM_EXIT_FAIL_ENTRY.");
    }

    private static String name(InterruptionInfo info) {
        return switch (info.type()) {
            case EXTERNAL_INTERRUPT -> "IRQ 0x" + Integer.toHexString(info.vector());
            case NMI -> "NMI";
            default -> Vectors.mnemonic(info.vector());
        };
    }
}
