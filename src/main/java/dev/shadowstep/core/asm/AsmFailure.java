package dev.shadowstep.core.asm;

/** An error inside one statement; the assembler records it and goes on with the next statement. */
final class AsmFailure extends RuntimeException {
    final int line;
    final int column;

    AsmFailure(int line, int column, String message) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    AsmError toError() {
        return new AsmError(line, column, getMessage());
    }
}
