package dev.shadowstep.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run of a million steps is written as it is produced, one step at a time, never held as a list. */
class LargeTraceTest {

    static final int STEPS = 1_000_000;

    /** Counts bytes and throws them away. */
    static final class CountingStream extends OutputStream {
        long bytes;
        @Override public void write(int b) { bytes++; }
        @Override public void write(byte[] b, int off, int len) { bytes += len; }
    }

    /** Builds each step on demand and samples the used heap as the writer goes. */
    static final class LazySteps implements Steps {
        final State state = TraceJsonRecordTest.state(0x302, State.Shadow.STI, State.Activity.ACTIVE, null);
        long heapAtStart = -1;
        long heapAtEnd = -1;
        int fetched;

        @Override public int size() { return STEPS; }

        @Override public Step get(int index) {
            fetched++;
            if (index == 1_000) {
                heapAtStart = usedHeapAfterGc();
            } else if (index == STEPS - 1) {
                heapAtEnd = usedHeapAfterGc();
            }
            return new Step(index, Step.Kind.INSN, 0x401000L + index, "loop+" + index, "nop", Step.Where.GUEST,
                    state, List.of("rip"), "NOP changes nothing but RIP.", List.of());
        }
    }

    /** Returns the bytes this thread has allocated so far (HotSpot's ThreadMXBean extension). */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void aMillionLazyStepsAreStreamedWithBoundedAllocationAndNoHeapGrowth() {
        LazySteps steps = new LazySteps();
        Trace trace = new Trace(Trace.FORMAT, "shadowstep 0.1.0", new Trace.ScenarioRef("long loop", null),
                Map.of("loop", 0x401000L), List.of(), steps, List.of(),
                new Outcome(Outcome.Status.STEP_LIMIT, STEPS - 1, "max_steps reached"), List.of(), List.of());
        CountingStream out = new CountingStream();

        long allocatedBefore = allocatedBytes();
        TraceJson.write(trace, out);
        long allocatedPerStep = (allocatedBytes() - allocatedBefore) / STEPS;

        assertThat(steps.fetched).as("each step fetched once").isEqualTo(STEPS);
        assertThat(out.bytes).as("bytes written").isGreaterThan(STEPS * 500L);
        // Holding the steps (or their JSON) would keep hundreds of megabytes alive; streaming keeps a buffer.
        assertThat(steps.heapAtEnd - steps.heapAtStart).as("heap growth while writing, bytes")
                .isLessThan(32L * 1024 * 1024);
        // About 2 KB per step today (the step itself and its hex strings); a per-step copy of the
        // trace so far, or a document tree, would be far above this bound.
        assertThat(allocatedPerStep).as("bytes allocated per step").isLessThan(8 * 1024);
    }
}
