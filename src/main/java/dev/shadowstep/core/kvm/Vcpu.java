package dev.shadowstep.core.kvm;

import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Rule;
import dev.shadowstep.core.cpu.Shadow;
import dev.shadowstep.core.event.HostEvent;
import dev.shadowstep.core.event.HostStep;
import dev.shadowstep.core.event.Vectors;
import dev.shadowstep.core.event.VmmContext;
import dev.shadowstep.core.vmx.Vmcs;
import dev.shadowstep.core.vmx.VmExits;

/**
 * KVM's per-vCPU state (struct kvm_vcpu_arch and the VMCS it owns) between a VM exit and the next
 * VM entry. The guest's registers are the machine's {@code CpuState}; with USE_HW_BP the hardware
 * DR0-DR3 and DR7 there hold the host's values, and the guest's own ones live here.
 */
final class Vcpu {
    /** The configuration; KVM_SET_GUEST_DEBUG between two KVM_RUNs replaces its guest-debug part. */
    KvmConfig config;
    Vmcs vmcs;
    /** vcpu->arch.exception: queued for the next entry, or null. */
    QueuedException exception;
    /** The guest's own DR0-DR3 and DR7 (vcpu->arch.db, vcpu->arch.dr7) while the host owns the hardware ones. */
    final long[] guestDb = new long[4];
    long guestDr7;
    /** vcpu->arch.singlestep_rip: where KVM_SET_GUEST_DEBUG last set TF. */
    long singlestepRip = -1;
    /** The event written into the VM-entry interruption information for the coming entry, or null. */
    QueuedException injected;
    /** req_immediate_exit for the coming entry. */
    boolean immediateExit;
    /** KVM_RUN calls so far: the phase the vCPU is in (1 until the first exit to userspace). */
    int runs = 1;

    Vcpu(KvmConfig config, Vmcs vmcs) {
        this.config = config;
        this.vmcs = vmcs;
    }

    /** Returns whether the host owns the debug registers (KVM_GUESTDBG_USE_HW_BP). */
    boolean hostOwnsDebugRegs() {
        return config.has(GuestDebug.USE_HW_BP);
    }

    /** Returns the guest's own DR7 (vcpu->arch.dr7). */
    long guestDr7(CpuState s) {
        return hostOwnsDebugRegs() ? guestDr7 : s.dr7();
    }

    /** Returns the guest's own DRn, n = 0..3 (vcpu->arch.db[n]). */
    long guestDr(CpuState s, int n) {
        return hostOwnsDebugRegs() ? guestDb[n] : s.dr(n);
    }

    /** Returns RFLAGS as KVM reads them (kvm_get_rflags): TF set by host single-stepping is hidden. */
    long guestRflags(CpuState s) {
        return config.has(GuestDebug.SINGLESTEP) ? s.rflags() & ~Rflags.TF : s.rflags();
    }

    /** Returns whether the VMCS shows blocking by STI or MOV SS. */
    boolean inShadow() {
        return vmcs.shadowBlocking();
    }

    /** vmx_set_interrupt_shadow: writes the interruptibility field; the guest's shadow follows it. */
    CpuState setInterruptShadow(CpuState s, Shadow shadow) {
        vmcs = vmcs.withInterruptibility((vmcs.interruptibility() & ~Vmcs.INTR_SHADOW) | VmExits.blockingOf(shadow));
        return s.withShadow(shadow);
    }

    /** Returns the shadow the VMCS holds. */
    Shadow shadow() {
        return VmExits.shadowOf(vmcs.interruptibility());
    }

    /** Returns a shadow's blocking as the trace names it: STI or MOV SS. */
    static String blockingName(Shadow shadow) {
        return shadow == Shadow.STI ? "STI" : "MOV SS";
    }

    /** kvm_queue_exception_p / kvm_queue_exception: queues an exception for the next entry. */
    void queue(int vector, int errorCode, long payload, QueuedException.Origin origin, String why) {
        exception = new QueuedException(vector, errorCode, payload, origin, why);
    }

    /** Queues a fault KVM's emulation raised: its error code if the vector has one, a #PF's address as payload (CR2). */
    void queueFault(CpuFault f, String why) {
        queue(f.vector(), Vectors.hasErrorCode(f.vector()) ? Math.max(0, f.errorCode()) : -1,
                f.vector() == CpuFault.PF ? f.address() : 0, QueuedException.Origin.EMULATED, why);
    }

    /** Records a step of KVM's work that leaves the guest in {@code after}. */
    void step(VmmContext host, String title, String why, CpuState after) {
        host.step(new HostStep(HostStep.Kind.HOST, title, why, vmcs.fields(), null, KvmRule.of(title)), after);
    }

    /** Records a host step with an event. */
    void step(VmmContext host, HostStep.Kind kind, String title, String why, CpuState after, HostEvent event) {
        step(host, kind, title, why, after, event, kind == HostStep.Kind.HOST ? KvmRule.of(title) : null);
    }

    /** Records a host step with an event and the rule behind it (a failed VM-entry check). */
    void step(VmmContext host, HostStep.Kind kind, String title, String why, CpuState after, HostEvent event, Rule rule) {
        host.step(new HostStep(kind, title, why, vmcs.fields(), event, rule), after);
    }

    /** Returns DR6 in the form KVM reports to userspace: payload | DR6_ACTIVE_LOW. */
    static long reportedDr6(long payload) {
        return payload | Dr6.FIXED_ONES;
    }
}
