package dev.shadowstep.core.asm;

/**
 * One operand of a decoded {@link Instruction}.
 *
 * <pre>
 * Operand = Reg(num, size, high8) | Imm(value) | Mem(base, index, scale, disp)
 *         | DebugReg(n) | ControlReg(n) | SegReg(n) | Rel(target)
 * </pre>
 */
public sealed interface Operand {

    /** A general register: num 0-15 (rax=0, rcx=1, rdx=2, rbx=3, rsp=4, rbp=5, rsi=6, rdi=7, r8..r15); size in bytes; high8 for %ah/%ch/%dh/%bh. */
    record Reg(int num, int size, boolean high8) implements Operand {
        public Reg(int num, int size) { this(num, size, false); }
    }

    /** An immediate, already sign- or zero-extended as the encoding defines. */
    record Imm(long value) implements Operand {}

    /**
     * A memory operand: effective address = base + index * scale + disp.
     * base and index are register numbers 0-15, {@link #NONE} for absent, or {@link #RIP}
     * for RIP-relative addressing (disp is then relative to the next instruction's address).
     * {@code addr32} (a 67 prefix) truncates the effective address to 32 bits (SDM Vol. 1, 3.7.5.1).
     */
    record Mem(int base, int index, int scale, long disp, boolean addr32) implements Operand {
        public Mem(int base, int index, int scale, long disp) { this(base, index, scale, disp, false); }

        public static final int NONE = -1;
        public static final int RIP = 16;
    }

    /** %db0-%db7 / %dr0-%dr7 (4 and 5 alias 6 and 7 when CR4.DE=0). */
    record DebugReg(int n) implements Operand {}

    /** %cr0-%cr15; only CR0, CR2, CR3, CR4 and CR8 exist, the others are #UD when used (SDM MOV CR). */
    record ControlReg(int n) implements Operand {}

    /** A segment register: es=0, cs=1, ss=2, ds=3, fs=4, gs=5. */
    record SegReg(int n) implements Operand {
        public static final int SS = 2;
    }

    /** A branch target, as an absolute address (the decoder adds the displacement to the next RIP). */
    record Rel(long target) implements Operand {}
}
