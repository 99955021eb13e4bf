package dev.shadowstep.core.asm;

/**
 * A piece of program text that remembers, for every character, its 1-based column in the
 * original line, so errors point at what the author wrote even after comments were blanked
 * and C string literals unquoted.
 *
 * @param line  1-based line in the program
 * @param s     the text
 * @param cols  original column of each character of {@code s}
 */
record Text(int line, String s, int[] cols) {

    /** Returns the text of one original line, columns 1..n. */
    static Text of(int line, String s) {
        int[] cols = new int[s.length()];
        for (int i = 0; i < cols.length; i++) cols[i] = i + 1;
        return new Text(line, s, cols);
    }

    /** Returns the original column of character {@code i} (one past the last character for i == length). */
    int col(int i) {
        if (cols.length == 0) return 1;
        if (i >= cols.length) return cols[cols.length - 1] + 1;
        return cols[Math.max(i, 0)];
    }

    int length() { return s.length(); }

    char charAt(int i) { return s.charAt(i); }

    /** Returns characters [from, to) with their columns. */
    Text sub(int from, int to) {
        int[] c = new int[to - from];
        System.arraycopy(cols, from, c, 0, to - from);
        return new Text(line, s.substring(from, to), c);
    }

    /** Returns this text without leading and trailing whitespace. */
    Text trim() {
        int a = 0;
        int b = s.length();
        while (a < b && Character.isWhitespace(s.charAt(a))) a++;
        while (b > a && Character.isWhitespace(s.charAt(b - 1))) b--;
        return sub(a, b);
    }

    boolean isBlank() { return s.isBlank(); }

    /** Returns a located error at character {@code i}. */
    AsmFailure fail(int i, String message) {
        return new AsmFailure(line, col(i), message);
    }

    @Override
    public String toString() { return s; }

    /** Builds a Text character by character, each with its original column. */
    static final class Builder {
        private final int line;
        private final StringBuilder sb = new StringBuilder();
        private int[] cols = new int[16];

        Builder(int line) { this.line = line; }

        Builder append(char c, int col) {
            if (sb.length() == cols.length) cols = java.util.Arrays.copyOf(cols, cols.length * 2);
            cols[sb.length()] = col;
            sb.append(c);
            return this;
        }

        Builder append(String s, int col) {
            for (int i = 0; i < s.length(); i++) append(s.charAt(i), col);
            return this;
        }

        /** Returns the characters appended so far. */
        String text() { return sb.toString(); }

        Text build() {
            return new Text(line, sb.toString(), java.util.Arrays.copyOf(cols, sb.length()));
        }
    }
}
