package dev.shadowstep.core.asm;

import java.util.Map;

/**
 * The prefix mnemonics GNU as accepts in 64-bit code and their bytes (SDM Vol. 2, 2.1.1), and
 * the checks as makes when a prefix shares a line with its instruction.
 */
final class Prefixes {
    private Prefixes() {}

    private static final Map<String, Integer> BYTES = Map.ofEntries(
            Map.entry("lock", 0xf0), Map.entry("rep", 0xf3), Map.entry("repe", 0xf3), Map.entry("repz", 0xf3),
            Map.entry("repne", 0xf2), Map.entry("repnz", 0xf2), Map.entry("es", 0x26), Map.entry("cs", 0x2e),
            Map.entry("ss", 0x36), Map.entry("ds", 0x3e), Map.entry("fs", 0x64), Map.entry("gs", 0x65),
            Map.entry("data16", 0x66), Map.entry("addr32", 0x67));

    /** Returns the byte of prefix mnemonic {@code name}, null when it is not a prefix; refuses the 16/32-bit-mode ones. */
    static Integer byteOf(String name, Text text, int col) {
        if (name.equals("addr16") || name.equals("data32")) {
            // GNU as 2.40: "`addr16' is not supported in 64-bit mode".
            throw text.fail(col, "'" + name + "' is not supported in 64-bit mode (GNU as refuses it too)");
        }
        return BYTES.get(name);
    }

    /** Returns the prefix mnemonics GNU as accepts in 64-bit code (and this assembler with it). */
    static java.util.Set<String> names() {
        return BYTES.keySet();
    }

    /** Returns whether {@code value} is a segment override. */
    static boolean isSegment(int value) {
        return switch (value) {
            case 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65 -> true;
            default -> false;
        };
    }
}
