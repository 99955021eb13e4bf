package dev.shadowstep.core.asm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits program lines into statements ({@code ;} and C-string newlines separate them,
 * {@code #} starts a comment), defines labels and constants, and parses directives and
 * instruction operands. An error skips the rest of its statement only.
 */
final class StatementParser {
    /** The parse result: statements in order, the symbols, and the errors found so far. */
    record Parsed(List<Statement> statements, Symbols symbols, List<AsmError> errors, List<String> trailingLabels) {}

    private final List<Statement> statements = new ArrayList<>();
    private final Symbols symbols = new Symbols();
    private final List<AsmError> errors = new ArrayList<>();
    private final Map<Integer, Integer> localCounts = new HashMap<>();
    private List<String> pendingLabels = new ArrayList<>();
    /** Prefix statements ({@code lock;}, {@code rep}) waiting for the instruction they prefix. */
    private List<Statement.Prefix> pendingPrefixes = new ArrayList<>();
    private Text pendingPrefixText;
    private final ExprParser.LocalLabels locals = (n, forward) ->
            Symbols.localName(n, localCounts.getOrDefault(n, 0) + (forward ? 1 : 0));

    /** Parses the whole program. */
    static Parsed parse(String program) {
        StatementParser p = new StatementParser();
        for (Text line : SourceText.lines(program, p.errors)) {
            for (Text segment : segments(line)) {
                try {
                    p.statement(segment);
                } catch (AsmFailure f) {
                    p.errors.add(f.toError());
                }
            }
        }
        p.flushPrefixes();
        return new Parsed(p.statements, p.symbols, p.errors, p.takeLabels());
    }

    /** Returns the statements of one line: split at ';' and newlines, '#' comments removed. */
    static List<Text> segments(Text line) {
        List<Text> out = new ArrayList<>();
        String s = line.s();
        int start = 0;
        int i = 0;
        while (i <= s.length()) {
            char c = i < s.length() ? s.charAt(i) : '\n';
            if (c == '\'') {
                i += SourceText.charLiteralLength(s, i);
                continue;
            }
            if (c == '#') {
                out.add(line.sub(start, i));
                int nl = s.indexOf('\n', i);
                if (nl < 0) break;
                i = nl;
                start = nl + 1;
                i++;
                continue;
            }
            if (c == ';' || c == '\n') {
                out.add(line.sub(start, Math.min(i, s.length())));
                start = i + 1;
            }
            i++;
        }
        out.removeIf(Text::isBlank);
        return out;
    }

    private void statement(Text segment) {
        Cursor in = new Cursor(segment);
        while (true) {
            in.skipSpaces();
            int start = in.pos;
            int col = in.col();
            String name = labelName(in);
            if (name != null && in.pos < segment.length() && segment.charAt(in.pos) == ':') {
                in.pos++;
                flushPrefixes();
                defineLabel(name, segment.line(), col);
                continue;
            }
            in.pos = start;
            if (name != null && name.equals("KVM_FEP")) {
                flushPrefixes();
                in.pos += name.length();
                add(new Statement.Fep(segment.sub(start, in.pos), takeLabels()));
                continue;
            }
            break;
        }
        if (in.atEnd()) return;
        Text rest = segment.sub(in.pos, segment.length()).trim();
        if (rest.charAt(0) == '.') {
            flushPrefixes();
            directive(rest);
        } else {
            instruction(rest);
        }
    }

    /** Returns a symbol or a number (for local labels like {@code 1:}) at the cursor, or null. */
    private static String labelName(Cursor in) {
        String name = in.symbol();
        if (name != null) return name;
        int start = in.pos;
        while (in.pos < in.text.length() && Character.isDigit(in.text.charAt(in.pos))) in.pos++;
        return in.pos > start ? in.text.s().substring(start, in.pos) : null;
    }

    private void defineLabel(String name, int line, int col) {
        String internal = name;
        if (Character.isDigit(name.charAt(0))) {
            int n = Integer.parseInt(name);
            int count = localCounts.merge(n, 1, Integer::sum);
            internal = Symbols.localName(n, count);
        }
        try {
            symbols.defineLabel(internal, statements.size(), line, col);
            pendingLabels.add(name);
        } catch (AsmFailure f) {
            errors.add(f.toError());                 // a duplicate label: report it and assemble the rest
        }
    }

    private void instruction(Text text) {
        Cursor in = new Cursor(text);
        List<Statement.Prefix> inline = new ArrayList<>();
        String mnemonic;
        while (true) {
            int start = in.pos;
            while (in.pos < text.length() && Character.isLetterOrDigit(text.charAt(in.pos))) in.pos++;
            if (in.pos == start) throw text.fail(start, "expected an instruction, found '" + text.charAt(start) + "'");
            mnemonic = text.s().substring(start, in.pos).toLowerCase();
            if (in.pos < text.length() && !Character.isWhitespace(text.charAt(in.pos)) && text.charAt(in.pos) != '*') {
                throw text.fail(in.pos, "unexpected '" + text.charAt(in.pos) + "' after '" + mnemonic + "'");
            }
            Integer prefix = Prefixes.byteOf(mnemonic, text, start);
            if (prefix == null) break;
            in.skipSpaces();
            Statement.Prefix p = new Statement.Prefix(mnemonic, prefix, in.atEnd(), text.col(start));
            if (in.atEnd()) {
                if (pendingPrefixes.isEmpty()) pendingPrefixText = text;
                pendingPrefixes.add(p);
                return;
            }
            inline.add(p);
        }
        List<Arg> args = new ArrayList<>();
        for (Text piece : splitOperands(text.sub(in.pos, text.length()), mnemonic)) {
            args.add(OperandParser.parse(piece, locals));
        }
        List<Statement.Prefix> prefixes = new ArrayList<>(pendingPrefixes);
        prefixes.addAll(inline);
        pendingPrefixes = new ArrayList<>();
        add(new Statement.Insn(text, takeLabels(), mnemonic, args, prefixes));
    }

    /** Emits prefix statements that no instruction follows (a label, directive or the end came first) as their bytes. */
    private void flushPrefixes() {
        if (pendingPrefixes.isEmpty()) return;
        List<Expr> values = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (Statement.Prefix p : pendingPrefixes) {
            values.add(new Expr.Num(p.value()));
            columns.add(p.col());
        }
        pendingPrefixes = new ArrayList<>();
        add(new Statement.Data(pendingPrefixText, takeLabels(), 1, values, columns));
    }

    private void directive(Text text) {
        Cursor in = new Cursor(text);
        in.pos++;
        String name = "." + in.symbol();
        Text rest = text.sub(in.pos, text.length());
        List<Text> pieces = name.equalsIgnoreCase(".balign") || name.equalsIgnoreCase(".align") ? List.of() : splitOperands(rest, name);
        switch (name.toLowerCase()) {
            case ".byte" -> data(text, 1, pieces);
            case ".word", ".short", ".value" -> data(text, 2, pieces);
            case ".long", ".int" -> data(text, 4, pieces);
            case ".quad" -> data(text, 8, pieces);
            case ".set", ".equ" -> {
                if (pieces.size() != 2) throw text.fail(0, name + " needs a name and a value: " + name + " NAME, expr");
                Cursor nc = new Cursor(pieces.get(0));
                int col = nc.col();
                String symbol = nc.symbol();
                if (symbol == null || !nc.atEnd()) throw pieces.get(0).fail(0, "expected a symbol name after " + name);
                symbols.defineConstant(symbol, expr(pieces.get(1)), text.line(), col);
            }
            case ".balign", ".align" -> {
                // ".balign N", ".balign N, fill", ".balign N, fill, max" and ".balign N,, max" (no fill: NOP padding).
                List<Text> parts = splitOperands(rest, name, true);
                if (parts.isEmpty() || parts.size() > 3 || parts.getFirst().isBlank()) throw text.fail(0, name + " N[, fill[, max]]");
                Expr fill = parts.size() >= 2 && !parts.get(1).isBlank() ? expr(parts.get(1)) : null;
                Expr max = parts.size() == 3 ? expr(parts.get(2)) : null;
                add(new Statement.Align(text, takeLabels(), expr(parts.get(0)), fill, max));
            }
            case ".skip", ".space" -> {
                if (pieces.isEmpty() || pieces.size() > 2) throw text.fail(0, name + " size[, fill]");
                Expr fill = pieces.size() == 2 ? expr(pieces.get(1)) : null;
                add(new Statement.Skip(text, takeLabels(), expr(pieces.get(0)), fill));
            }
            case ".text", ".code64" -> { }
            case ".globl", ".global" -> { }
            case ".code32", ".code16", ".code16gcc" -> throw text.fail(0, name + " switches to " + (name.equals(".code32") ? "32" : "16")
                    + "-bit code, which shadowstep does not model: the guest runs in 64-bit mode only (SDM Vol. 3A 2.2, IA-32e "
                    + "mode), so the bytes after it would decode differently; keep the test's 64-bit part");
            default -> throw text.fail(0, "unknown directive " + name
                    + " (supported: .byte .word .long .quad .set .equ .balign .align .skip .space)");
        }
    }

    private void data(Text text, int width, List<Text> pieces) {
        if (pieces.isEmpty()) throw text.fail(0, "expected at least one value");
        List<Expr> values = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (Text piece : pieces) {
            values.add(expr(piece));
            columns.add(new Cursor(piece).col());
        }
        add(new Statement.Data(text, takeLabels(), width, values, columns));
    }

    private Expr expr(Text piece) {
        Cursor c = new Cursor(piece);
        if (c.atEnd()) throw piece.fail(0, "missing expression");
        Expr e = ExprParser.parse(c, locals);
        if (!c.atEnd()) throw c.fail("unexpected '" + c.peek() + "' in expression");
        return e;
    }

    /** Splits at top-level commas (outside parentheses and character literals). */
    private static List<Text> splitOperands(Text text, String what) {
        return splitOperands(text, what, false);
    }

    /** The same; {@code blanks} keeps empty pieces ({@code .balign 8,,3}). */
    private static List<Text> splitOperands(Text text, String what, boolean blanks) {
        List<Text> out = new ArrayList<>();
        if (text.isBlank()) return out;
        int depth = 0;
        int start = 0;
        String s = text.s();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') { i += SourceText.charLiteralLength(s, i) - 1; continue; }
            if (c == '(') depth++;
            if (c == ')') depth--;
            if (c == ',' && depth == 0) {
                Text piece = text.sub(start, i);
                if (piece.isBlank() && !blanks) throw text.fail(i, "expecting operand before ','");
                out.add(piece);
                start = i + 1;
            }
        }
        Text last = text.sub(start, s.length());
        if (last.isBlank() && !blanks) throw text.fail(s.length(), "expecting operand after ','; got nothing");
        out.add(last);
        return out;
    }

    private void add(Statement s) {
        statements.add(s);
    }

    private List<String> takeLabels() {
        List<String> labels = pendingLabels;
        pendingLabels = new ArrayList<>();
        return List.copyOf(labels);
    }
}
