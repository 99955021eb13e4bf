package dev.shadowstep.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code hypervisor.vmcs}: guest-state fields written before the first VM entry ({@code kind: vmx}). */
final class VmcsReader {

    static final List<String> KEYS = List.of("interruptibility", "pending_dbg", "activity", "entry_intr_info");
    /** Guest activity states (SDM Vol. 3, "Guest Non-Register State"). */
    private static final Map<String, Long> ACTIVITIES = activities();

    private VmcsReader() {}

    private static Map<String, Long> activities() {
        Map<String, Long> words = new LinkedHashMap<>();
        words.put("active", 0L);
        words.put("hlt", 1L);
        words.put("shutdown", 2L);
        words.put("wait_for_sipi", 3L);
        return words;
    }

    /** Returns the VMCS fields, or null after reporting errors. */
    static VmcsSetup read(Node node, String path, Errors errors) {
        Fields f = Fields.of(node, path, errors, KEYS);
        if (f == null) return null;
        int before = errors.size();
        // Any 32-bit value is accepted, even an invalid one: the VM-entry checks are what is explored.
        Long interruptibility = field(f, "interruptibility", IntRange.U32);
        Long pendingDbg = field(f, "pending_dbg", IntRange.U64);
        Long activity = activity(f);
        Long entryIntrInfo = field(f, "entry_intr_info", IntRange.U32);
        if (errors.size() > before) return null;
        return new VmcsSetup(interruptibility, pendingDbg, activity, entryIntrInfo);
    }

    private static Long field(Fields f, String key, IntRange range) {
        return f.has(key) ? Values.integer(f.get(key), f.path(key), f.errors(), range) : Long.valueOf(0);
    }

    private static Long activity(Fields f) {
        if (!f.has("activity")) return 0L;
        Node node = f.get("activity");
        if (node instanceof Node.Scalar s && !s.text().isEmpty() && Character.isDigit(s.text().charAt(0))) {
            return Values.integer(node, f.path("activity"), f.errors(), IntRange.U32);
        }
        return Values.word(node, f.path("activity"), f.errors(), ACTIVITIES);
    }
}
