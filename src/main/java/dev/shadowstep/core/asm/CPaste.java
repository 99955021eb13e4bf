package dev.shadowstep.core.asm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Pasted C: {@code asm}/{@code asm volatile}/{@code __asm__ __volatile__} statements and top-level
 * {@code asm("...")} blocks, alone or inside a whole C function. Each statement's string pieces
 * become its lines of assembler text (each character keeping its column); the output, input and
 * clobber sections are read and {@code %0}, {@code %b1}, {@code %[name]} replaced by the register
 * the constraint names ({@code "a"} = %rax, ...; {@code "r"}: a register chosen here and stated in a
 * note). C outside the statements is skipped and listed in one note with the C statements whose
 * effects the scenario must model itself: this never guesses what C does.
 *
 * <p>Active only when the program holds an asm statement; other programs are left alone.
 */
final class CPaste {
    private CPaste() {}

    /** The result: one Text per line (blank for skipped C and operand sections), notes and errors. */
    record Result(List<Text> lines, List<String> notes, List<AsmError> errors) {}

    private static final java.util.regex.Pattern ASM_START = java.util.regex.Pattern.compile(
            "\\b(?:asm|__asm__|__asm)\\b((?:\\s+(?:volatile|__volatile__|goto|inline|__inline__))*)\\s*\\(");
    private static final java.util.regex.Pattern PREPROCESSOR = java.util.regex.Pattern.compile(
            "^\\s*#\\s*(?:if|ifdef|ifndef|else|elif|endif|define|undef|include|pragma|error)\\b.*");
    private static final Set<String> C_WORDS = Set.of("return", "extern", "static", "unsigned", "signed", "int",
            "long", "short", "char", "void", "bool", "ulong", "u8", "u16", "u32", "u64", "uint8_t", "uint16_t",
            "uint32_t", "uint64_t", "unsigned long", "const", "volatile", "struct", "if", "else", "for", "while",
            "do", "switch", "case", "break", "continue", "goto", "typedef", "register");
    /** Registers "r" may stand for, in the order tried; clobbered and fixed ones are skipped. */
    private static final List<Integer> CHOSEN = List.of(0, 1, 2, 3, 6, 7, 8, 9, 10, 11);
    private static final Map<Character, Integer> FIXED = Map.of('a', 0, 'b', 3, 'c', 1, 'd', 2, 'S', 6, 'D', 7);

    /** Returns whether {@code program} holds an asm statement, the only case this class changes anything. */
    static boolean applies(List<String> lines) {
        for (String l : lines) if (ASM_START.matcher(l).find()) return true;
        return false;
    }

    /** Extracts the asm statements of {@code lines} (comments already blanked); line i is program line i + 1. */
    static Result extract(List<String> lines) {
        List<Text> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<AsmError> errors = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> effects = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher m = ASM_START.matcher(line);
            if (m.find() && !insideString(line, m.start())) {
                String before = line.substring(0, m.start()).trim();
                if (!before.isEmpty() && !before.endsWith(";") && !before.endsWith("{") && !before.endsWith("}")) {
                    skipped.add(describe(i, line));
                }
                i = statement(lines, i, m.end(), out, notes, errors);
                continue;
            }
            String t = line.trim();
            int end = continuedStatementEnd(lines, i);
            if (end > i) {
                // A C statement over several lines (a call whose arguments wrap): one entry, every line blanked.
                StringBuilder joined = new StringBuilder();
                for (int k = i; k <= end; k++) joined.append(k == i ? "" : " ").append(lines.get(k).trim());
                String all = joined.toString();
                String where = "lines " + (i + 1) + "-" + (end + 1) + " `" + (all.length() > 60 ? all.substring(0, 57) + "..." : all) + "`";
                if (isEffect(all)) effects.add(where);
                else skipped.add(where);
                for (int k = i; k <= end; k++) out.add(Text.of(k + 1, ""));
                i = end + 1;
                continue;
            }
            if (isC(t)) {
                if (isEffect(t)) effects.add(describe(i, line));
                else skipped.add(describe(i, line));
                out.add(Text.of(i + 1, ""));
            } else {
                Text text = Text.of(i + 1, line);
                Text quoted = CLine.unquote(text);          // a bare "...\n\t" line outside a statement
                out.add(quoted != null ? quoted : text);
            }
            i++;
        }
        if (!skipped.isEmpty() || !effects.isEmpty()) {
            StringBuilder sb = new StringBuilder("Pasted C: only the asm statements are assembled, in order.");
            if (!skipped.isEmpty()) sb.append(" Skipped C lines: ").append(String.join("; ", skipped)).append('.');
            if (!effects.isEmpty()) {
                sb.append(" C statements whose effects shadowstep does not model (set them up in cpu: or data:, or write "
                        + "them as instructions, if the test depends on them): ").append(String.join("; ", effects)).append('.');
            }
            notes.addFirst(sb.toString());
        }
        return new Result(out, notes, errors);
    }

    private static final java.util.regex.Pattern C_CALL_START = java.util.regex.Pattern.compile(
            "^\\s*(?:[A-Za-z_]\\w*\\s*(?:=|\\())");

    /**
     * Returns the last line of a C statement that starts at line {@code i} with a call or an
     * assignment whose parentheses close on a later line ({@code f(a,\n b);}), or {@code i} when the
     * line is not such a start. Stops at an asm statement or after 20 lines.
     */
    private static int continuedStatementEnd(List<String> lines, int i) {
        String first = lines.get(i);
        if (!C_CALL_START.matcher(first).find() || first.contains("\"") || first.trim().endsWith(";")) return i;
        int depth = 0;
        for (int k = i; k < lines.size() && k < i + 20; k++) {
            String s = lines.get(k);
            if (k > i && ASM_START.matcher(s).find()) return i;
            for (int c = 0; c < s.length(); c++) {
                if (s.charAt(c) == '(') depth++;
                else if (s.charAt(c) == ')') depth--;
            }
            if (depth <= 0) return k > i && s.trim().endsWith(";") ? k : i;
        }
        return i;
    }

    private static String describe(int i, String line) {
        String t = line.trim();
        return "line " + (i + 1) + " `" + (t.length() > 60 ? t.substring(0, 57) + "..." : t) + "`";
    }

    /** A C line outside asm statements: braces, preprocessor lines, C comments, declarations and statements. */
    static boolean isC(String t) {
        if (t.isEmpty() || t.startsWith(".")) return false;
        if (t.startsWith("{") || t.startsWith("}") || t.endsWith("{") || t.startsWith("//")) return true;
        if (PREPROCESSOR.matcher(t).matches()) return true;
        if (t.contains("%")) return false;
        String first = t.split("[\\s(*]", 2)[0];
        if (t.endsWith(";")) return t.contains("(") || t.contains("=") || C_WORDS.contains(first);
        return t.endsWith(")") && t.contains("(") && (C_WORDS.contains(first) || t.endsWith("(void)"));
    }

    /** A C statement that does something (a call or an assignment), as opposed to a declaration or brace. */
    private static boolean isEffect(String t) {
        if (!t.endsWith(";")) return false;
        String first = t.split("[\\s(*]", 2)[0];
        if (first.equals("return") || first.equals("extern") || first.equals("typedef")) return false;
        return t.contains("(") || t.contains("=") && !C_WORDS.contains(first) || t.contains("++") || t.contains("--");
    }

    private static boolean insideString(String line, int index) {
        boolean in = false;
        for (int k = 0; k < index; k++) {
            char c = line.charAt(k);
            if (c == '\\' && in) k++;
            else if (c == '"') in = !in;
        }
        return in;
    }

    /** One operand of an extended asm statement. */
    private record Operand(String constraint, String expr, String name, int line, int col) {}

    /**
     * Parses the statement whose template starts at {@code lines[first]}, column index {@code from};
     * appends one Text per line it spans; returns the index of the line after it.
     */
    private static int statement(List<String> lines, int first, int from, List<Text> out, List<String> notes,
                                 List<AsmError> errors) {
        // Pass 1: find the template pieces and the sections, up to the matching ')'.
        record Piece(int line, int start, int end) {}          // a literal's characters [start, end) without quotes
        List<Piece> pieces = new ArrayList<>();
        List<List<Operand>> sections = new ArrayList<>();
        StringBuilder section = null;
        int sectionLine = 0, sectionCol = 0;
        List<String> sectionTexts = new ArrayList<>();
        List<int[]> sectionStarts = new ArrayList<>();
        int depth = 1;
        int li = first;
        int ci = from;
        int last = first;
        boolean done = false;
        AsmError error = null;
        while (li < lines.size() && !done) {
            String s = lines.get(li);
            if (section == null && ci == 0 && PREPROCESSOR.matcher(s).matches() && error == null) {
                error = new AsmError(li + 1, s.indexOf('#') + 1, "a C preprocessor line inside an asm statement: shadowstep "
                        + "does not choose a branch; keep the lines you mean and delete the #if/#else/#endif lines");
            }
            while (ci < s.length()) {
                char c = s.charAt(ci);
                if (c == '"') {
                    int end = literalEnd(s, ci);
                    if (section == null) pieces.add(new Piece(li, ci + 1, Math.max(ci + 1, end - 1)));
                    else section.append(s, ci, end);
                    ci = end;
                    continue;
                }
                if (c == '/' && ci + 1 < s.length() && s.charAt(ci + 1) == '/') break;      // a C comment after a piece
                if (c == '#' && section == null && !pieces.isEmpty()) break;          // an assembler-style comment after a piece
                if (c == '(') depth++;
                if (c == ')' && --depth == 0) {
                    if (section != null) sectionTexts.add(section.toString());
                    done = true;
                    ci++;
                    break;
                }
                if (c == ':' && depth == 1) {
                    if (section != null) sectionTexts.add(section.toString());
                    section = new StringBuilder();
                    sectionStarts.add(new int[] {li, ci + 1});
                    ci++;
                    continue;
                }
                if (section != null) section.append(c);
                else if (!Character.isWhitespace(c) && c != '\\' && error == null && !startsMacro(s, ci)) {
                    AsmError miss = CLine.unknownMacro(s, ci, li + 1, k -> k + 1);
                    error = miss != null && miss.column() == ci + 1 ? miss : new AsmError(li + 1, ci + 1, "unexpected '"
                            + c + "' in an asm statement: its template is made of string literals (and "
                            + "__stringify(NAME), KVM_FEP)" + (Character.isLetter(c) || c == '_'
                            ? "; a C macro between the pieces is not expanded (shadowstep reads no C): write the string it stands for"
                            : ""));
                }
                if (section == null && (startsMacro(s, ci) || misspeltStringify(s, ci))) {
                    int close = s.indexOf(')', ci);
                    int skipTo = s.startsWith("KVM_FEP", ci) ? ci + "KVM_FEP".length() : close < 0 ? s.length() : close + 1;
                    pieces.add(new Piece(li, -ci - 1, skipTo));          // a macro piece, kept as written
                    ci = skipTo;
                    continue;
                }
                ci++;
            }
            last = li;
            if (!done) {
                if (section != null) section.append('\n');
                li++;
                ci = 0;
            }
        }
        if (!done) {
            errors.add(new AsmError(first + 1, from, "this asm statement has no closing ')'"));
            for (int k = first; k < lines.size(); k++) out.add(Text.of(k + 1, ""));
            return lines.size();
        }
        if (error != null) errors.add(error);
        boolean extended = !sectionTexts.isEmpty();
        List<Operand> operands = new ArrayList<>();
        List<String> clobbers = new ArrayList<>();
        for (int k = 0; k < sectionTexts.size(); k++) {
            int[] at = sectionStarts.get(k);
            if (k < 2) operands.addAll(operands(sectionTexts.get(k), at[0], at[1], errors));
            else if (k == 2) for (String c : literals(sectionTexts.get(k))) clobbers.add(c);
        }
        Map<String, String> byPlaceholder = new LinkedHashMap<>();
        List<String> regNames = new ArrayList<>();
        assign(operands, clobbers, byPlaceholder, regNames, notes, errors);

        // Pass 2: each spanned line gets the unquoted text of its pieces.
        for (int k = first; k <= last; k++) {
            Text.Builder b = new Text.Builder(k + 1);
            String s = lines.get(k);
            for (Piece p : pieces) {
                if (p.line() != k) continue;
                if (p.start() < 0) {
                    int at = -p.start() - 1;
                    macro(s, at, p.end(), b);
                    continue;
                }
                unquote(s, p.start(), p.end(), extended, byPlaceholder, regNames, b, k, errors);
            }
            out.add(b.build());
        }
        return last + 1;
    }

    private static boolean startsMacro(String s, int i) {
        return s.startsWith("__stringify(", i) || s.startsWith("KVM_FEP", i);
    }

    /**
     * Returns whether a near miss of {@code __stringify(} starts at {@code i}: it is reported as an unknown
     * macro and expanded as {@code __stringify} would, so the line gets that one error and no follow-ups.
     */
    private static boolean misspeltStringify(String s, int i) {
        if (!Character.isJavaIdentifierStart(s.charAt(i))) return false;
        int open = s.indexOf('(', i);
        if (open < 0) return false;
        String word = s.substring(i, open).trim();
        return !word.isEmpty() && word.chars().allMatch(Character::isJavaIdentifierPart)
                && !word.equals("__stringify") && Spelling.distance(word, "__stringify") <= 2;
    }

    private static void macro(String s, int at, int end, Text.Builder b) {
        if (s.startsWith("KVM_FEP", at)) {
            b.append("KVM_FEP ", at + 1);
            return;
        }
        int open = s.indexOf('(', at) + 1;
        String name = s.substring(open, Math.max(open, end - 1)).trim();
        Long value = Predefined.CONSTANTS.get(name);
        b.append(value != null ? "0x" + Long.toHexString(value) : name, at + 1);
    }

    /** Returns the index after the literal that starts at {@code i} (its closing quote included). */
    private static int literalEnd(String s, int i) {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != '"') j += s.charAt(j) == '\\' ? 2 : 1;
        return Math.min(j + 1, s.length());
    }

    private static List<String> literals(String section) {
        List<String> out = new ArrayList<>();
        Matcher m = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(section);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /** Parses {@code [name] "constraint" (expr), ...}. */
    private static List<Operand> operands(String text, int line, int col, List<AsmError> errors) {
        List<Operand> out = new ArrayList<>();
        Matcher m = java.util.regex.Pattern.compile("(?:\\[\\s*(\\w+)\\s*\\]\\s*)?\"([^\"]*)\"\\s*\\(").matcher(text);
        int pos = 0;
        while (m.find(pos)) {
            int open = m.end() - 1;
            int depth = 0;
            int close = open;
            for (; close < text.length(); close++) {
                if (text.charAt(close) == '(') depth++;
                if (text.charAt(close) == ')' && --depth == 0) break;
            }
            String expr = text.substring(open + 1, Math.min(close, text.length())).trim();
            out.add(new Operand(m.group(2), expr, m.group(1), line, col));
            pos = Math.min(close + 1, text.length());
        }
        return out;
    }

    /** Maps each operand to its text; states chosen registers and C-provided values in notes. */
    private static void assign(List<Operand> operands, List<String> clobbers, Map<String, String> byPlaceholder,
                               List<String> regNames, List<String> notes, List<AsmError> errors) {
        Set<Integer> taken = new java.util.HashSet<>();
        for (String c : clobbers) {
            Registers.Gpr g = Registers.gpr(c.trim().replace("%", ""));
            if (g != null) taken.add(g.num());
        }
        for (Operand o : operands) {
            Integer fixed = fixedRegister(o.constraint());
            if (fixed != null) taken.add(fixed);
        }
        List<String> resolved = new ArrayList<>();
        for (int n = 0; n < operands.size(); n++) {
            Operand o = operands.get(n);
            String c = o.constraint().replaceAll("[=+&%]", "");
            String what = "%" + (o.name() != null ? "[" + o.name() + "]" : n) + " (\"" + o.constraint() + "\"(" + o.expr() + "))";
            boolean output = o.constraint().contains("=") || o.constraint().contains("+");
            String text = null;
            Integer reg = fixedRegister(o.constraint());
            if (reg == null && !c.isEmpty() && c.chars().allMatch(Character::isDigit)) {
                int ref = Integer.parseInt(c);
                if (ref < resolved.size() && resolved.get(ref) != null) text = resolved.get(ref);
            } else if (reg == null && (c.equals("r") || c.equals("q") || c.equals("R") || c.equals("g") && !output)) {
                for (int r : CHOSEN) {
                    if (!taken.contains(r)) {
                        reg = r;
                        taken.add(r);
                        break;
                    }
                }
                if (reg != null) {
                    notes.add(what + " is %" + Registers.name(reg, 8, false) + ", a register shadowstep chose (GCC may pick "
                            + "another; the instructions are the same)." + (output ? "" : cNote(reg, o.expr())));
                }
            } else if (reg == null && (c.equals("i") || c.equals("n") || c.equals("e") || c.equals("ir") || c.equals("ri"))) {
                Long v = constant(o.expr());
                if (v != null) text = "$" + v;
                else text = "error:operand " + what + " is an immediate whose value comes from C: write the number in the "
                        + "template instead of %" + n;
            } else if (reg == null && c.matches("[mVo]+|\\+?m") && o.expr().matches("[A-Za-z_]\\w*")) {
                // A C variable as a memory operand: in a scenario it is the data: cell of the same name.
                text = o.expr() + "(%rip)";
                notes.add(what + " is " + o.expr() + "(%rip): the scenario's data: must declare a cell " + o.expr()
                        + " (e.g. " + o.expr() + ": 0)" + (output ? "." : ", holding the value C gave it."));
            } else if (reg == null && c.matches("[mVo]+|\\+?m")) {
                text = "error:operand " + what + " is a memory operand, which shadowstep cannot place: declare a data: cell "
                        + "(e.g. " + cName(o.expr()) + ": 0) and write " + cName(o.expr()) + "(%%rip) in the template instead of %" + n;
            } else if (reg == null) {
                text = "error:operand " + what + ": constraint \"" + o.constraint() + "\" is not supported; use a register "
                        + "constraint (\"a\" \"b\" \"c\" \"d\" \"S\" \"D\" or \"r\")";
            } else if (!output) {
                notes.add(what + " is %" + Registers.name(reg, 8, false) + "." + cNote(reg, o.expr()));
            }
            if (reg != null && text == null) text = "reg:" + reg;
            resolved.add(text);
            if (text != null) {
                byPlaceholder.put(Integer.toString(n), text);
                if (o.name() != null) byPlaceholder.put("[" + o.name() + "]", text);
            }
        }
        regNames.addAll(byPlaceholder.keySet());
    }

    private static String cNote(int reg, String expr) {
        Long v = constant(expr);
        String name = Registers.name(reg, 8, false);
        return v != null ? " Its C value is " + v + ": cpu: must set " + name + ": " + v + "."
                : " Its value comes from C (" + expr + "): cpu: must set " + name + " (or an instruction before the statement must).";
    }

    private static String cName(String expr) {
        String s = expr.replaceAll("[^A-Za-z0-9_]", "");
        return s.isEmpty() ? "value" : s;
    }

    private static Long constant(String expr) {
        String e = expr.trim();
        try {
            if (e.matches("-?\\d+[uUlL]*")) return Long.parseLong(e.replaceAll("[uUlL]", ""));
            if (e.matches("0[xX][0-9a-fA-F]+[uUlL]*")) return Long.parseUnsignedLong(e.substring(2).replaceAll("[uUlL]", ""), 16);
        } catch (NumberFormatException ignored) {
            return null;
        }
        return Predefined.CONSTANTS.get(e);
    }

    private static Integer fixedRegister(String constraint) {
        String c = constraint.replaceAll("[=+&%]", "");
        return c.length() == 1 ? FIXED.get(c.charAt(0)) : null;
    }

    /** Unquotes literal characters [start, end) of line {@code s}, replacing placeholders. */
    private static void unquote(String s, int start, int end, boolean extended, Map<String, String> ops,
                                List<String> names, Text.Builder b, int line, List<AsmError> errors) {
        int j = start;
        while (j < end) {
            char c = s.charAt(j);
            int col = j + 1;
            if (c == '\\' && j + 1 < end) {
                char e = s.charAt(j + 1);
                switch (e) {
                    case 'n' -> b.append('\n', col);
                    case 't' -> b.append(' ', col);
                    default -> b.append(e, col);
                }
                j += 2;
                continue;
            }
            if (c == '%' && j + 1 < end && s.charAt(j + 1) == '%') {
                b.append('%', col);
                j += 2;
                continue;
            }
            if (c == '%' && extended && j + 1 < end) {
                int k = j + 1;
                char modifier = 0;
                if ("bhwkqc".indexOf(s.charAt(k)) >= 0 && k + 1 < end && (Character.isDigit(s.charAt(k + 1)) || s.charAt(k + 1) == '[')) {
                    modifier = s.charAt(k);
                    k++;
                }
                String key = null;
                if (Character.isDigit(s.charAt(k))) {
                    int d = k;
                    while (d < end && Character.isDigit(s.charAt(d))) d++;
                    key = s.substring(k, d);
                    k = d;
                } else if (s.charAt(k) == '[') {
                    int close = s.indexOf(']', k);
                    if (close > 0 && close < end) {
                        key = s.substring(k, close + 1);
                        k = close + 1;
                    }
                }
                if (key != null) {
                    String text = ops.get(key);
                    if (text == null) {
                        if (errors.stream().noneMatch(x -> x.line() == line + 1)) {
                            errors.add(new AsmError(line + 1, col, "%" + key + " names no operand of this asm statement that "
                                    + "shadowstep could map (operands: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")"));
                        }
                        b.append("%" + key, col);
                    } else if (text.startsWith("error:")) {
                        errors.add(new AsmError(line + 1, col, text.substring("error:".length())));
                        b.append("%" + key, col);
                    } else if (text.startsWith("reg:")) {
                        int reg = Integer.parseInt(text.substring(4));
                        int suffixed = modifier == 0 ? suffixSize(b.text()) : 0;
                        b.append("%" + (suffixed > 0 ? Registers.name(reg, suffixed, false) : registerName(reg, modifier)), col);
                    } else {
                        b.append(modifier == 'c' ? text.substring(1) : text, col);
                    }
                    j = k;
                    continue;
                }
            }
            b.append(c, col);
            j++;
        }
    }

    /**
     * Returns the operand size the mnemonic of the statement being built names by its suffix
     * ({@code outl} 4, {@code inb} 1), else 0. GCC names an unmodified register operand by its C
     * type's size; with a suffixed mnemonic only that size assembles, so the suffix says it without
     * reading any C. Zero and sign extensions (movzbl: two sizes) and unsuffixed names are left alone.
     */
    private static int suffixSize(String built) {
        String stmt = built.substring(Math.max(built.lastIndexOf('\n'), built.lastIndexOf(';')) + 1).trim();
        stmt = stmt.replaceFirst("^(?:[\\w.$]+:\\s*)+", "");
        String word = stmt.split("[\\s,]", 2)[0];
        if (word.length() < 2 || word.startsWith(".")) return 0;
        int size = Encoder.suffixSize(word.charAt(word.length() - 1));
        if (size == 0 || size == 8) return 0;
        String root = word.substring(0, word.length() - 1);
        boolean exact = false, suffixed = false;
        for (Form f : InstructionTable.ROWS) {
            if (f.names().contains(word)) exact = true;
            if (f.suffixed() && f.op().sourceSize() == 0 && f.names().contains(root) && f.allows(size)) suffixed = true;
        }
        return !exact && suffixed ? size : 0;
    }

    /** GCC's x86 operand modifiers: b = low byte, h = high byte, w = 16, k = 32, q and none = 64 bits. */
    private static String registerName(int reg, char modifier) {
        return switch (modifier) {
            case 'b' -> Registers.name(reg, 1, false);
            case 'h' -> reg < 4 ? Registers.name(reg, 1, true) : Registers.name(reg, 1, false);
            case 'w' -> Registers.name(reg, 2, false);
            case 'k' -> Registers.name(reg, 4, false);
            default -> Registers.name(reg, 8, false);
        };
    }
}
