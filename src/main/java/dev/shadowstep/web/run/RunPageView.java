package dev.shadowstep.web.run;

import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.ListingEntry;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The parts of a run that the scenario page renders on the server: listing rows and event rows. */
public final class RunPageView {

    /** Exception vector names, SDM Vol. 3A, Table 6-1. */
    private static final Map<Integer, String> VECTORS = Map.ofEntries(
            Map.entry(0, "#DE"), Map.entry(1, "#DB"), Map.entry(2, "NMI"), Map.entry(3, "#BP"),
            Map.entry(4, "#OF"), Map.entry(5, "#BR"), Map.entry(6, "#UD"), Map.entry(7, "#NM"),
            Map.entry(8, "#DF"), Map.entry(10, "#TS"), Map.entry(11, "#NP"), Map.entry(12, "#SS"),
            Map.entry(13, "#GP"), Map.entry(14, "#PF"), Map.entry(16, "#MF"), Map.entry(17, "#AC"),
            Map.entry(18, "#MC"), Map.entry(19, "#XM"));

    private RunPageView() {}

    /** One listing line: address, bytes spaced in pairs, source text, labels. */
    public record ListingRow(String address, String bytes, String text, List<String> labels, int line) {}

    /** One event as a line of the events list; {@code step} links to {@code ?step=}, {@code type} is the wire name. */
    public record EventRow(int step, String type, String letter, String title, String detail) {}

    public static List<ListingRow> listing(List<ListingEntry> listing) {
        List<ListingRow> rows = new ArrayList<>(listing.size());
        for (ListingEntry e : listing) {
            String bytes = HexFormat.ofDelimiter(" ").formatHex(e.bytes());
            rows.add(new ListingRow(hex(e.address()), bytes, e.text(), e.labels(), e.line()));
        }
        return rows;
    }

    public static List<EventRow> events(List<Event> events) {
        return events.stream().map(RunPageView::event).toList();
    }

    /** Letters match the timeline markers (frontend/src/lanes.js), so colour is never the only signal. */
    public static EventRow event(Event e) {
        String vector = e.vector() == null ? "" : VECTORS.getOrDefault(e.vector(), "vector " + hex(e.vector()));
        return switch (e.type()) {
            case DB -> new EventRow(e.step(), e.type().wireName(), "D", "#DB delivered", detail(e));
            case BP -> new EventRow(e.step(), e.type().wireName(), "B", "#BP delivered", detail(e));
            case EXCEPTION -> new EventRow(e.step(), e.type().wireName(), "E", vector + " delivered", detail(e));
            case IRQ -> new EventRow(e.step(), e.type().wireName(), "I", "IRQ " + hex(e.vector() == null ? 0 : e.vector()) + " delivered", detail(e));
            case NMI -> new EventRow(e.step(), e.type().wireName(), "N", "NMI delivered", detail(e));
            case VMEXIT -> new EventRow(e.step(), e.type().wireName(), "X", "VM exit: " + e.reason(), detail(e));
            case VMENTRY_FAILED -> new EventRow(e.step(), e.type().wireName(), "F", "VM entry failed", detail(e));
            case EXIT_TO_HOST -> new EventRow(e.step(), e.type().wireName(), "H", "Exit to host: " + e.exit(), detail(e));
        };
    }

    private static String detail(Event e) {
        List<String> parts = new ArrayList<>();
        if (e.at() != null) {
            parts.add("at " + hex(e.at()) + (e.label() == null ? "" : " (" + e.label() + ")"));
        }
        if (e.dr6() != null) {
            String cause = e.cause() == null || e.cause().isEmpty() ? "" : " (" + String.join(", ", e.cause()) + ")";
            parts.add("DR6 " + hex(e.dr6()) + cause);
        }
        if (e.qualification() != null) {
            parts.add("qualification " + hex(e.qualification()));
        }
        if (e.check() != null) {
            parts.add(e.check());
        }
        if (e.via() != null) {
            parts.add(e.via());
        }
        return String.join(", ", parts);
    }

    public static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
