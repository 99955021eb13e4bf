package dev.shadowstep.core.kvm;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Dr7;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.event.VmmContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The userspace side of guest debugging, as KVM's debug_regs.c selftest drives it: KVM_SET_GUEST_DEBUG
 * before each KVM_RUN, and after a KVM_EXIT_DEBUG moving RIP past the reported instruction when the
 * report was fault-like (instruction breakpoint, DR7.GD, INT3 with USE_SW_BP) so the guest makes progress.
 */
final class UserspaceDebug {
    private UserspaceDebug() {}

    /**
     * kvm_arch_vcpu_ioctl_set_guest_debug: with USE_HW_BP the hardware DR0-DR3 and DR7 take the host's
     * values (eff_db, guest_debug_dr7); with SINGLESTEP KVM records singlestep_rip and sets RFLAGS.TF
     * (__kvm_set_rflags); the exception bitmap gets #BP with USE_SW_BP.
     */
    static void setGuestDebug(VmmContext host, Vcpu v, String prefix) {
        CpuState g = host.state();
        List<String> parts = new ArrayList<>();
        List<String> flags = v.config.guestDebug().stream().map(f -> "KVM_GUESTDBG_" + f.name()).sorted().toList();
        parts.add(prefix + " Control " + String.join(" | ", flags) + ".");
        if (v.hostOwnsDebugRegs()) {
            var b = g.toBuilder();
            for (int n = 0; n < 4; n++) b.dr(n, v.config.hostDr().get(n));
            b.dr7(Dr7.write(v.config.hostDr7()));
            g = b.build();
            parts.add(String.format("USE_HW_BP: the hardware DR0-DR3 and DR7 hold the host's values (DR7 = 0x%x); the guest "
                    + "keeps its own in vcpu->arch.db / dr7.", g.dr7()));
        }
        if (v.config.has(GuestDebug.USE_SW_BP)) parts.add("USE_SW_BP: #BP joins the exception bitmap.");
        if (v.config.has(GuestDebug.SINGLESTEP)) {
            v.singlestepRip = g.rip();
            g = g.withRflags(g.rflags() | Rflags.TF);
            parts.add(String.format("SINGLESTEP: singlestep_rip = 0x%x and KVM sets TF in the guest's RFLAGS (hidden from "
                    + "kvm_get_rflags), so the next guest instruction traps.", g.rip()));
        }
        if (v.config.has(GuestDebug.BLOCKIRQ)) parts.add("BLOCKIRQ: KVM will inject no interrupts.");
        v.step(host, "KVM_SET_GUEST_DEBUG", String.join(" ", parts), g);
    }

    /**
     * After a KVM_EXIT_DEBUG (already recorded) when the scenario writes no {@code on_exit} actions: userspace
     * adjusts RIP if needed, as debug_regs.c does, and runs the vCPU again.
     */
    static void resume(VmmContext host, Vcpu v, DebugExit r) {
        CpuState g = host.state();
        String kind = faultKind(g, r);
        int skip = kind == null ? 0 : length(host, r.pc());
        CpuState next = g;
        String what;
        if (skip > 0) {
            next = g.withRip(r.pc() + skip);
            v.exception = null;
            what = String.format("The report is fault-like (%s, the instruction did not run), so userspace moves RIP past it "
                    + "with KVM_SET_REGS: RIP = 0x%x + %d = 0x%x, as debug_regs.c does.", kind, r.pc(), skip, next.rip());
        } else {
            what = "The report is trap-like (the instruction already ran), so userspace leaves RIP as it is.";
        }
        v.step(host, "userspace resumes", what + (v.config.has(GuestDebug.SINGLESTEP) ? "" : " Then KVM_RUN again."), next);
        if (v.config.has(GuestDebug.SINGLESTEP)) {
            setGuestDebug(host, v, "Userspace calls KVM_SET_GUEST_DEBUG again, then KVM_RUN.");
        }
    }

    /** Returns the length of the instruction at {@code pc}. */
    private static int length(VmmContext host, long pc) {
        Instruction i = host.decode(pc);
        return i == null ? 1 : i.length();
    }

    /** Returns what makes the report fault-like (the reported instruction did not run), or null for a trap. */
    private static String faultKind(CpuState g, DebugExit r) {
        if (r.exception() == CpuFault.BP) return "#BP reported at the int3 with USE_SW_BP";
        if (r.dr6() != null && (r.dr6() & Dr6.BD) != 0) return "general detect, DR6.BD";
        if (codeBreakpointAt(g, r)) return "an instruction breakpoint, " + Dr6.describe(r.dr6() & Dr6.B_MASK);
        return null;
    }

    /** Returns whether a B0-B3 bit of the report is an instruction breakpoint on pc in the hardware DR7. */
    private static boolean codeBreakpointAt(CpuState g, DebugExit r) {
        if (r.dr6() == null) return false;
        for (int n = 0; n < 4; n++) {
            if ((r.dr6() >>> n & 1) != 0 && Dr7.rw(g.dr7(), n) == Dr7.RW_EXECUTE && g.dr(n) == r.pc()) return true;
        }
        return false;
    }
}
