package dev.shadowstep.run;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.asm.Operand;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.InstructionRule;
import dev.shadowstep.core.cpu.Regs;
import java.util.ArrayList;
import java.util.List;

/**
 * The why of an instruction that no interrupt or debug rule touches: what it did, in words. The
 * one pattern worth naming is an edit of a saved RFLAGS image on the stack (how handlers and
 * tests set or clear TF, RF and IF for POPF or IRET to load).
 */
final class PlainEffect {
    /** RFLAGS bits a scenario sets or clears on purpose, by their kernel names. */
    private static final String[] FLAG_NAMES = new String[22];

    static {
        FLAG_NAMES[8] = "TF";
        FLAG_NAMES[9] = "IF";
        FLAG_NAMES[10] = "DF";
        FLAG_NAMES[14] = "NT";
        FLAG_NAMES[16] = "RF";
        FLAG_NAMES[18] = "AC";
        FLAG_NAMES[21] = "ID";
    }

    private PlainEffect() {}

    /** Returns a sentence saying what {@code i}, whose rule is FRAME_RFLAGS_EDIT or PLAIN, did. */
    static String explain(InstructionRule rule, CpuState b, Instruction i, CpuState a) {
        if (rule == InstructionRule.FRAME_RFLAGS_EDIT) return frameEdit(i);
        List<String> regs = new ArrayList<>();
        for (int r = 0; r < 16 && regs.size() < 3; r++) {
            if (r != Regs.RSP && b.reg(r) != a.reg(r)) {
                regs.add(dev.shadowstep.trace.State.REG_NAMES.get(r) + " = 0x" + Long.toHexString(a.reg(r)));
            }
        }
        String now = regs.isEmpty() ? "" : "Now " + String.join(", ", regs) + "; ";
        String plain = InstructionRule.PLAIN.fill("now", now);
        return now.isEmpty() ? Character.toUpperCase(plain.charAt(0)) + plain.substring(1) : plain;
    }

    /** Returns the sentence for {@code or/and $bits, disp(%rsp)}, which the executor found to edit a saved RFLAGS image. */
    private static String frameEdit(Instruction i) {
        Operand.Imm imm = (Operand.Imm) i.src();
        Operand.Mem m = (Operand.Mem) i.dst();
        boolean set = i.op() == Op.OR;
        long bits = set ? imm.value() : ~imm.value();
        String names = names(bits & 0x3FFFFFL);
        String where = m.disp() == 0 ? "(%rsp)" : m.disp() + "(%rsp)";
        String slot = switch ((int) m.disp()) {
            case 0 -> ", the RFLAGS image a PUSHF left there for POPF to load";
            case 16 -> ", the RFLAGS slot of the interrupt frame (RIP, CS, RFLAGS, RSP, SS) that IRETQ restores";
            case 24 -> ", the RFLAGS slot of a frame with an error code, which IRETQ restores after the code is popped";
            default -> "";
        };
        return InstructionRule.FRAME_RFLAGS_EDIT.fill("verb", set ? "Sets" : "Clears", "flags", names, "where", where,
                "slot", slot);
    }

    private static String names(long bits) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < FLAG_NAMES.length; bit++) {
            if ((bits >>> bit & 1) != 0) out.add(FLAG_NAMES[bit]);
        }
        return String.join(" and ", out);
    }
}
