package dev.shadowstep.core.asm;

import java.util.List;
import java.util.stream.Collectors;

/** The program does not assemble; carries every error found, in text order. */
public final class AssemblyException extends RuntimeException {
    private final List<AsmError> errors;

    public AssemblyException(List<AsmError> errors) {
        super(errors.stream().map(AsmError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    /** Returns all errors, sorted by line and column. */
    public List<AsmError> errors() { return errors; }
}
