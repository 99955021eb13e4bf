package dev.shadowstep.findings;

import dev.shadowstep.trace.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Collects findings. A finding that repeats at the same site (a handler without EOI that runs a
 * million times in a loop) is kept once, at its first step, with the number of times it happened,
 * so that the list stays short for long runs and the message is built only once.
 */
final class FindingSink {
    private final Map<Site, Entry> entries = new LinkedHashMap<>();

    /** Where a finding happens: its kind and an address or vector that tells repeats apart. */
    private record Site(Finding.Kind kind, long where) {}

    private static final class Entry {
        final Integer step;
        final Finding.Severity severity;
        final String message;
        int times = 1;

        Entry(Integer step, Finding.Severity severity, String message) {
            this.step = step;
            this.severity = severity;
            this.message = message;
        }
    }

    /** Adds a finding at {@code step} (null: the whole run); {@code where} separates sites of one kind. */
    void add(Integer step, Finding.Kind kind, Finding.Severity severity, long where, Supplier<String> message) {
        Entry e = entries.get(new Site(kind, where));
        if (e != null) {
            e.times++;
            return;
        }
        entries.put(new Site(kind, where), new Entry(step, severity, message.get()));
    }

    /** Returns the findings by step (whole-run ones last), then in the order they were added. */
    List<Finding> findings() {
        List<Finding> out = new ArrayList<>(entries.size());
        entries.forEach((site, e) -> out.add(new Finding(e.step, site.kind(), e.severity, e.times == 1 ? e.message
                : e.message + " (" + e.times + " times in this run; the first is shown.)")));
        out.sort(Comparator.comparing(Finding::step, Comparator.nullsLast(Comparator.naturalOrder())));
        return List.copyOf(out);
    }
}
