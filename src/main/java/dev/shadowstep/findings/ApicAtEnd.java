package dev.shadowstep.findings;

import dev.shadowstep.trace.Finding;
import dev.shadowstep.trace.Trace;
import java.util.List;
import java.util.stream.Collectors;

/** Finds {@code in_service_at_end}: vectors the local APIC still has in service when the run ends. */
final class ApicAtEnd {
    private ApicAtEnd() {}

    /** Reads the ISR of the last step (or, for a run without steps, the scenario's initial ISR). */
    static void check(Trace trace, List<Integer> initialIsr, FindingSink sink) {
        int size = trace.steps().size();
        List<Integer> isr = size == 0 ? initialIsr : trace.steps().state(size - 1).isr();
        if (isr.isEmpty()) return;
        int highest = isr.stream().mapToInt(Integer::intValue).max().orElseThrow();
        String vectors = isr.stream().sorted().map(Labels::hex).collect(Collectors.joining(", "));
        sink.add(trace.outcome().step(), Finding.Kind.IN_SERVICE_AT_END, Finding.Severity.WARNING, 0, () ->
                "The run ends with " + vectors + " still in service in the local APIC (ISR): no EOI retired " + (isr.size() == 1 ? "it" : "them")
                        + " (SDM Vol. 3A 11.8.5), so any later IRQ of priority class " + Labels.hex(highest >> 4)
                        + " or lower would be held for ever.");
    }
}
