package dev.shadowstep.core.asm;

/**
 * An expression as written in the program:
 * <pre>
 * Expr = Num(value) | Sym(name) | Unary(op, Expr) | Binary(op, Expr, Expr)
 *      | Dual(asRead, cRead)   -- the same text grouped by GNU as's and by C's precedence
 * </pre>
 */
sealed interface Expr {

    /** Returns the value, resolving symbols through {@code env}. */
    Value eval(Env env);

    /** Resolves symbol names during evaluation. */
    interface Env {
        /** Returns the symbol's value, or throws an {@link AsmFailure} naming it. */
        Value symbol(Sym sym);
    }

    /**
     * A value. {@code symbolic} when it depends on a label address, which GNU as leaves to the
     * linker, so it never picks a short (8-bit) encoding for it. {@code frag} is the layout
     * fragment of a single already-defined label (+ constant), else -1: the difference of two
     * such labels in the same fragment is a constant for GNU as (see {@link Layout}).
     */
    record Value(long value, boolean symbolic, int frag) {
        static Value of(long v) { return new Value(v, false, -1); }
    }

    record Num(long value) implements Expr {
        public Value eval(Env env) { return Value.of(value); }
    }

    record Sym(String name, int line, int col) implements Expr {
        public Value eval(Env env) { return env.symbol(this); }
    }

    record Unary(char op, Expr operand, int line, int col) implements Expr {
        public Value eval(Env env) {
            Value v = operand.eval(env);
            return switch (op) {
                case '-' -> new Value(-v.value(), v.symbolic(), -1);
                case '~' -> new Value(~v.value(), v.symbolic(), -1);
                case '!' -> new Value(v.value() == 0 ? 1 : 0, v.symbolic(), -1);
                default -> v;
            };
        }
    }

    record Binary(String op, Expr left, Expr right, int line, int col) implements Expr {
        public Value eval(Env env) {
            Value a = left.eval(env);
            Value b = right.eval(env);
            long x = a.value();
            long y = b.value();
            if ((op.equals("/") || op.equals("%")) && y == 0) throw new AsmFailure(line, col, "division by zero");
            long r = switch (op) {
                case "+" -> x + y;
                case "-" -> x - y;
                case "*" -> x * y;
                case "/" -> x / y;
                case "%" -> x % y;
                case "<<" -> y >= 64 || y < 0 ? 0 : x << y;
                case ">>" -> y >= 64 || y < 0 ? 0 : x >>> y;      // GNU as shifts unsigned (valueT)
                case "&" -> x & y;
                case "|" -> x | y;
                case "^" -> x ^ y;
                default -> throw new IllegalStateException(op);
            };
            if (op.equals("-") && a.frag() >= 0 && a.frag() == b.frag()) return Value.of(r);
            boolean additive = op.equals("+") || op.equals("-");
            if (additive && a.frag() >= 0 && !b.symbolic()) return new Value(r, true, a.frag());
            if (op.equals("+") && b.frag() >= 0 && !a.symbolic()) return new Value(r, true, b.frag());
            return new Value(r, a.symbolic() || b.symbolic(), -1);
        }
    }

    /**
     * The same tokens grouped by GNU as's precedence and by C's. They differ only when the text
     * mixes levels without parentheses (GNU as binds {@code << & |} tighter than {@code + -});
     * if the two values differ, the expression is an error asking for parentheses.
     */
    record Dual(Expr asRead, Expr cRead, int line, int col) implements Expr {
        public Value eval(Env env) {
            Value a = asRead.eval(env);
            Value c = cRead.eval(env);
            if (a.value() != c.value()) {
                throw new AsmFailure(line, col, String.format(
                        "ambiguous operator precedence: GNU as reads this as 0x%x, C as 0x%x; add parentheses",
                        a.value(), c.value()));
            }
            return a;
        }
    }
}
