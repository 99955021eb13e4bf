package dev.shadowstep.core.asm;

import java.util.List;

/**
 * A scenario's named data cell: one {@code .quad} per value, placed after the code.
 *
 * @param name    the label naming the first value
 * @param values  the 8-byte values, at least one
 */
public record DataCell(String name, List<Long> values) {
    public DataCell {
        if (name == null || name.isEmpty() || !Cursor.isSymbolStart(name.charAt(0))
                || !name.chars().allMatch(c -> Cursor.isSymbolPart((char) c))) {
            throw new IllegalArgumentException("data cell name '" + name + "' is not a valid label (letters, digits, '_' and '.', not starting with a digit)");
        }
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("data cell '" + name + "' needs at least one value");
        }
        values = List.copyOf(values);
    }
}
