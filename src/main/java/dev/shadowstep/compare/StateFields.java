package dev.shadowstep.compare;

import dev.shadowstep.trace.State;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A step's state as named fields in the trace format's spelling ({@code rflags}, {@code pending_db},
 * {@code regs.rsp}, {@code vmcs.pending_dbg}), values as the trace writes them. RIP is written where
 * it points ({@code db_handler+0x9}), so code moved between two runs does not count as a difference.
 */
final class StateFields {

    private StateFields() {}

    /** Returns the fields in trace order; {@code vmcs.*} only when the run has a VMCS. */
    static Map<String, String> of(State s, LongFunction<String> where) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("rip", where.apply(s.rip()));
        f.put("rflags", hex(s.rflags()));
        f.put("shadow", s.shadow().name().toLowerCase(java.util.Locale.ROOT));
        f.put("dr0", hex(s.dr0()));
        f.put("dr1", hex(s.dr1()));
        f.put("dr2", hex(s.dr2()));
        f.put("dr3", hex(s.dr3()));
        f.put("dr6", hex(s.dr6()));
        f.put("dr7", hex(s.dr7()));
        f.put("pending_db", hex(s.pendingDb()));
        f.put("irr", vectors(s.irr()));
        f.put("isr", vectors(s.isr()));
        f.put("nmi_blocked", String.valueOf(s.nmiBlocked()));
        f.put("activity", s.activity().name().toLowerCase(java.util.Locale.ROOT));
        if (s.regs() != null) {
            for (int i = 0; i < s.regs().length && i < State.REG_NAMES.size(); i++) {
                f.put("regs." + State.REG_NAMES.get(i), hex(s.regs()[i]));
            }
        }
        State.Vmcs v = s.vmcs();
        if (v != null) {
            f.put("vmcs.interruptibility", hex(v.interruptibility()));
            f.put("vmcs.pending_dbg", hex(v.pendingDbg()));
            f.put("vmcs.activity_state", hex(v.activityState()));
            f.put("vmcs.entry_intr_info", hex(v.entryIntrInfo()));
            f.put("vmcs.exit_reason", hex(v.exitReason()));
            f.put("vmcs.exit_qualification", hex(v.exitQualification()));
        }
        return f;
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    private static String vectors(java.util.List<Integer> vs) {
        if (vs == null || vs.isEmpty()) return "[]";
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < vs.size(); i++) b.append(i == 0 ? "" : ", ").append(hex(vs.get(i)));
        return b.append(']').toString();
    }
}
