package dev.shadowstep.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One experiment, as read from a scenario file (format version 1, see docs/scenario-format.md).
 *
 * @param program     guest code, GNU as AT&T syntax
 * @param programLine the file line holding program line 1: the line after {@code program: |} for a
 *                    block scalar, the key's line for other styles
 * @param data        named 8-byte data cells, in file order; one value per cell
 * @param idt         handler per vector, in file order
 * @param hypervisor  the VMM, or null for bare metal
 */
public record Scenario(int format, String title, String summary, String program, int programLine,
                       Map<String, List<Long>> data, CpuSetup cpu, ApicSetup apic, Map<Integer, IdtEntry> idt,
                       Hypervisor hypervisor, List<HostAction> host, List<ExpectItem> expect, Limits limits) {

    /** The only format version this reader knows. */
    public static final int FORMAT = 1;

    public Scenario {
        data = orderedCopy(data);
        idt = Collections.unmodifiableMap(new LinkedHashMap<>(idt));
        host = List.copyOf(host);
        expect = List.copyOf(expect);
    }

    private static Map<String, List<Long>> orderedCopy(Map<String, List<Long>> data) {
        Map<String, List<Long>> copy = new LinkedHashMap<>();
        data.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
