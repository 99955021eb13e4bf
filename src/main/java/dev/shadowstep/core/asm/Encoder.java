package dev.shadowstep.core.asm;

import dev.shadowstep.core.asm.Arg.DebugArg;
import dev.shadowstep.core.asm.Arg.ImmArg;
import dev.shadowstep.core.asm.Arg.MemArg;
import dev.shadowstep.core.asm.Arg.RegArg;
import dev.shadowstep.core.asm.Arg.SegArg;
import dev.shadowstep.core.asm.Expr.Value;
import dev.shadowstep.core.asm.Pattern.Slot;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes one instruction statement with the FIRST {@link InstructionTable} row whose mnemonic,
 * operands, size and predicates match. When no row matches, the most specific reason wins:
 * a value out of range, then a size problem, then a plain operand mismatch.
 */
final class Encoder {
    private Encoder() {}

    /** What the encoder needs from the layout. */
    interface Context {
        Value eval(Expr e);

        /** Returns the value with '.' meaning this statement's address + {@code offset} (a data item's own address). */
        Value evalAt(Expr e, long offset);

        /** Returns this statement's address. */
        long address();

        /** Returns whether relaxation made this branch long (rel32). */
        boolean longBranch();

        /** Returns whether this is the last pass, where every range is checked. */
        boolean finalPass();
    }

    /** The encoding: bytes, the row used, and whether a short branch missed its target (relaxation must grow it). */
    record Encoded(byte[] bytes, Form form, boolean shortOutOfRange) {}

    /** A row that does not fit; {@code priority} ranks how informative the reason is. */
    static final class Mismatch extends RuntimeException {
        final int priority;
        final int col;

        Mismatch(int priority, int col, String message) {
            super(message, null, false, false);
            this.priority = priority;
            this.col = col;
        }
    }

    static final int KIND = 0, SIZE = 1, RANGE = 2, ENCODING = 3;

    /** Returns the encoding of {@code insn}, or throws an {@link AsmFailure} explaining why none fits. */
    static Encoded encode(Statement.Insn insn, Context ctx) {
        String m = widenAlias(insn);
        Text text = insn.text();
        NotModelled.check(m, insn);
        // Candidate rows in table order, each with the size its suffix names (0: no suffix).
        List<Form> forms = new ArrayList<>();
        List<Integer> suffixes = new ArrayList<>();
        for (Form f : InstructionTable.ROWS) {
            for (String name : f.names()) {
                if (m.equals(name)) {
                    forms.add(f);
                    suffixes.add(0);
                } else if (f.suffixed() && m.length() == name.length() + 1 && m.startsWith(name)
                        && suffixSize(m.charAt(m.length() - 1)) > 0) {
                    forms.add(f);
                    suffixes.add(suffixSize(m.charAt(m.length() - 1)));
                }
            }
        }
        if (forms.isEmpty()) throw text.fail(0, "unknown instruction '" + m + "': it is not in shadowstep's x86 subset");
        if (forms.getFirst().op() == Op.INTO) {
            // GNU as 2.40: "`into' is not supported in 64-bit mode".
            throw text.fail(0, "'into' is not supported in 64-bit mode (it is #UD there, SDM Vol. 2 INTO): write .byte 0xce to execute it");
        }
        Mismatch best = null;
        for (int i = 0; i < forms.size(); i++) {
            try {
                return new FormEncoder(forms.get(i), suffixes.get(i), insn, ctx).encode();
            } catch (Mismatch mm) {
                if (best == null || mm.priority >= best.priority) best = mm;
            }
        }
        if (best.priority == KIND) {
            boolean countFits = forms.stream().anyMatch(f -> f.pattern().slots.size() == insn.args().size());
            String what = countFits ? "operand type mismatch for '" : "number of operands mismatch for '";
            throw new AsmFailure(text.line(), text.col(0), what + m + "'" + (best.getMessage().isEmpty() ? "" : ": " + best.getMessage()));
        }
        throw new AsmFailure(text.line(), best.col, best.getMessage());
    }

    /**
     * Returns {@code movzx}/{@code movsx} (and {@code movsxd}) with a register source spelled as GNU as
     * prints them ({@code movzx %al,%eax} is {@code movzbl}); any other mnemonic unchanged.
     */
    private static String widenAlias(Statement.Insn insn) {
        String m = insn.mnemonic();
        boolean zx = m.equals("movzx"), sx = m.equals("movsx") || m.equals("movsxd");
        if ((zx || sx) && insn.args().size() == 2 && insn.args().getFirst() instanceof RegArg from) {
            return (zx ? "movz" : "movs") + suffixChar(from.reg().size());
        }
        return m;
    }

    static int suffixSize(char c) {
        return switch (c) {
            case 'b' -> 1;
            case 'w' -> 2;
            case 'l' -> 4;
            case 'q' -> 8;
            default -> 0;
        };
    }

    static char suffixChar(int size) {
        return switch (size) {
            case 1 -> 'b';
            case 2 -> 'w';
            case 4 -> 'l';
            default -> 'q';
        };
    }

    /** Returns whether an operand fits a pattern slot (kind only; sizes are checked later). */
    static boolean fits(Slot slot, Arg arg) {
        return switch (slot) {
            case REG -> arg instanceof RegArg r && !r.star() && !r.parenthesized();
            case RM -> (arg instanceof RegArg r && !r.star() && !r.parenthesized()) || (arg instanceof MemArg mem && !mem.star());
            case MEM -> arg instanceof MemArg mem && !mem.star();
            case ACC -> arg instanceof RegArg r && !r.star() && !r.parenthesized() && r.reg().num() == 0 && !r.reg().high8();
            case IMM -> arg instanceof ImmArg;
            case TARGET -> arg instanceof MemArg mem && mem.isBareExpression();
            case STAR_RM -> (arg instanceof RegArg r && r.star()) || (arg instanceof MemArg mem && mem.star());
            case DX -> arg instanceof RegArg r && !r.star() && r.reg().num() == 2 && r.reg().size() == 2;
            case DR -> arg instanceof DebugArg;
            case CR -> arg instanceof Arg.ControlArg;
            case SEG -> arg instanceof SegArg;
            case CL -> arg instanceof RegArg r && !r.star() && !r.parenthesized() && r.reg().num() == 1 && r.reg().size() == 1
                    && !r.reg().high8();
        };
    }
}
