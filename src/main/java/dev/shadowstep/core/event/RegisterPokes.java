package dev.shadowstep.core.event;

import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.CpuStateBuilder;
import dev.shadowstep.core.cpu.Dr6;
import dev.shadowstep.core.cpu.Dr7;
import dev.shadowstep.core.cpu.Rflags;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The host writing registers between two guest instructions: KVM_SET_REGS and KVM_SET_DEBUGREGS under
 * KVM (the selftests' vcpu_regs_set, vcpu_skip_insn), a debugger on bare metal. Nothing else changes:
 * the interrupt shadow, pending debug exceptions and the APIC stay as they are.
 */
final class RegisterPokes {
    private static final String[] REG_NAMES = {"RAX", "RCX", "RDX", "RBX", "RSP", "RBP", "RSI", "RDI",
        "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15"};
    private static final String[] FLAG_NAMES = {"CF", null, "PF", null, "AF", null, "ZF", "SF", "TF", "IF", "DF", "OF",
        null, null, "NT", null, "RF", null, "AC", "VIF", "VIP", "ID"};

    private RegisterPokes() {}

    /** Returns the state after KVM_SET_REGS: RIP absolute or moved, RFLAGS replaced and/or bits set and cleared, GPRs. */
    static CpuState setRegs(CpuState s, HostAction.Effect.SetRegs r) {
        CpuStateBuilder b = s.toBuilder();
        b.rip(r.rip() != null ? r.rip() : s.rip() + r.ripAdd());
        long flags = r.rflags() != null ? r.rflags() : s.rflags();
        b.rflags((flags | r.setFlags()) & ~r.clearFlags() | Rflags.FIXED_1);
        r.regs().forEach(b::reg);
        return b.build();
    }

    /** Returns the state after KVM_SET_DEBUGREGS: DR6 and DR7 keep their fixed bits, as after a MOV to DR6/DR7 (SDM Vol. 3B 18.2.3, 18.2.4). */
    static CpuState setDebugRegs(CpuState s, HostAction.Effect.SetDebugRegs d) {
        CpuStateBuilder b = s.toBuilder();
        for (int n = 0; n < 4; n++) {
            if (d.dr().get(n) != null) b.dr(n, d.dr().get(n));
        }
        if (d.dr6() != null) b.dr6(Dr6.write(d.dr6()));
        if (d.dr7() != null) b.dr7(Dr7.write(d.dr7()));
        return b.build();
    }

    /** Returns what the action writes, e.g. {@code sets RIP -= 7 and sets TF (KVM_SET_REGS; ...)}. */
    static String describe(HostAction.Effect.SetRegs r) {
        List<String> parts = new ArrayList<>();
        if (r.rip() != null) {
            parts.add(String.format("RIP = 0x%x", r.rip()));
        } else if (r.ripAdd() != 0) {
            parts.add("RIP " + (r.ripAdd() < 0 ? "-= " + -r.ripAdd() : "+= " + r.ripAdd()));
        }
        if (r.rflags() != null) parts.add(String.format("RFLAGS = 0x%x", r.rflags()));
        if (r.setFlags() != 0) parts.add("sets " + flagNames(r.setFlags()));
        if (r.clearFlags() != 0) parts.add("clears " + flagNames(r.clearFlags()));
        new TreeMap<>(r.regs()).forEach((n, v) -> parts.add(String.format("%s = 0x%x", REG_NAMES[n], v)));
        return "writes " + String.join(", ", parts) + " (KVM_SET_REGS under KVM, as the selftests' vcpu_regs_set does; "
                + "on bare metal, a debugger writing the registers between two instructions)";
    }

    /** Returns what the action writes, e.g. {@code DR0 = 0x401005, DR7 = 0x402}. */
    static String describe(HostAction.Effect.SetDebugRegs d) {
        List<String> parts = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            if (d.dr().get(n) != null) parts.add(String.format("DR%d = 0x%x", n, d.dr().get(n)));
        }
        if (d.dr6() != null) parts.add(String.format("DR6 = 0x%x", Dr6.write(d.dr6())));
        if (d.dr7() != null) parts.add(String.format("DR7 = 0x%x", Dr7.write(d.dr7())));
        return "writes " + String.join(", ", parts) + " (KVM_SET_DEBUGREGS under KVM; on bare metal, a debugger writing "
                + "them between two instructions; DR6 and DR7 keep their fixed bits: DR6, SDM Vol. 3B 18.2.3; DR7, SDM Vol. 3B 18.2.4)";
    }

    private static String flagNames(long mask) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < FLAG_NAMES.length; bit++) {
            if ((mask & 1L << bit) != 0 && FLAG_NAMES[bit] != null) names.add(FLAG_NAMES[bit]);
        }
        return String.join(" and ", names);
    }
}
