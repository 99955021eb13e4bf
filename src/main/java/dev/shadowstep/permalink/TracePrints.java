package dev.shadowstep.permalink;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * A 4-byte fingerprint per step, per event (with its step) and for the outcome: what is stored
 * beside the digest so that drift can be located at a step without keeping the whole trace
 * (4 bytes a step: 40 KB for a run of 10,000 steps).
 */
public final class TracePrints {

    private static final byte VERSION = 1;

    private final int[] steps;
    private final int[] eventSteps;
    private final int[] events;
    private final int outcomeStep;
    private final int outcome;

    TracePrints(int[] steps, int[] eventSteps, int[] events, int outcomeStep, int outcome) {
        if (eventSteps.length != events.length) {
            throw new IllegalArgumentException("one step per event fingerprint");
        }
        this.steps = steps.clone();
        this.eventSteps = eventSteps.clone();
        this.events = events.clone();
        this.outcomeStep = outcomeStep;
        this.outcome = outcome;
    }

    /** Returns the number of steps fingerprinted. */
    public int stepCount() {
        return steps.length;
    }

    /**
     * Returns the first step index at which the runs differ: the first differing (or missing) step,
     * the step of the first differing event, or the outcome's step, whichever comes first; -1 when
     * every fingerprint agrees (the digests may still differ, by a fingerprint collision).
     */
    public int firstDifference(TracePrints other) {
        int first = Integer.MAX_VALUE;
        int common = Math.min(steps.length, other.steps.length);
        int i = 0;
        while (i < common && steps[i] == other.steps[i]) {
            i++;
        }
        if (i < common || steps.length != other.steps.length) {
            first = i;
        }
        int commonEvents = Math.min(events.length, other.events.length);
        for (int j = 0; j < Math.max(events.length, other.events.length); j++) {
            if (j >= commonEvents) {
                first = Math.min(first, j < events.length ? eventSteps[j] : other.eventSteps[j]);
                break;
            }
            if (events[j] != other.events[j] || eventSteps[j] != other.eventSteps[j]) {
                first = Math.min(first, Math.min(eventSteps[j], other.eventSteps[j]));
                break;
            }
        }
        if (outcome != other.outcome || outcomeStep != other.outcomeStep) {
            first = Math.min(first, Math.min(outcomeStep, other.outcomeStep));
        }
        return first == Integer.MAX_VALUE ? -1 : first;
    }

    /** Returns the fingerprints as base64 text for the store: version, counts, then big-endian ints. */
    public String encode() {
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + steps.length * 4 + 4 + events.length * 8 + 8);
        out.put(VERSION).putInt(steps.length);
        for (int s : steps) {
            out.putInt(s);
        }
        out.putInt(events.length);
        for (int j = 0; j < events.length; j++) {
            out.putInt(eventSteps[j]).putInt(events[j]);
        }
        out.putInt(outcomeStep).putInt(outcome);
        return Base64.getEncoder().encodeToString(out.array());
    }

    /** Returns the fingerprints {@link #encode} wrote. */
    public static TracePrints decode(String text) {
        ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(text));
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown trace fingerprint version " + version);
        }
        int[] steps = new int[in.getInt()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = in.getInt();
        }
        int n = in.getInt();
        int[] eventSteps = new int[n];
        int[] events = new int[n];
        for (int j = 0; j < n; j++) {
            eventSteps[j] = in.getInt();
            events[j] = in.getInt();
        }
        return new TracePrints(steps, eventSteps, events, in.getInt(), in.getInt());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TracePrints p && Arrays.equals(steps, p.steps) && Arrays.equals(eventSteps, p.eventSteps)
                && Arrays.equals(events, p.events) && outcomeStep == p.outcomeStep && outcome == p.outcome;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(steps) * 31 + Arrays.hashCode(events) + outcome;
    }
}
