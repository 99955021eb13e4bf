package dev.shadowstep.trace;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The lower-case names that the trace format uses for enum values ({@code insn}, {@code mov_ss}, ...). */
final class WireNames {

    private WireNames() {}

    /** Returns the wire name of a constant: its Java name in lower case. */
    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Returns the constant whose wire name is {@code name}, or throws listing the accepted names. */
    static <E extends Enum<E>> E parse(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(name)) {
                return constant;
            }
        }
        String accepted = Arrays.stream(type.getEnumConstants()).map(WireNames::of)
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException("\"" + name + "\" is not one of: " + accepted);
    }
}
