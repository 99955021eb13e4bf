package dev.shadowstep.core.asm;

import java.util.List;
import java.util.Map;

/**
 * Parses expressions: decimal, {@code 0x} hex, {@code 0b} binary, leading-0 octal (as GNU as),
 * character literals ({@code 'k'} or {@code 'k}), symbols, numeric local label references
 * ({@code 1b}, {@code 1f}), unary {@code - ~ + !} and binary {@code * / % << >> & ^ | + -}.
 * Each expression is grouped twice, by GNU as's precedence and by C's (see {@link Expr.Dual}).
 */
final class ExprParser {

    /** GNU as (Infix Operators): {@code * / % << >>} bind tighter than {@code & ^ |}, which bind tighter than {@code + -}. */
    private static final Map<String, Integer> AS_PRECEDENCE = Map.of(
            "*", 3, "/", 3, "%", 3, "<<", 3, ">>", 3, "&", 2, "^", 2, "|", 2, "+", 1, "-", 1);
    /** C: {@code * / %}, then {@code + -}, then shifts, then {@code &}, {@code ^}, {@code |}. */
    private static final Map<String, Integer> C_PRECEDENCE = Map.of(
            "*", 6, "/", 6, "%", 6, "+", 5, "-", 5, "<<", 4, ">>", 4, "&", 3, "^", 2, "|", 1);
    private static final List<String> OPERATORS = List.of("<<", ">>", "*", "/", "%", "&", "^", "|", "+", "-");

    /** Resolves {@code Nb}/{@code Nf} to the internal name of a numeric local label. */
    interface LocalLabels {
        String resolve(int number, boolean forward);
    }

    private final Cursor in;
    private final LocalLabels locals;
    private Map<String, Integer> precedence;

    private ExprParser(Cursor in, LocalLabels locals) {
        this.in = in;
        this.locals = locals;
    }

    /** Parses one expression at the cursor, which ends after it. */
    static Expr parse(Cursor in, LocalLabels locals) {
        ExprParser p = new ExprParser(in, locals);
        int start = in.pos;
        int line = in.line();
        int col = in.col();
        p.precedence = AS_PRECEDENCE;
        Expr asRead = p.binary(0);
        int end = in.pos;
        in.pos = start;
        p.precedence = C_PRECEDENCE;
        Expr cRead = p.binary(0);
        in.pos = end;
        return asRead.equals(cRead) ? asRead : new Expr.Dual(asRead, cRead, line, col);
    }

    private Expr binary(int minPrec) {
        Expr left = unary();
        while (true) {
            String op = peekOperator();
            if (op == null) return left;
            int prec = precedence.get(op);
            if (prec <= minPrec) return left;
            int line = in.line();
            int col = in.col();
            in.eat(op);
            Expr right = binary(prec);
            left = new Expr.Binary(op, left, right, line, col);
        }
    }

    private String peekOperator() {
        in.skipSpaces();
        for (String op : OPERATORS) {
            if (in.text.s().startsWith(op, in.pos)) return op;
        }
        return null;
    }

    private Expr unary() {
        char c = in.peek();
        int line = in.line();
        int col = in.col();
        if (c == '-' || c == '~' || c == '+' || c == '!') {
            in.pos++;
            return new Expr.Unary(c, unary(), line, col);
        }
        return primary();
    }

    private Expr primary() {
        char c = in.peek();
        int col = in.col();
        if (c == '(') {
            in.pos++;
            Expr inner = binary(0);
            if (!in.eat(")")) throw in.fail("missing ')' in expression");
            return inner;
        }
        if (c == '\'') return charLiteral();
        if (Character.isDigit(c)) return number();
        String name = in.symbol();
        if (name != null) return new Expr.Sym(name, in.line(), col);
        throw in.fail(c == 0 ? "missing expression" : "expected a number or symbol, found '" + c + "'");
    }

    private Expr charLiteral() {
        Text t = in.text;
        int i = in.pos + 1;
        if (i >= t.length()) throw in.fail("empty character literal");
        char c = t.charAt(i);
        if (c == '\\' && i + 1 < t.length()) {
            char e = t.charAt(++i);
            c = switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case '0' -> '\0';
                default -> e;
            };
        }
        i++;
        if (i < t.length() && t.charAt(i) == '\'') i++;
        in.pos = i;
        return new Expr.Num(c);
    }

    private Expr number() {
        Text t = in.text;
        int start = in.pos;
        int i = start;
        while (i < t.length() && Character.isLetterOrDigit(t.charAt(i))) i++;
        String s = t.s().substring(start, i);
        in.pos = i;
        if (s.matches("[0-9]+[bf]")) {
            int n = Integer.parseInt(s.substring(0, s.length() - 1));
            return new Expr.Sym(locals.resolve(n, s.endsWith("f")), in.line(), t.col(start));
        }
        try {
            String lower = s.toLowerCase();
            if (lower.startsWith("0x")) return new Expr.Num(Long.parseUnsignedLong(lower.substring(2), 16));
            if (lower.startsWith("0b")) return new Expr.Num(Long.parseUnsignedLong(lower.substring(2), 2));
            if (lower.length() > 1 && lower.startsWith("0")) return new Expr.Num(Long.parseUnsignedLong(lower.substring(1), 8));
            return new Expr.Num(Long.parseUnsignedLong(lower));
        } catch (NumberFormatException e) {
            throw new AsmFailure(in.line(), t.col(start), "bad number '" + s + "'");
        }
    }
}
