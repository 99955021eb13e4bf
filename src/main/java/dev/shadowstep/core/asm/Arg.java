package dev.shadowstep.core.asm;

/**
 * One operand as written in a source statement:
 * <pre>
 * Arg = RegArg(%reg) | ImmArg($expr) | MemArg(disp(base, index, scale) or a bare expression)
 *     | DebugArg(%drN) | ControlArg(%crN) | SegArg(%sreg)
 * </pre>
 * {@code star} marks an indirect branch operand ({@code *%rax}, {@code *(%rax)}).
 */
sealed interface Arg {
    int col();

    /** A general register; {@code parenthesized} for the {@code (%dx)} port spelling. */
    record RegArg(Registers.Gpr reg, boolean star, boolean parenthesized, int col) implements Arg {}

    record ImmArg(Expr value, int col) implements Arg {}

    /**
     * A memory operand or a bare expression (a branch target, or an absolute address).
     * base/index are register numbers, {@link Operand.Mem#NONE} or {@link Operand.Mem#RIP};
     * disp is null when absent.
     */
    record MemArg(int base, int index, int scale, Expr disp, boolean star, int col) implements Arg {
        boolean isBareExpression() {
            return base == Operand.Mem.NONE && index == Operand.Mem.NONE && disp != null && !star;
        }
    }

    record DebugArg(int n, int col) implements Arg {}

    record ControlArg(int n, int col) implements Arg {}

    record SegArg(int n, int col) implements Arg {}
}
