package dev.shadowstep.core.asm;

/** A read position in a {@link Text}, for the statement, operand and expression parsers. */
final class Cursor {
    final Text text;
    int pos;

    Cursor(Text text) {
        this.text = text;
    }

    boolean atEnd() {
        skipSpaces();
        return pos >= text.length();
    }

    /** Returns the next non-space character without consuming it, or 0 at the end. */
    char peek() {
        skipSpaces();
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    /** Returns the character {@code ahead} positions after the next non-space one, or 0. */
    char peekAt(int ahead) {
        skipSpaces();
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : 0;
    }

    void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    /** Consumes {@code s} if it comes next. */
    boolean eat(String s) {
        skipSpaces();
        if (text.s().startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    /** Returns the 1-based original column of the next non-space character. */
    int col() {
        skipSpaces();
        return text.col(pos);
    }

    int line() { return text.line(); }

    AsmFailure fail(String message) {
        return new AsmFailure(text.line(), col(), message);
    }

    static boolean isSymbolStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '.';
    }

    static boolean isSymbolPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }

    /** Consumes and returns a symbol name, or null if none comes next. */
    String symbol() {
        skipSpaces();
        if (pos >= text.length() || !isSymbolStart(text.charAt(pos))) return null;
        int start = pos;
        while (pos < text.length() && isSymbolPart(text.charAt(pos))) pos++;
        return text.s().substring(start, pos);
    }
}
