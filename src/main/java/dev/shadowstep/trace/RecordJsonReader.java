package dev.shadowstep.trace;

import java.util.List;

/** Reads the small records of a trace back from JSON: listing entries, events, outcome, expectations, findings. */
final class RecordJsonReader {

    private RecordJsonReader() {}

    static ListingEntry listingEntry(JsonObjectReader o) {
        byte[] bytes;
        try {
            bytes = Hex.parseBytes(o.string("bytes"));
        } catch (IllegalArgumentException e) {
            throw o.error("bytes", e.getMessage());
        }
        return new ListingEntry(o.hex("address"), bytes, o.optionalString("text"), o.strings("labels"),
                o.integer("line"));
    }

    static Event event(JsonObjectReader o) {
        List<String> cause = o.present("cause") ? o.strings("cause") : null;
        Long port = o.optionalHex("port");
        return new Event(o.integer("step"), o.wireName("type", Event.Type.class), o.optionalInteger("vector"),
                o.optionalHex("at"), o.optionalString("label"), o.optionalHex("dr6"), cause,
                o.optionalString("via"), o.optionalString("reason"), o.optionalHex("qualification"),
                o.optionalString("check"), o.optionalString("exit"), o.optionalInteger("exception"),
                o.optionalHex("pc"), o.optionalHex("dr7"), port == null ? null : port.intValue(), o.optionalString("io"),
                o.optionalInteger("size"), o.optionalHex("value"));
    }

    static Outcome outcome(JsonObjectReader o) {
        return new Outcome(o.wireName("status", Outcome.Status.class), o.integer("step"),
                o.optionalString("message"));
    }

    static ExpectationResult expectation(JsonObjectReader o) {
        return new ExpectationResult(o.string("expect"), o.bool("ok"), o.optionalInteger("step"),
                o.optionalString("message"));
    }

    static Finding finding(JsonObjectReader o) {
        return new Finding(o.optionalInteger("step"), o.wireName("kind", Finding.Kind.class),
                o.wireName("severity", Finding.Severity.class), o.string("message"));
    }
}
