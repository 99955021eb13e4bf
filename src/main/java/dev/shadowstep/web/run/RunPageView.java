package dev.shadowstep.web.run;

import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.ListingEntry;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The parts of a run that the scenario page renders on the server: listing rows and event rows. */
public final class RunPageView {

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

    /** The letter and name come from {@link Event.Type} and {@link Event#name}, as on the timeline (/api/vocabulary.json). */
    public static EventRow event(Event e) {
        boolean guest = switch (e.type()) {
            case DB, BP, EXCEPTION, IRQ, NMI -> true;
            case VMEXIT, VMENTRY_FAILED, EXIT_TO_HOST -> false;
        };
        return new EventRow(e.step(), e.type().wireName(), e.type().letter(), e.name() + (guest ? " delivered" : ""), detail(e));
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
