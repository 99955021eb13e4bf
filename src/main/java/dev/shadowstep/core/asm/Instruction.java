package dev.shadowstep.core.asm;

/**
 * A decoded instruction, what the CPU executes.
 *
 * @param op        what it does
 * @param size      operand size in bytes (1, 2, 4 or 8); for instructions without a
 *                  sized operand, the natural size (8 for push/pop/call/ret/iretq, 4 for
 *                  iretl, 0 where meaningless)
 * @param dst       the destination operand (AT&T's last operand), or null
 * @param src       the source operand (AT&T's first operand of two), or null
 * @param cond      for JCC the condition code 0-15 (o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g); else -1
 * @param length    encoded length in bytes, prefixes included
 */
public record Instruction(Op op, int size, Operand dst, Operand src, int cond, int length) {}
