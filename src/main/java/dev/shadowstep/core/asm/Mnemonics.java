package dev.shadowstep.core.asm;

import java.util.Map;
import java.util.TreeMap;

/**
 * Every mnemonic the assembler accepts (with the b/w/l/q suffixes a form allows) and what it
 * does, read from {@link InstructionTable}: the editor's completion and hover, so that they offer
 * exactly the supported subset.
 */
public final class Mnemonics {

    private static final Map<String, Op> ALL = build();

    private Mnemonics() {}

    /** Returns each accepted mnemonic with its operation, in alphabetical order. */
    public static Map<String, Op> all() {
        return ALL;
    }

    private static Map<String, Op> build() {
        Map<String, Op> m = new TreeMap<>();
        for (Form f : InstructionTable.ROWS) {
            for (String name : f.names()) {
                m.putIfAbsent(name, f.op());
                if (!f.suffixed()) continue;
                for (int size : new int[] {Form.B, Form.W, Form.L, Form.Q}) {
                    if ((f.sizes() & size) != 0) m.putIfAbsent(name + suffix(size), f.op());
                }
            }
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static String suffix(int size) {
        return switch (size) {
            case Form.B -> "b";
            case Form.W -> "w";
            case Form.L -> "l";
            default -> "q";
        };
    }
}
