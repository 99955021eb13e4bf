package dev.shadowstep.core.asm;

import java.util.List;

/**
 * One row of the {@link InstructionTable}: an instruction form with its only encoding.
 *
 * @param op       what the form does
 * @param names    AT&T mnemonics; the first is the one the disassembler prints
 * @param suffixed whether a b/w/l/q suffix may follow a name (it must name a size in {@code sizes})
 * @param pattern  the operands and where they are encoded
 * @param opcode   opcode bytes, prefixes excluded (for register-in-opcode forms the +0 value)
 * @param digit    the ModRM.reg /digit, or -1
 * @param sizes    allowed operand sizes as a bit set of byte counts (1|2|4|8), 0 for none
 * @param stack64  the default operand size is 64 bits without REX.W (push, pop, branches,
 *                 debug-register moves); 66 selects 16 bits
 * @param cond     the condition code 0-15 for JCC, else -1
 */
record Form(Op op, List<String> names, boolean suffixed, Pattern pattern, int[] opcode, int digit,
            int sizes, boolean stack64, int cond) {
    static final int B = 1, W = 2, L = 4, Q = 8;

    Form {
        names = List.copyOf(names);
        opcode = opcode.clone();
    }

    /** Returns whether this form allows operand size {@code size} (1, 2, 4 or 8). */
    boolean allows(int size) {
        return (sizes & size) != 0;
    }

    /** Returns the one size the form allows, or 0 when it allows several or none. */
    int onlySize() {
        return Integer.bitCount(sizes) == 1 ? sizes : 0;
    }

    /**
     * Returns the size used when neither a suffix nor a register gives one: 64 bits for stack
     * and branch forms, the size the name implies for unsuffixed names ({@code iretq}); else 0,
     * an error (GNU as guesses 'l' with a warning; shadowstep never guesses).
     */
    int defaultSize() {
        if (stack64 && allows(Q)) return Q;
        return suffixed ? 0 : onlySize();
    }

    /** Returns the first name, the one the disassembler prints. */
    String mnemonic() { return names.getFirst(); }

    @Override
    public String toString() {
        StringBuilder hex = new StringBuilder();
        for (int b : opcode) hex.append(String.format("%02x ", b));
        return names + " " + pattern + " " + hex.toString().trim() + (digit >= 0 ? " /" + digit : "");
    }
}
