package dev.shadowstep.core.kvm;

import dev.shadowstep.core.cpu.CpuFault;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.CpuStateBuilder;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Dr7;
import dev.shadowstep.core.cpu.Rflags;
import dev.shadowstep.core.event.EventRule;
import dev.shadowstep.core.event.HostAction;
import dev.shadowstep.core.event.HostEvent;
import dev.shadowstep.core.event.HostStep;
import dev.shadowstep.core.event.VmmContext;
import dev.shadowstep.core.vmx.Vmcs;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The selftest's main() between two KVM_RUNs: KVM_RUN returns to userspace (KVM_EXIT_DEBUG, KVM_EXIT_IO), the
 * scenario's {@code on_exit} actions react (KVM_SET_GUEST_DEBUG, KVM_SET_REGS, KVM_SET_DEBUGREGS, or stop), and
 * userspace calls KVM_RUN again. Without {@code on_exit} actions userspace reacts as {@link UserspaceDebug} does.
 */
final class Userspace {
    private Userspace() {}

    private static final String[] REG_NAMES = {"RAX", "RCX", "RDX", "RBX", "RSP", "RBP", "RSI", "RDI",
        "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15"};

    /** KVM_RUN returned KVM_EXIT_DEBUG. Returns true when userspace stops. */
    static boolean debug(VmmContext host, Vcpu v, DebugExit r) {
        List<HostAction> due = host.exitToUserspace("KVM_EXIT_DEBUG");
        boolean phases = host.hostReactsToExits();
        CpuState g = host.state();
        StringBuilder fields = new StringBuilder(String.format("run->debug.arch.exception = %d, pc = 0x%x", r.exception(), r.pc()));
        if (r.dr6() != null) fields.append(String.format(", dr6 = 0x%x", r.dr6()));
        if (r.dr7() != null) fields.append(String.format(", dr7 = 0x%x", r.dr7()));
        String why = "KVM_RUN " + v.runs + " returns to userspace with KVM_EXIT_DEBUG (from " + r.function() + "): " + fields
                + ". " + reaction(due, phases);
        v.step(host, HostStep.Kind.HOST, "KVM_EXIT_DEBUG", why, g, new HostEvent.ExitToHost(g.rip(), "KVM_EXIT_DEBUG",
                r.exception(), r.pc(), r.dr6(), null, r.dr7(), null, null, null, null));
        if (!phases) {
            UserspaceDebug.resume(host, v, r);
            v.runs++;
            return false;
        }
        return react(host, v, due);
    }

    /** KVM_RUN returned KVM_EXIT_IO. Returns true when userspace stops. */
    static boolean io(VmmContext host, Vcpu v, Handled.IoToUserspace io) {
        List<HostAction> due = host.exitToUserspace("KVM_EXIT_IO");
        boolean phases = host.hostReactsToExits();
        CpuState g = host.state();
        String data = io.value() == null ? "" : String.format(", data 0x%x", io.value());
        String why = String.format("KVM_RUN %d returns to userspace with KVM_EXIT_IO (from handle_io): run->io.port = 0x%x, "
                + "direction %s, size %d%s. ", v.runs, io.port(), io.in() ? "KVM_EXIT_IO_IN" : "KVM_EXIT_IO_OUT", io.size(), data)
                + (phases ? reaction(due, true) : "Userspace has no device there and calls KVM_RUN again.");
        v.step(host, HostStep.Kind.HOST, "KVM_EXIT_IO", why, g, new HostEvent.ExitToHost(g.rip(), "KVM_EXIT_IO", null, null,
                null, null, null, io.port(), io.in() ? "in" : "out", io.size(), io.value()));
        if (!phases) {
            v.runs++;
            return false;
        }
        return react(host, v, due);
    }

    private static String reaction(List<HostAction> due, boolean phases) {
        if (!phases) return "No on_exit action is written, so userspace reacts as debug_regs.c does.";
        if (due.isEmpty()) return "No host action reacts to this exit: userspace calls KVM_RUN again as it is.";
        List<String> names = new ArrayList<>();
        for (HostAction a : due) names.add(a.origin() == null ? a.title() : a.origin());
        return "The host reacts with " + String.join("; ", names) + ".";
    }

    /** Carries out the due actions in order, then KVM_RUN again; returns true when one of them stops userspace. */
    private static boolean react(VmmContext host, Vcpu v, List<HostAction> due) {
        for (HostAction a : due) {
            String from = a.origin() == null ? "" : " (" + a.origin() + ")";
            switch (a.effect()) {
                case HostAction.Effect.SetGuestDebug d -> setGuestDebug(host, v, d, from);
                case HostAction.Effect.SetRegs r -> setRegs(host, v, r, from);
                case HostAction.Effect.SetDebugRegs d -> setDebugRegs(host, v, d, from);
                case HostAction.Effect.Stop() -> {
                    v.step(host, HostStep.Kind.HOST, "userspace stops", "Userspace does not call KVM_RUN again" + from
                            + ": the selftest has checked its last exit and frees the VM (kvm_vm_free). The run ends.",
                            host.state(), null, KvmRule.USERSPACE_STOPS);
                    return true;
                }
                case HostAction.Effect.RaiseIrq ignored -> raise(host, v, a, from);
                case HostAction.Effect.RaiseNmi ignored -> raise(host, v, a, from);
            }
        }
        v.runs++;
        v.step(host, HostStep.Kind.HOST, "KVM_RUN", "Userspace calls KVM_RUN again: run " + v.runs + " begins.",
                host.state(), null, KvmRule.KVM_RUN);
        return false;
    }

    private static void raise(VmmContext host, Vcpu v, HostAction a, String from) {
        v.step(host, HostStep.Kind.HOST, a.title(), a.why() + from, a.apply(host.state()), null, EventRule.HOST_ACTION);
    }

    /**
     * kvm_arch_vcpu_ioctl_set_guest_debug: RFLAGS are read with the old flags (kvm_get_rflags hides host-set TF), the
     * new control is stored (all cleared without ENABLE), eff_db and DR7 follow USE_HW_BP (kvm_update_dr7), with
     * SINGLESTEP singlestep_rip = RIP, then kvm_set_rflags sets or drops TF, and update_exception_bitmap puts #BP in
     * or out (USE_SW_BP).
     */
    private static void setGuestDebug(VmmContext host, Vcpu v, HostAction.Effect.SetGuestDebug d, String from) {
        CpuState g = host.state();
        long rflags = v.guestRflags(g);
        boolean hwBefore = v.hostOwnsDebugRegs();
        Set<GuestDebug> flags = KvmConfig.flagsOf(d.control());
        v.config = v.config.withGuestDebug(flags, d.debugreg(), d.dr7());
        CpuStateBuilder b = g.toBuilder();
        List<String> parts = new ArrayList<>();
        parts.add(flags.isEmpty() ? "Userspace calls KVM_SET_GUEST_DEBUG with control = 0: guest debugging is off"
                : "Userspace calls KVM_SET_GUEST_DEBUG with " + String.join(" | ",
                        flags.stream().map(f -> "KVM_GUESTDBG_" + f.name()).sorted().toList()));
        if (!hwBefore && v.hostOwnsDebugRegs()) {
            for (int n = 0; n < 4; n++) v.guestDb[n] = g.dr(n);
            v.guestDr7 = g.dr7();
        }
        if (v.hostOwnsDebugRegs()) {
            for (int n = 0; n < 4; n++) b.dr(n, d.debugreg().get(n));
            b.dr7(Dr7.write(d.dr7()));
            parts.add(String.format("USE_HW_BP: eff_db = debugreg[0..3] and GUEST_DR7 = debugreg[7] = 0x%x (the guest's own "
                    + "stay in vcpu->arch.db / dr7)", Dr7.write(d.dr7())));
        } else if (hwBefore) {
            for (int n = 0; n < 4; n++) b.dr(n, v.guestDb[n]);
            b.dr7(v.guestDr7);
            parts.add(String.format("without USE_HW_BP the hardware gets the guest's own DR0-DR3 and DR7 = 0x%x back", v.guestDr7));
        }
        if (v.config.has(GuestDebug.SINGLESTEP)) {
            v.singlestepRip = g.rip();
            rflags |= Rflags.TF;
            parts.add(String.format("SINGLESTEP: singlestep_rip = 0x%x and kvm_set_rflags sets TF behind the guest's back",
                    g.rip()));
        } else if (g.flag(Rflags.TF) && !Rflags.has(rflags, Rflags.TF)) {
            parts.add("no SINGLESTEP: kvm_set_rflags writes RFLAGS without the TF KVM had set");
        }
        b.rflags(rflags);
        boolean swBp = v.config.has(GuestDebug.USE_SW_BP);
        long bitmap = swBp ? v.vmcs.exceptionBitmap() | 1L << CpuFault.BP : v.vmcs.exceptionBitmap() & ~(1L << CpuFault.BP);
        v.vmcs = v.vmcs.withExceptionBitmap(bitmap).withControl(Vmcs.MOV_DR_EXITING, !flags.isEmpty());
        parts.add(swBp ? "update_exception_bitmap: #BP exits (USE_SW_BP)" : "update_exception_bitmap: #BP does not exit");
        if (v.config.has(GuestDebug.BLOCKIRQ)) parts.add("BLOCKIRQ: KVM injects no interrupts");
        v.step(host, HostStep.Kind.HOST, "KVM_SET_GUEST_DEBUG", String.join("; ", parts) + from + ".", b.build(), null,
                KvmRule.KVM_SET_GUEST_DEBUG);
    }

    /**
     * KVM_SET_REGS (__set_regs): the values are what KVM_GET_REGS showed plus the action's changes (vcpu_regs_get,
     * then vcpu_regs_set, as vcpu_skip_insn does), so host-set TF is hidden; kvm_set_rflags sets it again only at
     * singlestep_rip. A pending exception is dropped (vcpu->arch.exception.pending = false).
     */
    private static void setRegs(VmmContext host, Vcpu v, HostAction.Effect.SetRegs r, String from) {
        CpuState g = host.state();
        long rip = r.rip() != null ? r.rip() : g.rip() + r.ripAdd();
        long base = r.rflags() != null ? r.rflags() : v.guestRflags(g);
        long rflags = (base | r.setFlags()) & ~r.clearFlags() | Rflags.FIXED_1;
        List<String> parts = new ArrayList<>();
        parts.add(r.rip() != null ? String.format("RIP = 0x%x", rip)
                : String.format("RIP = 0x%x %s %d = 0x%x", g.rip(), r.ripAdd() < 0 ? "-" : "+", Math.abs(r.ripAdd()), rip));
        if (rflags != v.guestRflags(g)) parts.add(String.format("RFLAGS = 0x%x", rflags));
        if (v.config.has(GuestDebug.SINGLESTEP) && rip == v.singlestepRip) {
            rflags |= Rflags.TF;
            parts.add("kvm_set_rflags keeps KVM's TF (RIP is singlestep_rip)");
        }
        CpuStateBuilder b = g.toBuilder().rip(rip).rflags(rflags);
        new TreeMap<>(r.regs()).forEach((n, value) -> {
            b.reg(n, value);
            parts.add(String.format("%s = 0x%x", REG_NAMES[n], value));
        });
        String dropped = "";
        if (v.exception != null) {
            dropped = "; the queued " + dev.shadowstep.core.event.Vectors.mnemonic(v.exception.vector())
                    + " is dropped (__set_regs: vcpu->arch.exception.pending = false)";
            v.exception = null;
        }
        v.step(host, HostStep.Kind.HOST, "KVM_SET_REGS", "Userspace calls KVM_SET_REGS (vcpu_regs_set): "
                + String.join(", ", parts) + dropped + from + ".", b.build(), null, KvmRule.KVM_SET_REGS);
    }

    /**
     * KVM_SET_DEBUGREGS (kvm_vcpu_ioctl_x86_set_debugregs): the guest's DR0-DR3, DR6, DR7. With USE_HW_BP they go to
     * vcpu->arch.db / dr7 and the hardware keeps the host's (kvm_update_dr0123, kvm_update_dr7).
     */
    private static void setDebugRegs(VmmContext host, Vcpu v, HostAction.Effect.SetDebugRegs d, String from) {
        CpuState g = host.state();
        CpuStateBuilder b = g.toBuilder();
        List<String> parts = new ArrayList<>();
        boolean hostOwns = v.hostOwnsDebugRegs();
        for (int n = 0; n < 4; n++) {
            Long value = d.dr().get(n);
            if (value == null) continue;
            if (hostOwns) v.guestDb[n] = value;
            else b.dr(n, value);
            parts.add(String.format("DR%d = 0x%x", n, value));
        }
        if (d.dr6() != null) {
            b.dr6(Dr6.write(d.dr6()));
            parts.add(String.format("DR6 = 0x%x", Dr6.write(d.dr6())));
        }
        if (d.dr7() != null) {
            if (hostOwns) v.guestDr7 = Dr7.write(d.dr7());
            else b.dr7(Dr7.write(d.dr7()));
            parts.add(String.format("DR7 = 0x%x", Dr7.write(d.dr7())));
        }
        String owner = hostOwns ? "; with KVM_GUESTDBG_USE_HW_BP they are the guest's own (vcpu->arch.db, dr7): the hardware "
                + "keeps the host's" : "";
        v.step(host, HostStep.Kind.HOST, "KVM_SET_DEBUGREGS", "Userspace calls KVM_SET_DEBUGREGS: " + String.join(", ", parts)
                + owner + from + ".", b.build(), null, KvmRule.KVM_SET_DEBUGREGS);
    }
}
