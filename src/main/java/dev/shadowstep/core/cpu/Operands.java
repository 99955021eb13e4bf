package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Operand;

/** Reads and writes instruction operands with x86-64 sizing rules. */
public final class Operands {
    private Operands() {}

    /** Returns the all-ones mask of an operand size in bytes. */
    static long mask(int size) {
        return size == 8 ? -1L : (1L << (8 * size)) - 1;
    }

    /** Returns the sign bit of an operand size. */
    static long signBit(int size) {
        return 1L << (8 * size - 1);
    }

    /** Returns {@code v} sign-extended from {@code size} bytes. */
    static long signExtend(long v, int size) {
        int shift = 64 - 8 * size;
        return (v << shift) >> shift;
    }

    /** Returns the effective address of a memory operand (RIP-relative uses the next instruction's address). */
    /** Returns the effective address of {@code m} in state {@code s} ({@code nextRip} for RIP-relative operands). */
    public static long effectiveAddress(CpuState s, Operand.Mem m, long nextRip) {
        return address(s.toBuilder(), m, nextRip);
    }

    static long address(CpuStateBuilder b, Operand.Mem m, long nextRip) {
        long ea = m.disp();
        if (m.base() == Operand.Mem.RIP) {
            ea += nextRip;
        } else if (m.base() != Operand.Mem.NONE) {
            ea += b.reg(m.base());
        }
        if (m.index() != Operand.Mem.NONE) {
            ea += b.reg(m.index()) * m.scale();
        }
        // With a 67 prefix the address size is 32 bits: the sum is truncated, then zero-extended (SDM Vol. 1, 3.7.5.1).
        return m.addr32() ? ea & 0xFFFFFFFFL : ea;
    }

    /** Returns the value of a register, immediate or memory operand, zero-extended from {@code size}. */
    static long read(CpuStateBuilder b, Memory mem, Operand op, int size, long nextRip) {
        return switch (op) {
            case Operand.Reg r -> readReg(b, r, size);
            case Operand.Imm imm -> imm.value() & mask(size);
            case Operand.Mem m -> load(b, mem, address(b, m, nextRip), size);
            default -> throw new IllegalStateException("operand " + op + " cannot be read as a value");
        };
    }

    /** Writes a register or memory operand: 32-bit register writes zero-extend, 8/16-bit writes merge. */
    static void write(CpuStateBuilder b, Memory mem, Operand op, int size, long value, long nextRip) {
        switch (op) {
            case Operand.Reg r -> writeReg(b, r, size, value);
            case Operand.Mem m -> store(b, mem, address(b, m, nextRip), size, value);
            default -> throw new IllegalStateException("operand " + op + " cannot be written");
        }
    }

    /** Loads {@code size} bytes at {@code address}: from the xAPIC page when it claims them ({@link ApicMmio}), else memory. */
    static long load(CpuStateBuilder b, Memory mem, long address, int size) {
        return ApicMmio.claims(b, address, size) ? ApicMmio.load(b, mem, address, size) : mem.read(address, size);
    }

    /** Stores {@code size} bytes at {@code address}: to the xAPIC page when it claims them ({@link ApicMmio}), else memory. */
    static void store(CpuStateBuilder b, Memory mem, long address, int size, long value) {
        if (ApicMmio.claims(b, address, size)) ApicMmio.store(b, mem, address, size, value);
        else mem.write(address, size, value);
    }

    static long readReg(CpuStateBuilder b, Operand.Reg r, int size) {
        if (r.high8()) return (b.reg(r.num()) >>> 8) & 0xFF;
        return b.reg(r.num()) & mask(size);
    }

    static void writeReg(CpuStateBuilder b, Operand.Reg r, int size, long value) {
        long old = b.reg(r.num());
        long v = switch (size) {
            case 8 -> value;
            case 4 -> value & 0xFFFFFFFFL;
            case 2 -> (old & ~0xFFFFL) | (value & 0xFFFFL);
            default -> r.high8() ? (old & ~0xFF00L) | ((value & 0xFF) << 8) : (old & ~0xFFL) | (value & 0xFFL);
        };
        b.reg(r.num(), v);
    }

    /** Pushes {@code size} bytes (RSP -= size, then store). */
    static void push(CpuStateBuilder b, Memory mem, long value, int size) {
        long rsp = b.reg(Regs.RSP) - size;
        mem.write(rsp, size, value);
        b.reg(Regs.RSP, rsp);
    }

    /** Pops {@code size} bytes (load, then RSP += size). */
    static long pop(CpuStateBuilder b, Memory mem, int size) {
        long rsp = b.reg(Regs.RSP);
        long v = mem.read(rsp, size);
        b.reg(Regs.RSP, rsp + size);
        return v;
    }
}
