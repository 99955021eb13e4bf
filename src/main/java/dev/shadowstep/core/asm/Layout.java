package dev.shadowstep.core.asm;

import dev.shadowstep.core.asm.Expr.Value;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places statements at addresses and relaxes branches the way GNU as does: every jmp/jcc to a
 * label starts short (rel8); after each full layout, short branches whose target is out of
 * reach grow to rel32; repeat until nothing grows (branches never shrink, so this ends).
 * Also numbers GNU as's "fragments": a relaxable branch or an alignment ends one, and only the
 * difference of two labels already defined in the same fragment is a constant at parse time.
 */
final class Layout {
    private final List<Statement> statements;
    private final Symbols symbols;
    private final Map<String, Long> dataAddresses;
    final long[] address;
    final boolean[] longBranch;
    private final int[] frag;

    Layout(List<Statement> statements, Symbols symbols, long base, Map<String, Long> dataAddresses) {
        this.statements = statements;
        this.symbols = symbols;
        this.dataAddresses = dataAddresses;
        int n = statements.size();
        this.address = new long[n + 1];
        this.longBranch = new boolean[n];
        this.frag = new int[n + 1];
        for (int i = 0; i < n; i++) frag[i + 1] = frag[i] + (endsFragment(statements.get(i)) ? 1 : 0);
        java.util.Arrays.fill(address, base);
    }

    /** Lays the code out until no branch grows; returns the end address of the code. */
    long relax(long base) {
        for (int round = 0; round < 10_000; round++) {
            long pc = base;
            for (int i = 0; i < statements.size(); i++) {
                address[i] = pc;
                pc += sizeOrZero(i);
            }
            address[statements.size()] = pc;
            boolean grew = false;
            for (int i = 0; i < statements.size(); i++) {
                if (!longBranch[i] && isRelaxable(statements.get(i)) && shortMisses(i)) {
                    longBranch[i] = true;
                    grew = true;
                }
            }
            if (!grew) return pc;
        }
        throw new IllegalStateException("branch relaxation did not converge");
    }

    private int sizeOrZero(int i) {
        try {
            return encode(i, false).length;
        } catch (AsmFailure f) {
            return 0;                       // reported by the final pass
        }
    }

    private boolean shortMisses(int i) {
        try {
            return Encoder.encode((Statement.Insn) statements.get(i), context(i, false)).shortOutOfRange();
        } catch (AsmFailure f) {
            return false;
        }
    }

    /** Returns the bytes of statement {@code i} at its current address; {@code finalPass} checks every range. */
    byte[] encode(int i, boolean finalPass) {
        Statement s = statements.get(i);
        Encoder.Context ctx = context(i, finalPass);
        return switch (s) {
            case Statement.Insn insn -> Encoder.encode(insn, ctx).bytes();
            case Statement.Data data -> DataEncoder.data(data, ctx);
            case Statement.Align align -> DataEncoder.align(align, ctx);
            case Statement.Skip skip -> DataEncoder.skip(skip, ctx);
            case Statement.Fep fep -> Statement.Fep.BYTES.clone();
        };
    }

    /** Returns the table row instruction {@code i} is encoded with, or null for data (the table coverage test asks). */
    Form formAt(int i) {
        return statements.get(i) instanceof Statement.Insn insn ? Encoder.encode(insn, context(i, true)).form() : null;
    }

    private Encoder.Context context(int i, boolean finalPass) {
        return new Encoder.Context() {
            public Value eval(Expr e) { return e.eval(new Env(i, 0)); }
            public Value evalAt(Expr e, long offset) { return e.eval(new Env(i, offset)); }
            public long address() { return address[i]; }
            public boolean longBranch() { return longBranch[i]; }
            public boolean finalPass() { return finalPass; }
        };
    }

    /** Resolves symbols for statement {@code current}. */
    private final class Env implements Expr.Env {
        private final int current;
        private final long dotOffset;
        private final Set<String> resolving = new HashSet<>();

        Env(int current, long dotOffset) {
            this.current = current;
            this.dotOffset = dotOffset;
        }

        public Value symbol(Expr.Sym sym) {
            if (sym.name().equals(".")) return new Value(address[current] + dotOffset, true, frag[current]);
            Symbols.Label label = symbols.labels.get(sym.name());
            if (label != null) {
                boolean early = label.statement() <= current;
                return new Value(address[label.statement()], true, early ? frag[label.statement()] : -1);
            }
            Symbols.Constant constant = symbols.constants.get(sym.name());
            if (constant != null) {
                if (!resolving.add(sym.name())) {
                    throw new AsmFailure(sym.line(), sym.col(), "'" + sym.name() + "' is defined in terms of itself");
                }
                try {
                    return constant.expr().eval(this);
                } finally {
                    resolving.remove(sym.name());
                }
            }
            Long data = dataAddresses.get(sym.name());
            if (data != null) return new Value(data, true, -1);
            Long predefined = Predefined.CONSTANTS.get(sym.name());
            if (predefined != null) return Value.of(predefined);
            if (Symbols.isLocal(sym.name())) {
                throw new AsmFailure(sym.line(), sym.col(), "undefined local label '" + Symbols.display(sym.name()) + "'");
            }
            throw new AsmFailure(sym.line(), sym.col(), "undefined symbol '" + sym.name() + "'");
        }
    }

    /** Returns whether GNU as would make this statement a variable-size fragment. */
    private static boolean endsFragment(Statement s) {
        return s instanceof Statement.Align || isRelaxable(s);
    }

    /** Returns whether {@code s} is a jmp/jcc to a label (the branches as relaxes). */
    static boolean isRelaxable(Statement s) {
        if (!(s instanceof Statement.Insn insn) || insn.args().size() != 1) return false;
        if (!(insn.args().getFirst() instanceof Arg.MemArg m) || !m.isBareExpression()) return false;
        if (insn.mnemonic().equals("jmp")) return true;
        return InstructionTable.CONDITIONS.stream().anyMatch(names -> names.contains(insn.mnemonic()));
    }
}
