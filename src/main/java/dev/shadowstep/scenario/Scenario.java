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
 * @param lesson      the scenario's place in a course, or null
 * @param questions   predict-then-reveal questions, in file order
 */
public record Scenario(int format, String title, String summary, String program, int programLine,
                       Map<String, List<Long>> data, CpuSetup cpu, ApicSetup apic, Map<Integer, IdtEntry> idt,
                       Hypervisor hypervisor, List<HostAction> host, List<ExpectItem> expect, Limits limits,
                       Lesson lesson, List<Question> questions) {

    /** The only format version this reader knows. */
    public static final int FORMAT = 1;

    public Scenario {
        data = orderedCopy(data);
        idt = Collections.unmodifiableMap(new LinkedHashMap<>(idt));
        host = List.copyOf(host);
        expect = List.copyOf(expect);
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    /** A scenario without a lesson or questions. */
    public Scenario(int format, String title, String summary, String program, int programLine,
                    Map<String, List<Long>> data, CpuSetup cpu, ApicSetup apic, Map<Integer, IdtEntry> idt,
                    Hypervisor hypervisor, List<HostAction> host, List<ExpectItem> expect, Limits limits) {
        this(format, title, summary, program, programLine, data, cpu, apic, idt, hypervisor, host, expect, limits,
                null, List.of());
    }

    private static Map<String, List<Long>> orderedCopy(Map<String, List<Long>> data) {
        Map<String, List<Long>> copy = new LinkedHashMap<>();
        data.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
