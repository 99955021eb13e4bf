package dev.shadowstep.permalink;

import dev.shadowstep.trace.Event;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.trace.TraceJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * What a run showed, reduced to a SHA-256 and per-item fingerprints, so a later engine's run of
 * the same scenario can be compared with the stored one and the first differing step named.
 *
 * <p>The digest covers the trace JSON's {@code steps}, {@code events} and {@code outcome} (as
 * {@link TraceJson} writes them) and nothing else: not the engine string, the scenario id, the
 * listing or the expectations. Input: {@code "steps\n"}, each step's JSON and {@code "\n"},
 * {@code "events\n"}, each event's JSON and {@code "\n"}, {@code "outcome\n"} and the outcome's JSON.
 * A step is digested as the first version-1 trace wrote it, without the later additions
 * {@code rule}, {@code rules} and {@code writes} ({@link Step#withoutAdditions}): links stored before
 * them do not drift, and what a step does still shows in its state, why and held lines.
 *
 * @param sha256 the digest, 64 lower-case hex digits
 * @param prints the per-item fingerprints that locate a difference
 */
public record TraceDigest(String sha256, TracePrints prints) {

    private static final JsonFactory JSON = new JsonFactory();

    /** Returns the digest of the trace's steps, events and outcome. */
    public static TraceDigest of(Trace trace) {
        MessageDigest whole = newSha256();
        Steps steps = trace.steps();
        int[] stepPrints = new int[steps.size()];
        whole.update(bytes("steps\n"));
        for (int i = 0; i < stepPrints.length; i++) {
            stepPrints[i] = add(whole, TraceJson.stepJson(steps.get(i).withoutAdditions()));
        }
        List<Event> events = trace.events();
        int[] eventSteps = new int[events.size()];
        int[] eventPrints = new int[events.size()];
        whole.update(bytes("events\n"));
        for (int i = 0; i < eventPrints.length; i++) {
            eventSteps[i] = events.get(i).step();
            eventPrints[i] = add(whole, TraceJson.eventJson(events.get(i)));
        }
        whole.update(bytes("outcome\n"));
        byte[] outcome = bytes(outcomeJson(trace.outcome()));
        whole.update(outcome);
        TracePrints prints = new TracePrints(stepPrints, eventSteps, eventPrints,
                trace.outcome().step(), fingerprint(outcome));
        return new TraceDigest(HexFormat.of().formatHex(whole.digest()), prints);
    }

    /** Returns the index of the first step at which the two runs differ; -1 when they show the same. */
    public int firstDifference(TraceDigest other) {
        if (sha256.equals(other.sha256)) {
            return -1;
        }
        return prints.firstDifference(other.prints);
    }

    /** Adds one item and its line end to the digest; returns the item's fingerprint. */
    private static int add(MessageDigest whole, String json) {
        byte[] item = bytes(json);
        whole.update(item);
        whole.update((byte) '\n');
        return fingerprint(item);
    }

    /** Returns the first 4 bytes of the item's SHA-256: enough to locate a difference, not to prove one. */
    private static int fingerprint(byte[] item) {
        return ByteBuffer.wrap(newSha256().digest(item)).getInt();
    }

    /** Returns the outcome exactly as the trace writer writes it, by writing a trace holding only it. */
    private static String outcomeJson(Outcome outcome) {
        Trace alone = new Trace(Trace.FORMAT, "", new Trace.ScenarioRef("", null), Map.of(), List.of(),
                Steps.of(List.of()), List.of(), outcome, List.of(), List.of());
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        TraceJson.write(alone, written);
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), new ByteArrayInputStream(written.toByteArray()))) {
            p.nextToken();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                JsonToken value = p.nextToken();
                if (p.currentName().equals("outcome")) {
                    StringWriter out = new StringWriter();
                    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
                        g.copyCurrentStructure(p);
                    }
                    return out.toString();
                }
                if (value.isStructStart()) {
                    p.skipChildren();
                }
            }
        }
        throw new IllegalStateException("the trace writer wrote no outcome");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
