package dev.shadowstep.core.cpu;

import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Op;
import java.math.BigInteger;

/**
 * DIV and IDIV (SDM Vol. 2, DIV; IDIV): the dividend is AX (byte), DX:AX, EDX:EAX or RDX:RAX; the
 * quotient goes to AL/AX/EAX/RAX and the remainder to AH/DX/EDX/RDX (IDIV truncates toward zero;
 * the remainder has the dividend's sign). A zero divisor, or a quotient that does not fit the
 * destination, is #DE: a fault, delivered through IDT vector 0 with RIP at the DIV, nothing
 * written. CF, OF, SF, ZF, AF and PF are undefined; this model leaves them unchanged.
 */
final class Divide {
    private Divide() {}

    private static final BigInteger MASK64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** Executes {@code i}; returns its rule. */
    static InstructionRule execute(CpuStateBuilder b, Instruction i, Memory m, long next) {
        int size = i.size();
        int bits = 8 * size;
        boolean signed = i.op() == Op.IDIV;
        String name = signed ? "IDIV" : "DIV";
        long divisorRaw = Operands.read(b, m, i.dst(), size, next);
        if (divisorRaw == 0) {
            throw new CpuFault(CpuFault.DE, -1, 0, name + " by zero raises #DE, a fault: RIP stays at the " + name
                    + " (SDM Vol. 2, " + name + "; Vol. 3A 6.15, Interrupt 0).");
        }
        long rax = b.reg(Regs.RAX), rdx = b.reg(Regs.RDX);
        BigInteger dividend;
        if (size == 1) {
            dividend = BigInteger.valueOf(signed ? (short) rax : rax & 0xFFFF);
        } else {
            BigInteger hi = BigInteger.valueOf(rdx & Operands.mask(size));
            BigInteger lo = BigInteger.valueOf(rax & Operands.mask(size));
            if (size == 8) {
                hi = hi.and(MASK64);
                lo = lo.and(MASK64);
                if (rdx < 0) hi = hi.add(BigInteger.ONE.shiftLeft(64));
                if (rax < 0) lo = lo.add(BigInteger.ONE.shiftLeft(64));
            }
            dividend = hi.shiftLeft(bits).or(lo);
            if (signed && dividend.testBit(2 * bits - 1)) dividend = dividend.subtract(BigInteger.ONE.shiftLeft(2 * bits));
        }
        BigInteger divisor = signed ? BigInteger.valueOf(Operands.signExtend(divisorRaw, size))
                : BigInteger.valueOf(divisorRaw).and(MASK64);
        BigInteger[] qr = dividend.divideAndRemainder(divisor);          // truncates toward zero, as IDIV does
        BigInteger q = qr[0];
        boolean fits = signed
                ? q.bitLength() < bits                                   // -2^(n-1) <= q <= 2^(n-1) - 1
                : q.signum() >= 0 && q.bitLength() <= bits;
        if (!fits) {
            throw new CpuFault(CpuFault.DE, -1, 0, name + ": the quotient of 0x" + dividend.toString(16) + " / 0x"
                    + divisor.toString(16) + " does not fit " + bits + " bits, so it raises #DE, a fault: RIP stays at the "
                    + name + " (SDM Vol. 2, " + name + "; Vol. 3A 6.15, Interrupt 0).");
        }
        long quotient = q.longValue(), remainder = qr[1].longValue();
        if (size == 1) {
            b.reg(Regs.RAX, (rax & ~0xFFFFL) | (quotient & 0xFF) | (remainder & 0xFF) << 8);
        } else {
            Operands.writeReg(b, new dev.shadowstep.core.asm.Operand.Reg(Regs.RAX, size), size, quotient);
            Operands.writeReg(b, new dev.shadowstep.core.asm.Operand.Reg(Regs.RDX, size), size, remainder);
        }
        b.rip(next);
        return InstructionRule.DIVIDES;
    }
}
