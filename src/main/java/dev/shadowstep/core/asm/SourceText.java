package dev.shadowstep.core.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns program text into one {@link Text} per line: {@code /* *}{@code /} comments blanked
 * (they may span lines), and pasted C inline-asm lines unquoted. A C line is made of string
 * literals, {@code __stringify(NAME)} and {@code KVM_FEP}, optionally after {@code asm volatile(}
 * and before a trailing {@code \}, {@code ,} or {@code );}. Inside the literals {@code \n}
 * becomes a real statement break (kept as a newline character inside the line's text).
 */
final class SourceText {
    private SourceText() {}

    /** Returns the lines of {@code program}, index 0 holding line 1. */
    static List<Text> lines(String program) {
        return lines(program, new ArrayList<>());
    }

    /** Returns the lines of {@code program}, adding an error to {@code errors} for a comment left open. */
    static List<Text> lines(String program, List<AsmError> errors) {
        return lines(program, errors, new ArrayList<>());
    }

    /**
     * Returns the lines of {@code program}; errors go to {@code errors}, and the notes about pasted C
     * (skipped lines, chosen registers, values C must provide) to {@code notes}.
     */
    static List<Text> lines(String program, List<AsmError> errors, List<String> notes) {
        int[] commentStart = new int[2];
        String[] raw = program.split("\n", -1);
        List<String> blankedLines = new ArrayList<>(raw.length);
        boolean inComment = false;
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].endsWith("\r") ? raw[i].substring(0, raw[i].length() - 1) : raw[i];
            StringBuilder blanked = new StringBuilder(line);
            boolean wasInComment = inComment;
            inComment = blankComments(blanked, inComment);
            if (inComment && !wasInComment) {
                commentStart[0] = i + 1;
                commentStart[1] = line.lastIndexOf("/*") + 1;
            }
            blankedLines.add(blanked.toString());
        }
        if (inComment) {
            errors.add(new AsmError(commentStart[0], commentStart[1], "unterminated /* comment: close it with */"));
        }
        if (CPaste.applies(blankedLines)) {
            CPaste.Result pasted = CPaste.extract(blankedLines);
            errors.addAll(pasted.errors());
            notes.addAll(pasted.notes());
            return pasted.lines();
        }
        List<Text> out = new ArrayList<>(raw.length);
        boolean inCBlock = false;
        for (int i = 0; i < blankedLines.size(); i++) {
            Text text = Text.of(i + 1, blankedLines.get(i));
            Text unquoted = CLine.unquote(text);
            AsmError macro = unquoted == null ? CLine.unknownMacro(text) : null;
            if (unquoted != null) {
                inCBlock = true;
                out.add(unquoted);
            } else if (macro != null) {
                errors.add(macro);                 // "__stringfy": say so, not "expected an instruction, found '\"'"
                inCBlock = true;
                out.add(Text.of(i + 1, ""));
            } else if (inCBlock && CLine.isCTail(text.s())) {
                out.add(Text.of(i + 1, ""));       // the ": : : "memory");" or ");" closing a pasted asm block
            } else {
                inCBlock = false;
                out.add(text);
            }
        }
        return out;
    }

    /** Replaces block comments with spaces (keeping columns); returns whether a comment is still open. */
    private static boolean blankComments(StringBuilder s, boolean inComment) {
        int i = 0;
        while (i < s.length()) {
            if (inComment) {
                if (s.charAt(i) == '*' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                    s.setCharAt(i, ' ');
                    s.setCharAt(i + 1, ' ');
                    inComment = false;
                    i += 2;
                    continue;
                }
                s.setCharAt(i, ' ');
                i++;
            } else {
                char c = s.charAt(i);
                if (c == '#') return false;                          // a line comment hides any "/*" after it
                if (c == '\'') { i += charLiteralLength(s, i); continue; }
                if (c == '"') { i = skipString(s, i); continue; }
                if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                    inComment = true;
                    continue;
                }
                i++;
            }
        }
        return inComment;
    }

    /** Returns the length of the character literal starting at {@code i} ({@code 'k'}, {@code 'k} or {@code '\n'}). */
    static int charLiteralLength(CharSequence s, int i) {
        int j = i + 1;
        if (j < s.length() && s.charAt(j) == '\\') j++;
        if (j < s.length()) j++;
        if (j < s.length() && s.charAt(j) == '\'') j++;
        return j - i;
    }

    private static int skipString(CharSequence s, int i) {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != '"') j += s.charAt(j) == '\\' ? 2 : 1;
        return Math.min(j + 1, s.length());
    }
}
