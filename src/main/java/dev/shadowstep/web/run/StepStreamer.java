package dev.shadowstep.web.run;

import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Steps;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Sends a run's steps to one SSE client. The first step goes out alone, so it reaches the
 * screen at once; then batches grow (up to {@link #MAX_BATCH} steps or {@link #BATCH_NANOS}
 * of work) so that a long run is not one flush per step. Sending blocks while the client
 * is slow, which is the back-pressure: steps are built only as fast as they are read.
 */
final class StepStreamer {

    static final int MAX_BATCH = 512;
    static final long BATCH_NANOS = 25_000_000;
    /** A batch stops growing past this many characters of JSON, so a stream waiting on a slow reader holds little. */
    static final int MAX_BATCH_CHARS = 64 * 1024;

    private final Steps steps;
    private final Function<Step, String> stepJson;
    private final String endJson;
    private final SseEmitter emitter;
    private volatile boolean open = true;

    StepStreamer(Steps steps, Function<Step, String> stepJson, String endJson, SseEmitter emitter) {
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
        int total = steps.size();
        int next = start;
        int batchLimit = 1;
        while (open && next < total) {
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
                return;
            }
            send(batch);
            batchLimit = Math.min(MAX_BATCH, batchLimit * 8);
        }
        if (open && send(SseEmitter.event().name("end").data(endJson).build())) {
            emitter.complete();
        }
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
