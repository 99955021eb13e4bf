package dev.shadowstep.core.kvm;

import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.cpu.Shadow;

/** Completing an instruction KVM emulated: moving RIP, the interrupt shadow, the single-step #DB KVM owes. */
final class Skip {
    private Skip() {}

    /** A skipped instruction: the guest afterwards, what happens next, and the words for the trace. */
    record Skipped(CpuState guest, Handled next, String why) {}

    /**
     * skip_emulated_instruction (vmx.c): RIP moves to {@code nextRip} and the interrupt shadow is
     * cleared (vmx_set_interrupt_shadow(vcpu, 0)), as if the instruction retired.
     */
    static CpuState skipEmulatedInstruction(Vcpu v, CpuState s, long nextRip) {
        return v.setInterruptShadow(s.withRip(nextRip), Shadow.NONE);
    }

    /**
     * kvm_skip_emulated_instruction (x86.c): skip_emulated_instruction, then, because RFLAGS (read
     * before the skip, host-set TF included) had TF=1, the single-step #DB of the skipped
     * instruction: kvm_inject_emulated_db(vcpu, DR6_BS).
     *
     * @param before the guest when the instruction began (its TF counts)
     * @param after  the guest with the instruction's effect and RIP past it
     */
    static Skipped kvmSkipEmulatedInstruction(Vcpu v, CpuState before, CpuState after) {
        CpuState g = skipEmulatedInstruction(v, after, after.rip());
        String shadow = before.shadow() != Shadow.NONE ? " and the " + Vcpu.blockingName(before.shadow())
                + " shadow is cleared" : "";
        String why = String.format("kvm_skip_emulated_instruction: RIP = 0x%x%s.", g.rip(), shadow);
        if (!before.flag(Rflags.TF)) return new Skipped(g, Handled.RESUME, why);
        Injected i = injectEmulatedDb(v, g, Dr6.BS, "the skipped instruction began with TF=1");
        return new Skipped(g, i.next(), why + " " + i.why());
    }

    /** The outcome of kvm_inject_emulated_db. */
    record Injected(Handled next, String why) {}

    /**
     * kvm_inject_emulated_db (v3; earlier kvm_vcpu_do_singlestep): when userspace debugging wants the
     * event (KVM_GUESTDBG_USE_HW_BP, or SINGLESTEP for a single step) KVM fills run->debug.arch
     * (dr6 = payload | DR6_ACTIVE_LOW, pc = RIP, exception 1) and exits with KVM_EXIT_DEBUG; otherwise
     * it queues #DB with the payload for the guest (KVM kvm_inject_emulated_db()).
     */
    static Injected injectEmulatedDb(Vcpu v, CpuState g, long payload, String cause) {
        boolean singleStep = (payload & Dr6.BS) != 0;
        boolean userspace = v.config.has(GuestDebug.USE_HW_BP) || singleStep && v.config.has(GuestDebug.SINGLESTEP);
        if (userspace) {
            String flag = singleStep && v.config.has(GuestDebug.SINGLESTEP) ? "KVM_GUESTDBG_SINGLESTEP" : "KVM_GUESTDBG_USE_HW_BP";
            return new Injected(new Handled.ToUserspace(new DebugExit(CpuFault.DB, g.rip(), Vcpu.reportedDr6(payload),
                    "kvm_inject_emulated_db: " + cause + " and " + flag + " is set, so KVM reports the #DB to userspace "
                            + "instead of the guest")),
                    "Since " + cause + ", kvm_inject_emulated_db(" + Dr6.describe(payload) + ") prepares KVM_EXIT_DEBUG ("
                            + flag + ").");
        }
        v.queue(CpuFault.DB, -1, payload, QueuedException.Origin.EMULATED,
                "a #DB KVM raised in emulation (" + cause + ")");
        return new Injected(Handled.RESUME, "Since " + cause + ", kvm_inject_emulated_db queues #DB with payload "
                + Dr6.describe(payload) + " for the guest.");
    }
}
