package dev.shadowstep.core.asm;

/**
 * Recognises a line of pasted C inline asm ({@code "orq $" __stringify(X86_EFLAGS_TF) ", (%rsp)\n\t"})
 * and returns its assembler text, each character keeping its original column. Escapes
 * {@code \n} (a statement break), {@code \t}, {@code \"}, {@code \\} and extended asm's
 * {@code %%} are undone.
 */
final class CLine {
    private CLine() {}

    /** Returns the unquoted text, or null when {@code text} is not made of C string literals. */
    static Text unquote(Text text) {
        String s = text.s();
        int i = skipSpaces(s, 0);
        i = skipAsmOpen(s, i);
        Text.Builder out = new Text.Builder(text.line());
        int literals = 0;
        while (true) {
            i = skipSpaces(s, i);
            if (i >= s.length()) break;
            char c = s.charAt(i);
            if (c == '"') {
                i = unquoteLiteral(s, i, text, out);
                if (i < 0) return null;
                literals++;
            } else if (s.startsWith("__stringify(", i)) {
                int close = s.indexOf(')', i);
                if (close < 0) return null;
                String name = s.substring(i + "__stringify(".length(), close).trim();
                Long value = Predefined.CONSTANTS.get(name);
                out.append(value != null ? "0x" + Long.toHexString(value) : name, text.col(i));
                i = close + 1;
            } else if (s.startsWith("KVM_FEP", i)) {
                out.append("KVM_FEP ", text.col(i));
                i += "KVM_FEP".length();
            } else if (isTail(s.substring(i).trim())) {
                break;
            } else {
                return null;
            }
        }
        return literals > 0 ? out.build() : null;
    }

    /** The macros a pasted C line may use; each expands as {@link #unquote} says. */
    static final java.util.List<String> MACROS = java.util.List.of("__stringify", "KVM_FEP");

    /**
     * Returns the error for a C-looking line ({@code "..."} literals) with a word outside its
     * literals that is a near miss of a macro ({@code __stringfy}), located at the word; else null.
     */
    static AsmError unknownMacro(Text text) {
        return unknownMacro(text.s(), 0, text.line(), text::col);
    }

    /**
     * Returns the error for the first word at or after {@code from} of {@code s} (outside string
     * literals) that is close to a macro's name without being one, or null.
     *
     * @param column maps an index of {@code s} to its 1-based column
     */
    static AsmError unknownMacro(String s, int from, int line, java.util.function.IntUnaryOperator column) {
        if (s.indexOf('"') < 0) return null;
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                while (i < s.length() && s.charAt(i) != '"') i += s.charAt(i) == '\\' ? 2 : 1;
                i++;
                continue;
            }
            if (Character.isJavaIdentifierStart(c) && c != '$') {
                int end = i;
                while (end < s.length() && Character.isJavaIdentifierPart(s.charAt(end)) && s.charAt(end) != '$') end++;
                String word = s.substring(i, end);
                if (!MACROS.contains(word)) {
                    java.util.List<String> close = Spelling.closest(word, MACROS);
                    if (!close.isEmpty() && Spelling.distance(word, close.getFirst()) <= 2) {
                        return new AsmError(line, column.applyAsInt(i), "unknown macro " + word + "; did you mean "
                                + close.getFirst() + "?");
                    }
                }
                i = end;
                continue;
            }
            i++;
        }
        return null;
    }

    /** Returns whether {@code line} only closes a pasted asm block: {@code );} or an operand list {@code : : : "memory");}. */
    static boolean isCTail(String line) {
        String t = line.trim();
        return t.equals(")") || t.equals(");") || (t.startsWith(":") && (t.endsWith(")") || t.endsWith(");") || t.endsWith(":")));
    }

    private static boolean isTail(String rest) {
        return rest.equals("\\") || rest.equals(",") || rest.equals(")") || rest.equals(");") || rest.startsWith(":");
    }

    private static int skipAsmOpen(String s, int i) {
        for (String open : new String[] {"asm", "__asm__", "__asm"}) {
            if (s.startsWith(open, i)) {
                int j = skipSpaces(s, i + open.length());
                for (String qualifier : new String[] {"volatile", "__volatile__"}) {
                    if (s.startsWith(qualifier, j)) j = skipSpaces(s, j + qualifier.length());
                }
                if (j < s.length() && s.charAt(j) == '(') return j + 1;
            }
        }
        return i;
    }

    /** Appends the literal's characters; returns the index after the closing quote, or -1 if unterminated. */
    private static int unquoteLiteral(String s, int i, Text text, Text.Builder out) {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != '"') {
            char c = s.charAt(j);
            int col = text.col(j);
            if (c == '\\' && j + 1 < s.length()) {
                char e = s.charAt(j + 1);
                switch (e) {
                    case 'n' -> out.append('\n', col);
                    case 't' -> out.append(' ', col);
                    default -> out.append(e, col);          // \" \\ \'
                }
                j += 2;
            } else if (c == '%' && j + 1 < s.length() && s.charAt(j + 1) == '%') {
                out.append('%', col);                       // extended asm writes a register as %%rax
                j += 2;
            } else {
                out.append(c, col);
                j++;
            }
        }
        return j < s.length() ? j + 1 : -1;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }
}
