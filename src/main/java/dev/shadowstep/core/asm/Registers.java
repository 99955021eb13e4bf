package dev.shadowstep.core.asm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** General, debug and segment register names as GNU as spells them (without the {@code %}). */
final class Registers {
    private Registers() {}

    private static final String[] R64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi"};
    private static final String[] R32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
    private static final String[] R16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
    private static final String[] R8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil"};
    private static final String[] HIGH8 = {"ah", "ch", "dh", "bh"};
    static final List<String> SEGMENTS = List.of("es", "cs", "ss", "ds", "fs", "gs");

    /** A general register as named in source: {@code rex} when it can only be encoded with a REX prefix. */
    record Gpr(int num, int size, boolean high8, boolean rex, String name) {
        /** Returns the 4-bit register code used in encodings (%ah-%bh are 4-7 without REX). */
        int code() { return high8 ? num + 4 : num; }
    }

    private static final Map<String, Gpr> GPRS = gprs();

    private static Map<String, Gpr> gprs() {
        Map<String, Gpr> m = new HashMap<>();
        for (int i = 0; i < 16; i++) {
            m.put(name(i, 8, false), new Gpr(i, 8, false, i >= 8, name(i, 8, false)));
            m.put(name(i, 4, false), new Gpr(i, 4, false, i >= 8, name(i, 4, false)));
            m.put(name(i, 2, false), new Gpr(i, 2, false, i >= 8, name(i, 2, false)));
            m.put(name(i, 1, false), new Gpr(i, 1, false, i >= 4, name(i, 1, false)));
        }
        for (int i = 0; i < 4; i++) m.put(HIGH8[i], new Gpr(i, 1, true, false, HIGH8[i]));
        return m;
    }

    /** Returns the general register called {@code name} (lowercase, no %), or null. */
    static Gpr gpr(String name) {
        return GPRS.get(name);
    }

    /** Returns the debug register number for {@code dr0}-{@code dr7} / {@code db0}-{@code db7}, or -1. */
    static int debug(String name) {
        if (name.length() == 3 && (name.startsWith("dr") || name.startsWith("db"))) {
            char c = name.charAt(2);
            if (c >= '0' && c <= '7') return c - '0';
        }
        return -1;
    }

    /**
     * Returns the control register number for {@code cr0}-{@code cr15}, or -1. GNU as knows all sixteen
     * names; only CR0, CR2, CR3, CR4 and CR8 exist, and a MOV naming another one is #UD when it runs.
     */
    static int control(String name) {
        if (name.matches("cr(?:[0-9]|1[0-5])")) return Integer.parseInt(name.substring(2));
        return -1;
    }

    /** Returns the segment register number (es=0 ... gs=5), or -1. */
    static int segment(String name) {
        return SEGMENTS.indexOf(name);
    }

    /** Returns the AT&T name (without %) of general register {@code num} of {@code size} bytes. */
    static String name(int num, int size, boolean high8) {
        if (high8) return HIGH8[num];
        if (num >= 8) {
            return "r" + num + switch (size) { case 1 -> "b"; case 2 -> "w"; case 4 -> "d"; default -> ""; };
        }
        return switch (size) {
            case 1 -> R8[num];
            case 2 -> R16[num];
            case 4 -> R32[num];
            default -> R64[num];
        };
    }
}
