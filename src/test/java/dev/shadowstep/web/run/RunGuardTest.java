package dev.shadowstep.web.run;

import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.run.ServerBusyException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowstep.run.RunInterruptedException;
import dev.shadowstep.scenario.ScenarioDocument;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.FakeTraces;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunGuardTest {

    static final String SCENARIO = "format: 1\ntitle: t\nprogram: |\n  loop: jmp loop\n";

    static RunGuard guard(TraceService engine, Duration timeout, int concurrent, Duration wait) {
        return new RunGuard(engine, RunLimits.of(1_000_000, timeout, concurrent, wait));
    }

    /** An engine whose runs say they started ({@code running}), then wait for {@code release}. */
    static TraceService heldUntil(CountDownLatch running, CountDownLatch release) {
        return text -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeTraces.stiShadow("t");
        };
    }

    static RunGuard guard(TraceService engine) {
        return new RunGuard(engine, RunLimits.DEFAULT);
    }

    @Test
    void maxStepsAboveTheLimitIsLocatedWhereverItIsWritten() {
        RunGuard g = guard(text -> FakeTraces.stiShadow("t"));
        ScenarioError block = g.boundProblems(SCENARIO + "limits:\n  max_steps: 0x200000\n").getFirst();
        assertThat(block).isEqualTo(new ScenarioError("limits.max_steps", 6, 14, block.message()));
        assertThat(block.message()).startsWith("max_steps is 2,097,152, above this server's limit of 1,000,000 steps");
        assertThat(g.boundProblems(SCENARIO + "limits: {max_steps: 1000001}\n")).hasSize(1);
        // the format has no digit separators: the loader reports 1_000_001 where it is written, not the bound
        assertThat(g.boundProblems(SCENARIO + "limits: {max_steps: 1_000_001}\n")).isEmpty();
        assertThat(g.boundProblems(SCENARIO + "limits: {max_steps: 1000000}\n")).isEmpty();
        assertThat(g.boundProblems(SCENARIO)).isEmpty();
        assertThat(g.boundProblems("format: [\n")).isEmpty();
        assertThat(g.boundProblems(SCENARIO + "limits: {max_steps: lots}\n")).isEmpty();
    }

    @Test
    void aScenarioOverTheLimitIsRefusedWithoutRunning() {
        RunGuard g = guard(text -> { throw new AssertionError("must not run"); });
        assertThatThrownBy(() -> g.run(SCENARIO + "limits: {max_steps: 5000000}\n"))
                .isInstanceOfSatisfying(ScenarioRejectedException.class,
                        e -> assertThat(e.problems().getFirst().path()).isEqualTo("limits.max_steps"));
    }

    @Test
    void aRunThatTakesTooLongIsStoppedAndReportedAtMaxSteps() {
        RunGuard g = guard(text -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                throw new RunInterruptedException(0);
            }
            return FakeTraces.stiShadow("t");
        }, Duration.ofMillis(100), 2, Duration.ofSeconds(1));
        long started = System.nanoTime();
        assertThatThrownBy(() -> g.run(SCENARIO + "limits: {max_steps: 900000}\n"))
                .isInstanceOfSatisfying(ScenarioRejectedException.class, e -> {
                    ScenarioError p = e.problems().getFirst();
                    assertThat(p.path()).isEqualTo("limits.max_steps");
                    assertThat(p.line()).isEqualTo(5);
                    assertThat(p.message()).startsWith("the run took longer than 0 s");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void theCoreStopsARunWhoseWaiterGaveUp() throws Exception {
        EngineTraceService core = new EngineTraceService();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        TraceService watched = text -> {
            try {
                return core.run(text);
            } catch (RuntimeException e) {
                ended.set(e);
                throw e;
            } finally {
                done.countDown();
            }
        };
        RunGuard g = new RunGuard(watched, new RunLimits(10_000_000, Duration.ofMillis(150), 1, Duration.ofSeconds(1), 1, 40, 1, 1));
        assertThatThrownBy(() -> g.run(SCENARIO + "limits: {max_steps: 10000000}\n"))
                .isInstanceOf(ScenarioRejectedException.class)
                .hasMessageContaining("1 problem");
        assertThat(done.await(5, TimeUnit.SECONDS)).as("the run thread ended").isTrue();
        assertThat(ended.get()).isInstanceOf(RunInterruptedException.class);
    }

    @Test
    void whenEverySlotStaysTakenTheServerSaysItIsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        RunGuard g = guard(heldUntil(running, release), Duration.ofSeconds(10), 1, Duration.ofMillis(50));
        Thread first = Thread.ofVirtual().start(() -> g.run(SCENARIO));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> g.run(SCENARIO))
                .isInstanceOf(ServerBusyException.class)
                .hasMessageContaining("try again in a few seconds");
        release.countDown();
        first.join();
        assertThat(g.run(SCENARIO).scenario().title()).isEqualTo("t");
    }

    @Test
    void theEnginesOwnRejectionPassesThroughUnchanged() {
        ScenarioRejectedException rejected = new ScenarioRejectedException(List.of(ScenarioError.general("no")));
        RunGuard g = guard(text -> { throw rejected; });
        assertThatThrownBy(() -> g.run(SCENARIO)).isSameAs(rejected);
    }

    @Test
    void aRunWithinTheLimitsReturnsItsTrace() {
        Trace trace = FakeTraces.stiShadow("fine");
        assertThat(guard(text -> trace).run(SCENARIO)).isSameAs(trace);
    }

    @Test
    void runsGoOnTheEnginesOwnThreadsNeverTheCallers() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        RunGuard g = guard(text -> {
            ranOn.set(Thread.currentThread());
            return FakeTraces.stiShadow("t");
        });
        g.run(SCENARIO);
        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(ranOn.get().isVirtual()).isFalse();
        assertThat(ranOn.get().getName()).startsWith("engine-run-");
    }

    @Test
    void whenTheQueueIsFullTheAnswerIsBusyAtOnceWithARetryAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        RunGuard g = new RunGuard(heldUntil(running, release), new RunLimits(1_000_000, Duration.ofSeconds(10), 1, Duration.ofSeconds(10), 1, 50, 200, 600));
        Thread first = Thread.ofVirtual().start(() -> g.run(SCENARIO));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        Thread queued = Thread.ofVirtual().start(() -> g.run(SCENARIO));
        // the second run waits in the one queue place; once it is there, a third is refused at once
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (g.waiting() < 1 && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(g.waiting()).isEqualTo(1);
        long started = System.nanoTime();
        ServerBusyException refused = org.junit.jupiter.api.Assertions.assertThrows(ServerBusyException.class,
                () -> g.call(1, false, () -> "ran", IllegalStateException::new));
        assertThat(refused.getMessage()).contains("runs waiting already");
        assertThat(refused.retryAfterSeconds()).isPositive();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        release.countDown();
        first.join();
        queued.join();
    }

    @Test
    void aRunLargerThanTheMemoryForRunsIsRefusedAtMaxStepsBeforeRunning() {
        // 2 GiB a step: no heap holds even one step's share
        RunGuard g = new RunGuard(text -> { throw new AssertionError("must not run"); },
                new RunLimits(1_000_000, Duration.ofSeconds(10), 1, Duration.ofSeconds(1), 4, 50, Integer.MAX_VALUE,
                        Integer.MAX_VALUE));
        assertThatThrownBy(() -> g.run(SCENARIO + "limits: {max_steps: 1000}\n"))
                .isInstanceOfSatisfying(ScenarioRejectedException.class, e -> {
                    ScenarioError p = e.problems().getFirst();
                    assertThat(p.path()).isEqualTo("limits.max_steps");
                    assertThat(p.line()).isEqualTo(5);
                    assertThat(p.message()).contains("more than this server's memory for runs holds");
                });
    }

    @Test
    void aScenarioUnderAHypervisorCostsMoreMemoryPerStep() {
        RunGuard g = guard(text -> FakeTraces.stiShadow("t"));
        assertThat(ScenarioDocument.read(SCENARIO + "hypervisor: {kind: kvm-vmx}\n").underHypervisor()).isTrue();
        assertThat(ScenarioDocument.read(SCENARIO).underHypervisor()).isFalse();
        // 600 bytes a step under a hypervisor, 200 on bare metal (RunLimits.DEFAULT)
        assertThat((double) g.maxStepsInMemory(false) / g.maxStepsInMemory(true))
                .isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(g.maxStepsInMemory(true)).isLessThan(g.maxStepsInMemory(false));
    }

    @Test
    void aMadeTraceKeepsItsShareOfTheRunMemoryUntilNothingHoldsIt() throws Exception {
        // FakeTraces' steps count 1 KiB each (Steps.retainedBytes' default); the run asked for 200 bytes a step
        RunGuard g = guard(text -> FakeTraces.longLoop(1000));
        int free = g.memory().freeKib();
        dev.shadowstep.trace.Trace held = g.run(SCENARIO + "limits: {max_steps: 1000}\n");
        assertThat(free - g.memory().freeKib()).isEqualTo(1000);
        held = null;
        for (int i = 0; i < 50 && g.memory().freeKib() < free; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(g.memory().freeKib()).isEqualTo(free);
    }

    @Test
    void aRunWaitingForMemoryAsksTheHoldersToLetGo() throws Exception {
        RunGuard g = guard(text -> FakeTraces.longLoop(10));
        int all = g.memory().totalKib();
        assertThat(g.memory().acquire(all, Duration.ZERO)).isTrue();
        java.util.concurrent.atomic.AtomicLong asked = new java.util.concurrent.atomic.AtomicLong();
        g.memory().onShortage(bytes -> {
            asked.set(bytes);
            g.memory().release(all);
        });
        assertThat(g.memory().acquire(10, Duration.ofSeconds(5))).isTrue();
        assertThat(asked.get()).isEqualTo(10 * 1024L);
    }
}
