package dev.shadowstep.core.asm;

/**
 * One assembly error, located in the program text.
 *
 * @param line    1-based line in the program text
 * @param column  1-based column in that line
 * @param message what is wrong and, where it helps, how to fix it
 */
public record AsmError(int line, int column, String message) {
    /** Returns the error as {@code line:column: message}. */
    @Override
    public String toString() {
        return line + ":" + column + ": " + message;
    }
}
