package dev.shadowstep.scenario;

import dev.shadowstep.trace.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the register effects of a host action: {@code set_regs} (KVM_SET_REGS, vcpu_regs_set in the KVM
 * selftests) and {@code set_debugregs} (KVM_SET_DEBUGREGS). On bare metal they are the host (a debugger)
 * poking the registers at that boundary.
 */
final class RegisterEffectReader {

    static final List<String> SET_REGS_KEYS = setRegsKeys();
    static final List<String> SET_DEBUGREGS_KEYS = List.of("dr0", "dr1", "dr2", "dr3", "dr6", "dr7");

    /** The RFLAGS bits {@code rflags_set} / {@code rflags_clear} may name (SDM Vol. 1 3.4.3); IOPL is two bits, VM is 0 in 64-bit mode. */
    static final Map<String, Long> FLAGS = flags();

    private RegisterEffectReader() {}

    private static List<String> setRegsKeys() {
        List<String> keys = new ArrayList<>(List.of("rip", "rip_add", "rflags", "rflags_set", "rflags_clear"));
        keys.addAll(State.REG_NAMES);
        return List.copyOf(keys);
    }

    private static Map<String, Long> flags() {
        Map<String, Long> m = new LinkedHashMap<>();
        String[] names = {"CF", "PF", "AF", "ZF", "SF", "TF", "IF", "DF", "OF", "NT", "RF", "AC", "VIF", "VIP", "ID"};
        int[] bits = {0, 2, 4, 6, 7, 8, 9, 10, 11, 14, 16, 18, 19, 20, 21};
        for (int i = 0; i < names.length; i++) m.put(names[i], 1L << bits[i]);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Returns the {@code set_regs} effect, or null after reporting errors. */
    static HostAction.SetRegs setRegs(Node node, String path, Errors errors) {
        Fields f = Fields.of(node, path, errors, SET_REGS_KEYS);
        if (f == null) return null;
        int before = errors.size();
        if (((Node.MapNode) node).entries().isEmpty()) {
            errors.add(path, node.location(), "set_regs sets nothing; name a register, e.g. set_regs: {rip_add: -7} "
                    + "or set_regs: {rflags_set: [TF]}");
            return null;
        }
        if (f.has("rip") && f.has("rip_add")) {
            errors.add(f.path("rip_add"), f.keyLocation("rip_add"), "rip and rip_add both move RIP; write one: rip: label "
                    + "(absolute) or rip_add: N (relative, as vcpu_skip_insn(vcpu, N) does)");
        }
        Address rip = f.has("rip") ? Values.address(f.get("rip"), f.path("rip"), errors) : null;
        Long ripAdd = f.has("rip_add") ? Values.integer(f.get("rip_add"), f.path("rip_add"), errors,
                IntRange.of(Integer.MIN_VALUE, Integer.MAX_VALUE, "an offset in bytes")) : Long.valueOf(0);
        Long rflags = null;
        if (f.has("rflags")) {
            rflags = Values.integer(f.get("rflags"), f.path("rflags"), errors, IntRange.U64);
            if (rflags != null && (rflags & CpuReader.RFLAGS_RESERVED) != 0) {
                errors.add(f.path("rflags"), f.get("rflags").location(), "rflags 0x" + Long.toHexString(rflags)
                        + " sets reserved bits (bits 3, 5, 15 and 22-63 are reserved, SDM Vol. 1, 3.4.3); clear them, e.g. "
                        + "rflags: 0x" + Long.toHexString((rflags & ~CpuReader.RFLAGS_RESERVED) | CpuReader.RFLAGS_FIXED_1));
            }
        }
        Long set = flagList(f, "rflags_set");
        Long clear = flagList(f, "rflags_clear");
        if (set != null && clear != null && (set & clear) != 0) {
            errors.add(f.path("rflags_clear"), f.keyLocation("rflags_clear"), "a flag cannot be both set and cleared: "
                    + "remove it from rflags_set or from rflags_clear");
        }
        Map<Integer, Long> regs = new LinkedHashMap<>();
        for (int r = 0; r < State.REG_NAMES.size(); r++) {
            String key = State.REG_NAMES.get(r);
            if (!f.has(key)) continue;
            Long value = Values.integer(f.get(key), f.path(key), errors, IntRange.ANY64);
            if (value != null) regs.put(r, value);
        }
        if (errors.size() > before) return null;
        return new HostAction.SetRegs(rip, ripAdd, rflags == null ? null : rflags | CpuReader.RFLAGS_FIXED_1,
                set == null ? 0 : set, clear == null ? 0 : clear, regs);
    }

    private static Long flagList(Fields f, String key) {
        if (!f.has(key)) return 0L;
        String path = f.path(key);
        List<Node> items = Values.list(f.get(key), path, f.errors(), "a list of flags, e.g. [TF, RF]");
        if (items == null) return null;
        long mask = 0;
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            Long bit = Values.word(items.get(i), Paths.index(path, i), f.errors(), FLAGS);
            if (bit == null) {
                ok = false;
            } else if ((mask & bit) != 0) {
                f.errors().add(Paths.index(path, i), items.get(i).location(), "this flag is listed twice; list it once");
                ok = false;
            } else {
                mask |= bit;
            }
        }
        return ok ? mask : null;
    }

    /** Returns the {@code set_debugregs} effect, or null after reporting errors. */
    static HostAction.SetDebugRegs setDebugRegs(Node node, String path, Errors errors) {
        Fields f = Fields.of(node, path, errors, SET_DEBUGREGS_KEYS);
        if (f == null) return null;
        int before = errors.size();
        if (((Node.MapNode) node).entries().isEmpty()) {
            errors.add(path, node.location(), "set_debugregs sets nothing; name a register, e.g. "
                    + "set_debugregs: {dr0: hw_bp, dr7: 0x402}");
            return null;
        }
        List<Address> dr = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = "dr" + i;
            dr.add(f.has(key) ? Values.address(f.get(key), f.path(key), errors) : null);
        }
        // KVM_SET_DEBUGREGS refuses DR6/DR7 with bits 63:32 set (kvm_dr6_valid, kvm_dr7_valid: -EINVAL), as a MOV
        // to DR6/DR7 raises #GP for them (SDM Vol. 3B 18.2.6).
        Long dr6 = f.has("dr6") ? Values.integer(f.get("dr6"), f.path("dr6"), errors, IntRange.U32) : null;
        Long dr7 = f.has("dr7") ? Values.integer(f.get("dr7"), f.path("dr7"), errors, IntRange.U32) : null;
        if (errors.size() > before) return null;
        return new HostAction.SetDebugRegs(dr, dr6, dr7);
    }
}
