package dev.shadowstep.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/** Reads {@code apic}: vectors pending and in service at start, the task priority, and the interface mode. */
final class ApicReader {

    static final List<String> KEYS = List.of("irr", "isr", "tpr", "mode");

    /** The words of {@code mode}, in the order an error lists them. */
    private static final Map<String, Boolean> MODES = modes();

    private ApicReader() {}

    /** Returns the APIC setup, or null after reporting errors. */
    static ApicSetup read(Node node, String path, Errors errors) {
        Fields f = Fields.of(node, path, errors, KEYS);
        if (f == null) return null;
        int before = errors.size();
        List<Integer> irr = f.has("irr") ? vectors(f.get("irr"), f.path("irr"), errors, IntRange.IRQ_VECTOR) : List.of();
        List<Integer> isr = f.has("isr") ? vectors(f.get("isr"), f.path("isr"), errors, IntRange.VECTOR) : List.of();
        Integer tpr = f.has("tpr")
                ? Values.smallInt(f.get("tpr"), f.path("tpr"), errors, IntRange.of(0, 255, "the APIC task priority register (class in bits 7:4)"))
                : Integer.valueOf(0);
        Boolean x2apic = f.has("mode") ? Values.word(f.get("mode"), f.path("mode"), errors, MODES) : Boolean.TRUE;
        if (errors.size() > before) return null;
        return new ApicSetup(irr, isr, tpr, x2apic);
    }

    private static Map<String, Boolean> modes() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        m.put("x2apic", true);
        m.put("xapic", false);
        return m;
    }

    private static List<Integer> vectors(Node node, String path, Errors errors, IntRange range) {
        List<Node> items = Values.list(node, path, errors, "a list of vectors, e.g. [0xAA]");
        if (items == null) return null;
        List<Integer> vectors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            Integer vector = Values.smallInt(item, Paths.index(path, i), errors, range);
            if (vector == null) continue;
            if (vectors.contains(vector)) {
                errors.add(Paths.index(path, i), item.location(), "vector 0x" + Integer.toHexString(vector)
                        + " is listed twice; the register has one bit per vector, so list it once");
            } else {
                vectors.add(vector);
            }
        }
        return vectors;
    }
}
