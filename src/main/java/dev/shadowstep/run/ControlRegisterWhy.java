package dev.shadowstep.run;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.cpu.ControlRegisterAccess;
import dev.shadowstep.core.cpu.ControlRegisters;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.InstructionRule;
import dev.shadowstep.trace.State;
import java.util.ArrayList;
import java.util.List;

/** The values in the why of a MOV to or from a control register: the value, and what its changed bits do. */
final class ControlRegisterWhy {
    private ControlRegisterWhy() {}

    static String fill(InstructionRule rule, CpuState b, Instruction i, CpuState a) {
        int n = ControlRegisterAccess.crNumber(i);
        return switch (rule) {
            case MOV_TO_CR0 -> rule.fill("value", hex(a.cr0()), "change", cr0Change(b.cr0(), a.cr0()));
            case MOV_TO_CR2 -> rule.fill("value", hex(a.cr2()));
            case MOV_TO_CR3 -> rule.fill("value", hex(a.cr3()));
            case MOV_TO_CR4 -> rule.fill("value", hex(a.cr4()), "change", cr4Change(b.cr4(), a.cr4()));
            case MOV_TO_CR8 -> rule.fill("value", hex(a.cr8()), "tpr", hex(a.apic().tpr()), "irq",
                    a.apic().deliverable() >= 0 && b.apic().deliverable() < 0
                            ? "; IRQ 0x" + Integer.toHexString(a.apic().deliverable()) + " is now above the processor priority"
                            : "");
            case MOV_FROM_CR -> rule.fill("reg", "%" + State.REG_NAMES.get(ControlRegisterAccess.gprNumber(i)), "n", String.valueOf(n),
                    "value", hex(ControlRegisterAccess.read(b, n)),
                    "note", n == 8 ? " (CR8 reads TPR[7:4]; TPR is " + hex(b.apic().tpr()) + ", SDM Vol. 3A 11.8.6)" : "");
            default -> rule.sentence();
        };
    }

    private static String cr0Change(long before, long after) {
        List<String> changes = new ArrayList<>();
        bit(changes, before, after, ControlRegisters.CR0_TS, "TS");
        bit(changes, before, after, ControlRegisters.CR0_WP, "WP");
        bit(changes, before, after, ControlRegisters.CR0_CD, "CD");
        bit(changes, before, after, ControlRegisters.CR0_NW, "NW");
        bit(changes, before, after, ControlRegisters.CR0_AM, "AM");
        bit(changes, before, after, ControlRegisters.CR0_MP, "MP");
        bit(changes, before, after, ControlRegisters.CR0_EM, "EM");
        bit(changes, before, after, ControlRegisters.CR0_NE, "NE");
        return changes.isEmpty() ? "no modelled bit changed" : String.join(", ", changes);
    }

    private static String cr4Change(long before, long after) {
        List<String> changes = new ArrayList<>();
        if (((before ^ after) & ControlRegisters.CR4_DE) != 0) {
            changes.add((after & ControlRegisters.CR4_DE) != 0 ? "DE 0->1: DR4 and DR5 now raise #UD"
                    : "DE 1->0: DR4 and DR5 now alias DR6 and DR7 (SDM Vol. 3B 18.2.2)");
        }
        if (((before ^ after) & ControlRegisters.CR4_VMXE) != 0) {
            changes.add((after & ControlRegisters.CR4_VMXE) != 0 ? "VMXE 0->1: VMXON is allowed" : "VMXE 1->0");
        }
        if (((before ^ after) & ControlRegisters.CR4_TSD) != 0) {
            changes.add((after & ControlRegisters.CR4_TSD) != 0 ? "TSD 0->1: RDTSC and RDTSCP are #GP at CPL 3" : "TSD 1->0");
        }
        long other = (before ^ after) & ~(ControlRegisters.CR4_DE | ControlRegisters.CR4_VMXE | ControlRegisters.CR4_TSD);
        if (other != 0) changes.add("bits " + hex(other) + " toggled, which this model only holds");
        return changes.isEmpty() ? "no bit changed" : String.join("; ", changes);
    }

    private static void bit(List<String> changes, long before, long after, long bit, String name) {
        if (((before ^ after) & bit) != 0) changes.add(name + ((after & bit) != 0 ? " 0->1" : " 1->0"));
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
