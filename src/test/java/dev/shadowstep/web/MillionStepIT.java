package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Measures, in the browser, a million-step run made in the editor on the real core: the time
 * from pressing Run to the first step on screen, and the frame time (gaps between animation
 * frames) while scrubbing: a held arrow key, a drag along the overview, a sideways wheel.
 * Prints p50/p99/max of each and checks them against generous bounds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MillionStepIT extends BrowserIT {

    static final String LOOP = """
            format: 1
            title: "A million steps: a loop with one timer IRQ"
            cpu: {rflags: 0x202}
            idt: {0xEC: timer}
            host:
              - at_step: 500000
                raise_irq: 0xEC
            program: |
              loop: inc %rax
              jmp loop
              timer:
              movl $0x80b, %ecx
              xor %eax, %eax
              xor %edx, %edx
              wrmsr
              iretq
            limits: {max_steps: 1000000}
            """;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start(1400, 900);
        driver = browser.driver;
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    JavascriptExecutor js() {
        return (JavascriptExecutor) driver;
    }

    WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    /** A million steps stream for longer than the other pages take. */
    @Override
    WebDriverWait waiting() {
        return waiting(30);
    }

    @Test
    void aMillionStepRunFromTheEditorIsOnScreenQuicklyAndScrubsSmoothly() {
        driver.get("http://localhost:" + port + "/editor");
        // what this machine gives a page's work now (a fixed computation per frame): the bounds below scale with it
        Map<?, ?> idle = frames(IDLE);
        report("a fixed computation per frame on the editor page (1.5 s), the machine's pace now", idle);
        double slack = Math.max(1, ((Number) idle.get("p50")).doubleValue() / 16.7);
        js().executeScript("document.getElementById('yaml').value = arguments[0];", LOOP);
        driver.findElement(By.cssSelector("button.primary")).click();
        waiting(60).until(ExpectedConditions.urlMatches("/runs/[a-z2-9]{12}"));
        waitForStep(0);
        long firstStep = Long.parseLong(js().executeScript("return document.documentElement.dataset.firstStepMs").toString());
        long response = ((Number) js().executeScript(
                "return Math.round(performance.getEntriesByType('navigation')[0].responseStart)")).longValue();
        System.out.printf("million-step run from the editor: server answered (run included) after %d ms; "
                + "first step on screen %d ms after pressing Run%n", response, firstStep);

        long streamStart = System.nanoTime();
        String profile = System.getProperty("shadowstep.profile");
        if (profile != null) {
            ((org.openqa.selenium.chrome.ChromeDriver) driver).executeCdpCommand("Profiler.enable", Map.of());
            ((org.openqa.selenium.chrome.ChromeDriver) driver).executeCdpCommand("Profiler.setSamplingInterval", Map.of("interval", 200));
            ((org.openqa.selenium.chrome.ChromeDriver) driver).executeCdpCommand("Profiler.start", Map.of());
        }
        Map<?, ?> streaming = frames(HOLD_ARROW);
        if (profile != null) {
            Object result = ((org.openqa.selenium.chrome.ChromeDriver) driver).executeCdpCommand("Profiler.stop", Map.of());
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(profile),
                        new tools.jackson.databind.json.JsonMapper().writeValueAsString(((Map<?, ?>) result).get("profile")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Map<?, ?> dragStreaming = frames(DRAG_OVERVIEW);
        report("held → key while the steps stream in", streaming);
        report("drag along the overview while the steps stream in", dragStreaming);
        // on a machine with every core taken by other jobs, the stream takes minutes: wait for it, then measure
        waiting(360).until(ExpectedConditions.textToBePresentInElementLocated(By.id("stream-status"), "All 1000000 steps received"));
        System.out.printf("all 1,000,000 steps streamed into the timeline %d ms after the first%n",
                (System.nanoTime() - streamStart) / 1_000_000);

        js().executeScript("const i = document.getElementById('step-input'); i.value = '400000'; "
                + "i.dispatchEvent(new Event('change'));");
        waitForStep(400_000);
        Map<?, ?> keys = frames(HOLD_ARROW);
        Map<?, ?> drag = frames(DRAG_OVERVIEW);
        Map<?, ?> wheel = frames(WHEEL_LANES);
        Map<?, ?> zooming = frames(CTRL_WHEEL_ZOOM);
        Map<?, ?> panning = frames(DRAG_PAN_LANES);
        report("held → key (30 Hz repeat, 3 s)", keys);
        report("drag along the overview (60 moves/s, 3 s)", drag);
        report("sideways wheel on the lanes (60 events/s, 3 s)", wheel);
        report("Ctrl+wheel zoom in and out around the pointer (60 events/s, 3 s)", zooming);
        report("drag-pan on the lanes (60 moves/s, 3 s)", panning);

        assertThat(firstStep).isLessThan(15_000);
        // while a million steps stream in, the server and the stream worker share the two cores with the page:
        // the median frame must still be smooth; once they are in, nearly every frame. A held → while streaming
        // had slipped to p50 50-83 ms (a layout read per step in the listing highlight, a cut per letter in every
        // where-track label, an LRU move per visible step); with those gone it is one frame again, bounded at four. Dragging
        // along the overview fetches pages of steps it has never seen, from a server still running the stream
        // (each bound is for a machine that keeps the fixed computation at 60 frames/s, and grows with its frame
        // time when the machine is busier than that: the test measures the page, not the other jobs on the machine)
        // (measured: p50 16.7 ms with the other builds running, 50 ms with two busy loops on top of them)
        assertThat(((Number) streaming.get("p50")).doubleValue()).isLessThan(67 * slack);
        assertThat(((Number) dragStreaming.get("p50")).doubleValue()).isLessThan(100 * slack);
        for (Map<?, ?> m : new Map<?, ?>[] {streaming, dragStreaming}) {
            assertThat(((Number) m.get("p99")).doubleValue()).isLessThan(500 * slack);
        }
        for (Map<?, ?> m : new Map<?, ?>[] {keys, drag, wheel, zooming, panning}) {
            assertThat(((Number) m.get("p50")).doubleValue()).isLessThan(50 * slack);
            assertThat(((Number) m.get("p99")).doubleValue()).isLessThan(250 * slack);
        }
        // the address keeps the step shown (and, after zooming, the visible steps as from= and to=)
        String shown = driver.findElement(By.id("step-input")).getDomProperty("value");
        assertThat(Long.parseLong(shown)).isPositive();
        waiting(10).until(d -> d.getCurrentUrl().matches(".*[?&]step=" + shown + "(&.*)?"));
    }

    Map<?, ?> frames(String script) {
        return (Map<?, ?>) js().executeAsyncScript(SAMPLER + script);
    }

    static void report(String what, Map<?, ?> m) {
        System.out.printf("frame time while scrubbing, %s: p50 %s ms, p99 %s ms, max %s ms over %s frames; ended at step %s%n",
                what, m.get("p50"), m.get("p99"), m.get("max"), m.get("frames"), m.get("step"));
    }

    /** Records the gaps between animation frames while drive(tick) runs every few ms for 3 s; reports percentiles. */
    static final String SAMPLER = """
            const done = arguments[arguments.length - 1];
            const gaps = [];
            let last = performance.now();
            const start = last;
            let running = true;
            function frame(now) {
              gaps.push(now - last);
              last = now;
              if (running) requestAnimationFrame(frame);
            }
            requestAnimationFrame(frame);
            function finish() {
              running = false;
              const sorted = gaps.slice(1).sort((a, b) => a - b);
              const at = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10;
              done({ p50: at(0.5), p99: at(0.99), max: at(1), frames: sorted.length,
                     step: document.getElementById('step-input')?.value ?? null });
            }
            """;

    /**
     * A fixed amount of arithmetic each frame for 1.5 s (a few ms on a quiet core, well inside a frame): the
     * frame time the machine gives a page's own work now. On a quiet machine p50 is one frame, 16.7 ms.
     */
    static final String IDLE = """
            let busy = true;
            function work() {
              let x = 0;
              for (let i = 0; i < 5e5; i++) x += Math.sqrt(i);
              window.calibrationSink = x;
              if (busy) requestAnimationFrame(work);
            }
            requestAnimationFrame(work);
            setTimeout(() => { busy = false; finish(); }, 1500);
            """;

    static final String HOLD_ARROW = """
            const timer = setInterval(() => document.body.dispatchEvent(
                new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, repeat: true })), 33);
            setTimeout(() => { clearInterval(timer); setTimeout(finish, 100); }, 3000);
            """;

    static final String DRAG_OVERVIEW = """
            const o = document.getElementById('overview');
            const r = o.getBoundingClientRect();
            const ev = (type, x) => o.dispatchEvent(new PointerEvent(type, { bubbles: true, button: 0, pointerId: 1,
                clientX: r.left + x, clientY: r.top + 20 }));
            let x = 10;
            ev('pointerdown', x);
            const timer = setInterval(() => { x = Math.min(r.width - 10, x + (r.width - 20) / 180); ev('pointermove', x); }, 16);
            setTimeout(() => { clearInterval(timer); ev('pointerup', x); setTimeout(finish, 100); }, 3000);
            """;

    /** Zooms out for 1.5 s (down to the narrowest columns), then back in, around the middle of the lanes. */
    static final String CTRL_WHEEL_ZOOM = """
            const l = document.getElementById('lanes');
            const r = l.getBoundingClientRect();
            let n = 0;
            const timer = setInterval(() => l.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true,
                ctrlKey: true, deltaY: n++ < 90 ? 60 : -60, clientX: r.left + r.width / 2, clientY: r.top + 60 })), 16);
            setTimeout(() => { clearInterval(timer); setTimeout(finish, 100); }, 3000);
            """;

    static final String DRAG_PAN_LANES = """
            const l = document.getElementById('lanes');
            const r = l.getBoundingClientRect();
            const ev = (type, x) => l.dispatchEvent(new PointerEvent(type, { bubbles: true, button: 0, pointerId: 2,
                clientX: r.left + x, clientY: r.top + 60 }));
            let x = r.width - 20, dir = -1;
            ev('pointerdown', x);
            const timer = setInterval(() => { x += dir * 12; if (x < 140 || x > r.width - 20) dir = -dir; ev('pointermove', x); }, 16);
            setTimeout(() => { clearInterval(timer); ev('pointerup', x); setTimeout(finish, 100); }, 3000);
            """;

    static final String WHEEL_LANES = """
            const l = document.getElementById('lanes');
            const r = l.getBoundingClientRect();
            const timer = setInterval(() => l.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true,
                deltaX: 240, deltaY: 0, clientX: r.left + r.width / 2, clientY: r.top + 40 })), 16);
            setTimeout(() => { clearInterval(timer); setTimeout(finish, 100); }, 3000);
            """;
}
