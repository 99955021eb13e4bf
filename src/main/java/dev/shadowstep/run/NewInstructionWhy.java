package dev.shadowstep.run;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import dev.shadowstep.core.asm.Operand;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.InstructionRule;
import dev.shadowstep.core.cpu.Regs;
import dev.shadowstep.core.cpu.Rflags;

/** The step values in the whys of the bit-test, divide, extension and cache instructions. */
final class NewInstructionWhy {
    private NewInstructionWhy() {}

    static String fill(InstructionRule rule, CpuState b, Instruction i, CpuState a) {
        String name = i.op().name();
        return switch (rule) {
            case BIT_TEST -> {
                String change = switch (i.op()) {
                    case BTS -> ", then set it";
                    case BTR -> ", then cleared it";
                    case BTC -> ", then complemented it";
                    default -> "";
                };
                String bit = i.src() instanceof Operand.Imm imm ? String.valueOf(imm.value() & (8L * i.size() - 1))
                        : "(the offset in the source register)";
                yield rule.fill("name", name, "bit", bit, "cf", a.flag(Rflags.CF) ? "1" : "0", "change", change);
            }
            case DIVIDES -> {
                long mask = i.size() == 8 ? -1L : (1L << (8 * i.size())) - 1;
                long q = i.size() == 1 ? a.reg(Regs.RAX) & 0xFF : a.reg(Regs.RAX) & mask;
                long r = i.size() == 1 ? (a.reg(Regs.RAX) >>> 8) & 0xFF : a.reg(Regs.RDX) & mask;
                yield rule.fill("name", name, "q", "0x" + Long.toHexString(q), "r", "0x" + Long.toHexString(r));
            }
            case EXTENDS -> rule.fill("name", name.toLowerCase() + suffix(i.size()),
                    "how", i.op().signExtends() ? "sign" : "zero", "from", String.valueOf(8 * i.op().sourceSize()),
                    "to", String.valueOf(8 * i.size()), "sdm", i.op().signExtends() ? "MOVSX/MOVSXD" : "MOVZX");
            case CACHE_NOT_MODELLED -> rule.fill("name", i.op() == Op.WBINVD ? "WBINVD" : "INVD");
            case RDTSC_READS_COUNT -> rule.fill("name", name, "tsc",
                    String.valueOf((a.reg(Regs.RDX) << 32) | (a.reg(Regs.RAX) & 0xFFFFFFFFL)),
                    "aux", i.op() == Op.RDTSCP ? "; ECX = IA32_TSC_AUX = 0" : "");
            default -> rule.sentence();
        };
    }

    private static String suffix(int size) {
        return switch (size) {
            case 2 -> "w";
            case 4 -> "l";
            default -> "q";
        };
    }
}
