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
        values = List.copyOf(values);
    }
}
