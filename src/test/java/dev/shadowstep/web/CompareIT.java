package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.switches.Variant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;

/**
 * The compare page in Chromium: it opens at the first difference with both inspectors, a compare
 * link opens in a fresh profile at the same step, and a what-if from a scenario page lands in the
 * compare at its step. The first difference of debug-regs-sti-kvm against emulated_db_sets_bs off
 * is read from the two traces (the first step whose VMCS pending debug exceptions differ).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CompareIT extends BrowserIT {

    static final String COMPARE = "/compare?slug=debug-regs-sti-kvm&b=emulated_db_sets_bs%3Doff";

    @Override
    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Returns {step, A's pending_dbg, B's pending_dbg} where the two runs' VMCS pending debug exceptions first differ. */
    static long[] firstPendingDbgDifference() throws Exception {
        String yaml = new ClassPathResource("scenarios/debug-regs-sti-kvm.yaml").getContentAsString(StandardCharsets.UTF_8);
        Trace a = ScenarioRunner.run(ScenarioLoader.load(yaml), null);
        Trace b = ScenarioRunner.run(ScenarioLoader.load(Variant.parse("emulated_db_sets_bs=off").apply(yaml)), null);
        int i = 0;
        while (a.steps().state(i).vmcs().pendingDbg() == b.steps().state(i).vmcs().pendingDbg()) i++;
        return new long[] {i, a.steps().state(i).vmcs().pendingDbg(), b.steps().state(i).vmcs().pendingDbg()};
    }

    /**
     * Waits until the page shows row {@code step} with both inspectors filled, and returns the
     * inspector's row of {@code field}: {class, field cell, A, B} (read at once: the rows are redrawn).
     */
    static java.util.List<String> waitForRow(WebDriver driver, WebDriverWait wait, long step, String field) {
        wait.until(d -> String.valueOf(step).equals(d.findElement(By.tagName("main")).getDomAttribute("data-inspector-row")));
        return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            for (WebElement tr : d.findElements(By.cssSelector("#inspector-rows tr"))) {
                java.util.List<WebElement> cells = tr.findElements(By.cssSelector("th, td"));
                String name = cells.getFirst().getText();
                if (name.equals(field) || name.startsWith(field + " ")) {
                    return java.util.List.of(String.valueOf(tr.getDomAttribute("class")), name, cells.get(1).getText(), cells.get(2).getText());
                }
            }
            return null;
        });
    }

    /** Puts the keyboard on the timeline without clicking it (a click moves to the step under the pointer). */
    void focusTimeline() {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("document.querySelector('main.compare canvas.lanes').focus()");
    }

    /** Paints-side check: whether the hatching's colour (--marker-db) is inside column {@code row} on the pair of lanes from {@code pair}. */
    static final String HATCHED_JS = """
            const [canvas, row, pair] = arguments;
            const d = canvas.dataset, ratio = canvas.width / canvas.clientWidth;
            const x0 = Number(d.labelWidth) + (row - Number(d.first)) * Number(d.columnWidth);
            const y0 = Number(d.lanesTop) + pair * Number(d.laneHeight);
            const db = getComputedStyle(canvas).getPropertyValue('--marker-db').trim();
            const [r, g, b] = [1, 3, 5].map((i) => parseInt(db.slice(i, i + 2), 16));
            const px = canvas.getContext('2d').getImageData(Math.round((x0 + 3) * ratio), Math.round((y0 + 2) * ratio),
                Math.max(1, Math.round((Number(d.columnWidth) - 6) * ratio)), Math.round((2 * Number(d.laneHeight) - 4) * ratio)).data;
            for (let i = 0; i < px.length; i += 4) {
              if (Math.abs(px[i] - r) < 40 && Math.abs(px[i + 1] - g) < 40 && Math.abs(px[i + 2] - b) < 40) return true;
            }
            return false;""";

    /**
     * One timeline for both runs: one lanes canvas whose lanes come in A/B pairs per piece of state,
     * the pair of the VMCS pending debug exceptions hatched at the first step where the traces' values
     * differ (read on the canvas: the hatching's colour inside that column, on that pair's rows), and
     * a click on the column before moves the one cursor, so both inspector columns show step N-1.
     */
    @Test
    void oneTimelineInterleavesTheRunsHatchesTheDifferenceAndItsCursorMovesBothInspectors() throws Exception {
        long[] expected = firstPendingDbgDifference();
        int first = (int) expected[0];
        driver.get(url(COMPARE));
        waitForRow(driver, waiting(), first, "vmcs.pending_dbg");
        assertThat(driver.findElements(By.cssSelector("main.compare canvas.lanes"))).hasSize(1);
        WebElement timeline = driver.findElement(By.cssSelector(".compare-timeline"));
        waiting().until(d -> "true".equals(timeline.getDomAttribute("data-ready")));

        java.util.List<String> lanes = java.util.List.of(timeline.getDomAttribute("data-lanes").split(" "));
        assertThat(lanes.indexOf("b:tf")).isEqualTo(lanes.indexOf("a:tf") + 1).isPositive();
        // under KVM the host and L1 take turns, so the who-runs lanes are there, as a pair
        assertThat(lanes.indexOf("b:runs")).isEqualTo(lanes.indexOf("a:runs") + 1).isPositive();
        for (int i = 0; i + 1 < lanes.size(); i += 2) {
            assertThat(lanes.get(i)).startsWith("a:");
            assertThat(lanes.get(i + 1)).isEqualTo("b:" + lanes.get(i).substring(2));
        }
        // the hatched rows of the pending-debug pair start at the first difference
        assertThat(timeline.getDomAttribute("data-differing")).containsPattern("(^| )vmcs-pdbg:(\\d+-\\d+,)*" + first + "-\\d+");
        WebElement canvas = driver.findElement(By.id("lanes"));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        int pair = lanes.indexOf("a:vmcs-pdbg");
        waiting().until(d -> Boolean.TRUE.equals(js.executeScript(HATCHED_JS, canvas, first, pair)));
        // TF, read from both traces at that step: hatched exactly when the two values differ
        String yaml = new ClassPathResource("scenarios/debug-regs-sti-kvm.yaml").getContentAsString(StandardCharsets.UTF_8);
        boolean tfA = ScenarioRunner.run(ScenarioLoader.load(yaml), null).steps().state(first).tf();
        boolean tfB = ScenarioRunner.run(ScenarioLoader.load(Variant.parse("emulated_db_sets_bs=off").apply(yaml)), null).steps().state(first).tf();
        assertThat(js.executeScript(HATCHED_JS, canvas, first, lanes.indexOf("a:tf"))).as("TF pair hatched").isEqualTo(tfA != tfB);

        // a click on the column before: the one cursor moves, and both runs' inspector columns follow (the
        // first difference is "step N of both runs" at row N, so rows 0..N are both runs' steps 0..N)
        int before = first - 1;
        double x = Double.parseDouble(canvas.getDomAttribute("data-label-width"))
                + (before - Double.parseDouble(canvas.getDomAttribute("data-first")) + 0.5)
                * Double.parseDouble(canvas.getDomAttribute("data-column-width"));
        new Actions(driver).moveToElement(canvas, (int) Math.round(x - canvas.getSize().getWidth() / 2.0), 0).click().perform();
        java.util.List<String> row = waitForRow(driver, waiting(), before, "step");
        assertThat(row.subList(2, 4)).containsExactly(String.valueOf(before), String.valueOf(before));
        waiting().until(ExpectedConditions.urlContains("step=" + before));
        assertThat(canvas.getDomAttribute("data-current")).isEqualTo(String.valueOf(before));
        for (String side : new String[] {"a", "b"}) {
            assertThat(driver.findElement(By.cssSelector(".compare-run[data-side='" + side + "'] .step-line")).getText())
                    .startsWith("step " + before + " ");
        }
    }

    @Test
    void theCompareOpensAtTheFirstDifferenceWithBothInspectors() throws Exception {
        long[] expected = firstPendingDbgDifference();
        driver.get(url(COMPARE));
        java.util.List<String> row = waitForRow(driver, waiting(), expected[0], "vmcs.pending_dbg");
        assertThat(driver.findElement(By.id("step-input")).getDomProperty("value")).isEqualTo(String.valueOf(expected[0]));
        assertThat(row.get(0)).contains("differs");
        assertThat(row.get(1)).contains("≠");
        assertThat(row.subList(2, 4)).containsExactly("0x" + Long.toHexString(expected[1]), "0x" + Long.toHexString(expected[2]));
        assertThat(driver.findElement(By.cssSelector(".divergence")).getText())
                .contains("First difference: step " + expected[0] + " of both runs", "vmcs.pending_dbg");
        assertThat(driver.findElement(By.cssSelector("[data-side='a'] .step-line")).getText()).contains("step " + expected[0] + " ");
        assertThat(driver.findElement(By.cssSelector("[data-side='b'] .step-line")).getText()).contains("step " + expected[0] + " ");

        // ] goes to the next difference, [ comes back, and the address follows
        String[] rows = driver.findElement(By.tagName("main")).getDomAttribute("data-differences").split(",");
        assertThat(rows.length).isGreaterThan(1);
        focusTimeline();
        press("]");
        waiting().until(d -> d.findElement(By.id("step-input")).getDomProperty("value").equals(rows[1]));
        waiting().until(ExpectedConditions.urlContains("step=" + rows[1]));
        press("[");
        waiting().until(d -> d.findElement(By.id("step-input")).getDomProperty("value").equals(rows[0]));
        press("?");
        waiting().until(d -> d.findElement(By.id("help")).isDisplayed());
        assertThat(driver.findElement(By.id("shortcut-rows")).getText()).contains("Next difference");
    }

    @Test
    void aCompareLinkOpensInAFreshProfileAtTheSameStep() throws Exception {
        long[] expected = firstPendingDbgDifference();
        driver.get(url(COMPARE));
        waitForRow(driver, waiting(), expected[0], "vmcs.pending_dbg");
        focusTimeline();
        press(Keys.ARROW_RIGHT);
        long step = expected[0] + 1;
        waiting().until(ExpectedConditions.urlContains("step=" + step));
        java.util.List<String> here = waitForRow(driver, waiting(), step, "step");
        driver.findElement(By.id("share-compare")).click();
        waiting().until(ExpectedConditions.urlMatches("/s/[0-9a-z]{10,}/vs/[0-9a-z]{10,}\\?step=" + step + "$"));
        String link = driver.getCurrentUrl();

        Browser fresh = Browser.start(1400, 1000);
        try {
            fresh.driver.get(link);
            WebDriverWait wait = new WebDriverWait(fresh.driver, Duration.ofSeconds(20));
            assertThat(waitForRow(fresh.driver, wait, step, "step")).isEqualTo(here);
            assertThat(fresh.driver.findElement(By.id("step-input")).getDomProperty("value")).isEqualTo(String.valueOf(step));
            assertThat(fresh.driver.findElement(By.id("compare-link")).getText()).startsWith("/s/");
        } finally {
            fresh.close();
        }
    }

    /**
     * sti-shadow-basic: STI is step 0, so step 1 is the boundary inside its shadow. The fork raises
     * IRQ 0xAA there (a host action, the fork's step 1) and the compare opens on it.
     */
    @Test
    void aWhatIfFromAScenarioPageLandsInTheCompareAtThatStep() {
        driver.get(url("/scenarios/sti-shadow-basic?step=1"));
        waitForStep(1);
        driver.findElement(By.cssSelector(".what-if-menu summary")).click();
        new Select(driver.findElement(By.id("what-if-choice"))).selectByValue("irq");
        WebElement vector = driver.findElement(By.id("what-if-vector"));
        vector.clear();
        vector.sendKeys("0xaa");
        assertThat(driver.findElement(By.id("what-if-step")).getDomProperty("value")).isEqualTo("1");
        driver.findElement(By.cssSelector(".what-if button[type='submit']")).click();
        waiting().until(ExpectedConditions.urlMatches("/compare\\?run=[0-9a-z]{12}&with=[0-9a-z]{12}&step=1$"));
        assertThat(waitForRow(driver, waiting(), 1, "what").get(3)).contains("raises IRQ 0xaa");
        assertThat(driver.findElement(By.cssSelector(".side-names")).getText()).contains("what if: + {at_step: 1, raise_irq: 0xaa}");
    }
}
