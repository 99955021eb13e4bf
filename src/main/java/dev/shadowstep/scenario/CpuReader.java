package dev.shadowstep.scenario;

import dev.shadowstep.core.cpu.ControlRegisters;
import dev.shadowstep.trace.State;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads {@code cpu}: the initial architectural state. */
final class CpuReader {

    /** RFLAGS bits 3, 5, 15 and 22-63 are reserved and must be 0 (SDM Vol. 1, 3.4.3). */
    static final long RFLAGS_RESERVED = (1L << 3) | (1L << 5) | (1L << 15) | (~0L << 22);
    /** RFLAGS bit 1 is reserved and always reads 1 (SDM Vol. 1, 3.4.3). */
    static final long RFLAGS_FIXED_1 = 1L << 1;

    static final List<String> KEYS = keys();

    private static final Map<String, State.Shadow> SHADOWS = shadows();

    private CpuReader() {}

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(List.of("rip", "rflags"));
        keys.addAll(List.of("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp"));
        keys.addAll(List.of("r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"));
        keys.addAll(List.of("dr0", "dr1", "dr2", "dr3", "dr6", "dr7", "debugctl", "cr0", "cr3", "cr4", "cr4_de",
                "cpl", "shadow"));
        return List.copyOf(keys);
    }

    private static Map<String, State.Shadow> shadows() {
        Map<String, State.Shadow> words = new LinkedHashMap<>();
        words.put("none", State.Shadow.NONE);
        words.put("sti", State.Shadow.STI);
        words.put("mov_ss", State.Shadow.MOV_SS);
        return words;
    }

    /** Returns the cpu setup, or null after reporting errors. */
    static CpuSetup read(Node node, String path, Errors errors) {
        Fields f = Fields.of(node, path, errors, KEYS);
        if (f == null) return null;
        int before = errors.size();
        CpuSetup d = CpuSetup.DEFAULT;
        Address rip = f.has("rip") ? Values.address(f.get("rip"), f.path("rip"), errors) : null;
        Long rflags = rflags(f);
        List<Long> regs = new ArrayList<>(d.regs());
        for (int i = 0; i < State.REG_NAMES.size(); i++) {
            Long value = number(f, State.REG_NAMES.get(i), IntRange.ANY64, regs.get(i));
            if (value != null) regs.set(i, value);
        }
        List<Address> dr = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = "dr" + i;
            dr.add(f.has(key) ? Values.address(f.get(key), f.path(key), errors) : d.dr().get(i));
        }
        // MOV to DR6/DR7 with any of bits 63:32 set raises #GP (SDM Vol. 3, "Debug Registers
        // and Intel 64 Processors"), so a start value must fit in 32 bits.
        Long dr6 = number(f, "dr6", IntRange.U32, d.dr6());
        Long dr7 = number(f, "dr7", IntRange.U32, d.dr7());
        Long debugctl = number(f, "debugctl", IntRange.U64, d.debugctl());
        Long cr0 = controlRegister(f, "cr0", d.cr0(), ControlRegisters::heldCr0Problem);
        Long cr3 = controlRegister(f, "cr3", d.cr3(), ControlRegisters::cr3Problem);
        Long cr4 = cr4(f, d.cr4());
        Integer cpl = cpl(f);
        State.Shadow shadow = f.has("shadow") ? Values.word(f.get("shadow"), f.path("shadow"), errors, SHADOWS)
                : d.shadow();
        if (errors.size() > before) return null;
        return new CpuSetup(rip, rflags, regs, dr, dr6, dr7, debugctl, cr0, cr3, cr4, cpl, shadow);
    }

    private static Long number(Fields f, String key, IntRange range, Long absent) {
        return f.has(key) ? Values.integer(f.get(key), f.path(key), f.errors(), range) : absent;
    }

    /** Returns a control register's start value, or null after reporting why the modelled CPU cannot hold it. */
    private static Long controlRegister(Fields f, String key, long absent, Function<Long, String> problem) {
        Long value = number(f, key, IntRange.U64, absent);
        if (value == null || !f.has(key)) return value;
        String why = problem.apply(value);
        if (why != null) {
            f.errors().add(f.path(key), f.get(key).location(), why);
            return null;
        }
        return value;
    }

    /**
     * Returns CR4 at start: {@code cr4} if given, with {@code cr4_de} (the format-1 key) setting or
     * clearing its DE bit; both given and disagreeing on DE is an error.
     */
    private static Long cr4(Fields f, long absent) {
        Long cr4 = controlRegister(f, "cr4", absent, ControlRegisters::cr4Problem);
        if (!f.has("cr4_de")) return cr4;
        Boolean de = Values.bool(f.get("cr4_de"), f.path("cr4_de"), f.errors());
        if (cr4 == null || de == null) return null;
        boolean given = (cr4 & ControlRegisters.CR4_DE) != 0;
        if (f.has("cr4") && given != de) {
            f.errors().add(f.path("cr4_de"), f.get("cr4_de").location(), "cr4_de: " + de + " contradicts cr4: 0x"
                    + Long.toHexString(cr4) + ", whose bit 3 (DE) is " + (given ? 1 : 0)
                    + "; cr4_de is another name for that bit: keep one of them");
            return null;
        }
        return de ? cr4 | ControlRegisters.CR4_DE : cr4 & ~ControlRegisters.CR4_DE;
    }

    private static Long rflags(Fields f) {
        Long rflags = number(f, "rflags", IntRange.U64, CpuSetup.DEFAULT_RFLAGS);
        if (rflags == null) return null;
        long reserved = rflags & RFLAGS_RESERVED;
        if (reserved != 0) {
            f.errors().add(f.path("rflags"), f.get("rflags").location(), "rflags 0x" + Long.toHexString(rflags)
                    + " sets reserved bit" + (Long.bitCount(reserved) > 1 ? "s " : " ") + bitList(reserved)
                    + " (bits 3, 5, 15 and 22-63 are reserved, SDM Vol. 1, 3.4.3); clear "
                    + (Long.bitCount(reserved) > 1 ? "them" : "it") + ", e.g. rflags: 0x"
                    + Long.toHexString((rflags & ~RFLAGS_RESERVED) | RFLAGS_FIXED_1));
            return null;
        }
        return rflags | RFLAGS_FIXED_1;
    }

    private static String bitList(long bits) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((bits & (1L << bit)) != 0) names.add(Integer.toString(bit));
        }
        return String.join(", ", names);
    }

    private static Integer cpl(Fields f) {
        if (!f.has("cpl")) return 0;
        Node node = f.get("cpl");
        Integer cpl = Values.smallInt(node, f.path("cpl"), f.errors(), IntRange.of(0, 3, "cpl"));
        if (cpl != null && cpl != 0 && cpl != 3) {
            f.errors().add(f.path("cpl"), node.location(), "cpl " + cpl + " is not modelled: 64-bit code runs at "
                    + "cpl 0 (kernel) or 3 (user); write cpl: 0 or cpl: 3");
            return null;
        }
        return cpl;
    }
}
