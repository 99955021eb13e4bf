package dev.shadowstep.findings;

import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Trace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Suggests the assert: the {@code expect} block that a run satisfies, as YAML ready to paste into
 * the scenario. The events in order (at most {@value #MAX_LISTED}) with {@code at} as a label,
 * DR6 for #DBs and vectors for IRQs and exceptions; then one {@code count} item per event type,
 * so that an event that goes missing, or one too many, fails the run; then the outcome.
 *
 * <pre>
 * expect:
 *   - db: {at: fep_sti_start, dr6: 0xffff4ff0}
 *   - irq: {vector: 0xaa, at: fep_sti_start}
 *   - db: {at: fep_sti_end, dr6: 0xffff4ff0}
 *   - db: {count: 2}
 *   - irq: {count: 1}
 *   - outcome: completed
 * </pre>
 */
public final class SuggestedExpect {
    /** Events listed one by one; the count items cover the rest of a long run. */
    public static final int MAX_LISTED = 64;

    private static final Pattern PLAIN_LABEL = Pattern.compile("[A-Za-z_.$][A-Za-z0-9_.$]*(\\+0x[0-9a-f]+)?");
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n");

    private SuggestedExpect() {}

    /**
     * Returns the {@code expect} block that {@code trace} satisfies, starting with {@code expect:}
     * and ending in a newline.
     *
     * @param symbols the program's labels, to write addresses as {@code label} or {@code label+0x4}
     */
    public static String yaml(Trace trace, Map<String, Long> symbols) {
        Labels labels = new Labels(symbols, trace.listing());
        StringBuilder out = new StringBuilder("expect:\n");
        List<Event> events = trace.events();
        Map<Event.Type, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            counts.merge(e.type(), 1, Integer::sum);
            if (i < MAX_LISTED) out.append("  - ").append(item(e, labels)).append('\n');
        }
        if (events.size() > MAX_LISTED) {
            out.append("  # ").append(events.size() - MAX_LISTED)
                    .append(" more events are not listed; the counts below cover them\n");
        }
        counts.forEach((type, n) -> out.append("  - ").append(type.wireName()).append(": {count: ").append(n)
                .append("}\n"));
        out.append("  - outcome: ").append(trace.outcome().status().wireName()).append('\n');
        return out.toString();
    }

    /** Returns one event as an item: {@code irq: {vector: 0xaa, at: fep_sti_start}}. */
    private static String item(Event e, Labels labels) {
        List<String> fields = new ArrayList<>();
        boolean guest = switch (e.type()) {
            case DB, BP, EXCEPTION, IRQ, NMI -> true;
            default -> false;
        };
        switch (e.type()) {
            case EXCEPTION, IRQ -> add(fields, "vector", e.vector() == null ? null : Labels.hex(e.vector()));
            case VMEXIT -> {
                add(fields, "reason", quoted(e.reason()));
                add(fields, "qualification", e.qualification() == null ? null : Labels.hex(e.qualification()));
            }
            case VMENTRY_FAILED -> {
                add(fields, "reason", quoted(e.reason()));
                add(fields, "check", quoted(e.check()));
            }
            case EXIT_TO_HOST -> {
                add(fields, "exit", e.exit());
                add(fields, "exception", e.exception() == null ? null : String.valueOf(e.exception()));
                add(fields, "pc", e.pc() == null ? null : address(e.pc(), labels));
            }
            default -> { }
        }
        if (guest || e.type() == Event.Type.VMEXIT) add(fields, "at", e.at() == null ? null : address(e.at(), labels));
        if (e.type() == Event.Type.DB || e.type() == Event.Type.EXIT_TO_HOST) {
            add(fields, "dr6", e.dr6() == null ? null : Labels.hex(e.dr6()));
        }
        if (guest && "injected".equals(e.via())) add(fields, "via", "injected");
        return e.type().wireName() + ":" + (fields.isEmpty() ? "" : " {" + String.join(", ", fields) + "}");
    }

    private static void add(List<String> fields, String key, String value) {
        if (value != null) fields.add(key + ": " + value);
    }

    /** Returns the address as a label expression, quoted when YAML would read it as something else. */
    private static String address(long address, Labels labels) {
        String name = labels.at(address);
        if (name.startsWith("0x")) return name;
        boolean plain = PLAIN_LABEL.matcher(name).matches() && !YAML_WORDS.contains(name.toLowerCase(java.util.Locale.ROOT));
        return plain ? name : quoted(name);
    }

    /** Returns {@code text} as a double-quoted YAML string, or null. */
    private static String quoted(String text) {
        if (text == null) return null;
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
