package dev.shadowstep.web.run;

import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Sends a run's steps to one SSE client. The first step goes out alone, so it reaches the
 * screen at once; then batches grow (up to {@link #MAX_BATCH} steps or {@link #BATCH_NANOS}
 * of work) so that a long run is not one flush per step. Sending blocks while the client
 * is slow, which is the back-pressure: steps are built only as fast as they are read; a reader
 * too slow to take a batch in {@link #SLOW_SEND_NANOS} is dropped and resumes with Last-Event-ID.
 */
final class StepStreamer {

    static final int MAX_BATCH = 512;
    static final long BATCH_NANOS = 25_000_000;
    /** A batch stops growing past this many characters of JSON, so a stream waiting on a slow reader holds little. */
    static final int MAX_BATCH_CHARS = 16 * 1024;
    /**
     * A reader that takes longer than this to take one batch (under 3 KiB/s) is dropped; one that
     * takes nothing is dropped by the container's write timeout ({@code server.tomcat.connection-timeout}).
     */
    static final long SLOW_SEND_NANOS = 5_000_000_000L;

    private final Steps steps;
    private final Function<Step, String> stepJson;
    /** The end event's JSON, asked for at the end: it carries every event of the run, megabytes for a long one. */
    private final Supplier<String> endJson;
    private final SseEmitter emitter;
    private volatile boolean open = true;
    private int next;
    private int batchLimit = 1;

    StepStreamer(Steps steps, Function<Step, String> stepJson, Supplier<String> endJson, SseEmitter emitter) {
        this.steps = steps;
        this.stepJson = stepJson;
        this.endJson = endJson;
        this.emitter = emitter;
    }

    /** Stops after the batch being built: the client went away. */
    void stop() {
        open = false;
    }

    /** Sends steps from {@code start} to the end, then the end event, then completes the emitter. */
    void streamFrom(int start) {
        from(start);
        while (sendNext()) {
            // one batch a turn; a caller with other streams to serve queues the next turn instead
        }
    }

    /** Sets the first step the next turn sends. */
    StepStreamer from(int start) {
        next = start;
        return this;
    }

    /**
     * Sends one batch (or, after the last step, the end event and completes the emitter); returns
     * whether there is more to send. A reader that took longer than {@link #SLOW_SEND_NANOS} to take
     * a batch is dropped: the stream ends without its end event, and the client's EventSource
     * reconnects with Last-Event-ID and goes on from there, holding nothing on the server meanwhile.
     */
    boolean sendNext() {
        int total = steps.size();
        if (!open) return false;
        if (next >= total) {
            if (send(SseEmitter.event().name("end").data(endJson.get()).build())) emitter.complete();
            open = false;
            return false;
        }
        long deadline = System.nanoTime() + BATCH_NANOS;
        Set<DataWithMediaType> batch = new LinkedHashSet<>();
        int count = 0;
        long chars = 0;
        try {
            do {
                String step = stepJson.apply(steps.get(next));
                batch.addAll(SseEmitter.event().id(Integer.toString(next)).name("step").data(step).build());
                chars += step.length();
                next++;
                count++;
            } while (next < total && count < batchLimit && chars < MAX_BATCH_CHARS && System.nanoTime() < deadline);
        } catch (RuntimeException e) {
            fail(e);
            open = false;
            return false;
        }
        long sending = System.nanoTime();
        if (!send(batch)) return false;
        batchLimit = Math.min(MAX_BATCH, batchLimit * 8);
        if (System.nanoTime() - sending > SLOW_SEND_NANOS) {
            open = false;
            emitter.complete();
            return false;
        }
        return true;
    }

    /** Returns whether the client took the events; when it has gone away, the stream stops. */
    private boolean send(Set<DataWithMediaType> events) {
        try {
            emitter.send(events);
            return true;
        } catch (IOException | IllegalStateException e) {
            // the client closed the connection, or the emitter already completed
            open = false;
            return false;
        }
    }

    /** Tells the client, in words, that a step of the run could not be built, then ends the stream. */
    private void fail(RuntimeException e) {
        String message = "The server could not build a step of this run (" + e.getClass().getSimpleName()
                + "). Reload to try again; if it persists, report the scenario.";
        if (send(SseEmitter.event().name("failure").data("{\"message\":\"" + message + "\"}").build())) {
            emitter.complete();
        }
    }
}
