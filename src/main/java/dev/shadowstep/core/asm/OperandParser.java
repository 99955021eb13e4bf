package dev.shadowstep.core.asm;

import dev.shadowstep.core.asm.Operand.Mem;

/** Parses one AT&T operand: {@code %reg}, {@code $expr}, {@code disp(%base,%index,scale)}, {@code expr}, {@code *...}. */
final class OperandParser {
    private OperandParser() {}

    /** Parses the whole operand text (one comma-separated piece). */
    static Arg parse(Text text, ExprParser.LocalLabels locals) {
        Cursor in = new Cursor(text);
        int col = in.col();
        boolean star = in.eat("*");
        Arg arg;
        if (in.peek() == '%') {
            arg = register(in, star, col);
        } else if (in.peek() == '$') {
            if (star) throw in.fail("'*' cannot precede an immediate");
            in.pos++;
            arg = new Arg.ImmArg(ExprParser.parse(in, locals), col);
        } else {
            arg = memory(in, star, col, locals);
        }
        if (!in.atEnd()) throw in.fail("unexpected '" + in.peek() + "' in operand '" + text.s().trim() + "'");
        return arg;
    }

    private static Arg register(Cursor in, boolean star, int col) {
        String name = registerName(in);
        Registers.Gpr gpr = Registers.gpr(name);
        if (in.peek() == ':') throw in.fail("segment overrides (%" + name + ":) are not supported");
        if (gpr != null) return new Arg.RegArg(gpr, star, false, col);
        if (!star && Registers.debug(name) >= 0) return new Arg.DebugArg(Registers.debug(name), col);
        if (!star && Registers.control(name) >= 0) return new Arg.ControlArg(Registers.control(name), col);
        if (!star && Registers.segment(name) >= 0) return new Arg.SegArg(Registers.segment(name), col);
        if (name.equals("rip")) throw new AsmFailure(in.line(), col, "%rip can only be a memory base: write label(%rip)");
        throw new AsmFailure(in.line(), col, "bad register name '%" + name + "'");
    }

    private static String registerName(Cursor in) {
        in.eat("%");
        int start = in.pos;
        while (in.pos < in.text.length() && Character.isLetterOrDigit(in.text.charAt(in.pos))) in.pos++;
        return in.text.s().substring(start, in.pos).toLowerCase();
    }

    private static Arg memory(Cursor in, boolean star, int col, ExprParser.LocalLabels locals) {
        Expr disp = null;
        boolean parenFirst = in.peek() == '(' && (in.peekAt(1) == '%' || in.peekAt(1) == ',' || nextNonSpaceAfterParen(in) == '%');
        if (!parenFirst) disp = ExprParser.parse(in, locals);
        if (!in.eat("(")) return new Arg.MemArg(Mem.NONE, Mem.NONE, 1, disp, star, col);
        int base = Mem.NONE;
        int index = Mem.NONE;
        int scale = 1;
        if (in.peek() == '%') {
            int regCol = in.col();
            String name = registerName(in);
            if (name.equals("dx") && disp == null && in.peek() == ')') {
                in.eat(")");
                return new Arg.RegArg(Registers.gpr("dx"), star, true, col);
            }
            base = addressRegister(name, in, regCol, true);
        }
        if (in.eat(",")) {
            if (in.peek() == '%') {
                int regCol = in.col();
                index = addressRegister(registerName(in), in, regCol, false);
                if (in.eat(",")) {
                    int scaleCol = in.col();
                    Expr.Value v = ExprParser.parse(in, (n, f) -> { throw in.fail("bad scale"); }).eval(sym -> {
                        throw new AsmFailure(in.line(), scaleCol, "scale must be 1, 2, 4 or 8");
                    });
                    if (v.value() != 1 && v.value() != 2 && v.value() != 4 && v.value() != 8) {
                        throw new AsmFailure(in.line(), scaleCol, "scale must be 1, 2, 4 or 8, not " + v.value());
                    }
                    scale = (int) v.value();
                }
            } else {
                throw in.fail("expected an index register after ','");
            }
        }
        if (!in.eat(")")) throw in.fail("expected ')' to close the memory operand");
        if (base == Mem.RIP && index != Mem.NONE) {
            throw new AsmFailure(in.line(), col, "%rip cannot be combined with an index register");
        }
        return new Arg.MemArg(base, index, scale, disp, star, col);
    }

    private static char nextNonSpaceAfterParen(Cursor in) {
        int i = in.pos + 1;
        while (i < in.text.length() && Character.isWhitespace(in.text.charAt(i))) i++;
        return i < in.text.length() ? in.text.charAt(i) : 0;
    }

    private static int addressRegister(String name, Cursor in, int col, boolean isBase) {
        if (isBase && name.equals("rip")) return Mem.RIP;
        Registers.Gpr gpr = Registers.gpr(name);
        if (gpr == null) throw new AsmFailure(in.line(), col, "bad register name '%" + name + "'");
        if (gpr.size() != 8) {
            throw new AsmFailure(in.line(), col, "'%" + name + "' cannot address memory: use a 64-bit register");
        }
        if (!isBase && gpr.num() == 4) throw new AsmFailure(in.line(), col, "%rsp cannot be an index register");
        return gpr.num();
    }
}
