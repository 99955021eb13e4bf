package dev.shadowstep.scenario;

import java.util.List;
import java.util.Map;

/**
 * An address as a scenario writes it: a number, or a label of the program (optionally
 * {@code label+N} / {@code label-N}) that is resolved once the program is assembled.
 */
public sealed interface Address {

    /** Returns the address, looking labels up in the assembler's symbol table. */
    long resolve(Map<String, Long> symbols);

    /** A number written in the scenario. */
    record Absolute(long value) implements Address {
        @Override public long resolve(Map<String, Long> symbols) { return value; }

        @Override public String toString() { return "0x" + Long.toHexString(value); }
    }

    /** A label plus an offset, with where it was written so that an unknown label can be located. */
    record LabelRef(String label, long offset, String path, int line, int column) implements Address {
        /** Returns the label's address plus the offset; throws {@link ScenarioException} for an unknown label. */
        @Override public long resolve(Map<String, Long> symbols) {
            Long base = symbols.get(label);
            if (base == null) {
                throw new ScenarioException(List.of(new ScenarioError(path, line, column,
                        "unknown label '" + label + "': the program defines no such label")));
            }
            return base + offset;
        }

        @Override public String toString() {
            if (offset == 0) return label;
            return offset > 0 ? label + "+" + offset : label + "-" + -offset;
        }
    }
}
