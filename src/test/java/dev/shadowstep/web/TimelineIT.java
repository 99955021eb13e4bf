package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The timeline of debug_regs.c's STI test on bare metal, on the real core: the where track and
 * the handler frames, the tooltip at the pointer, Ctrl+wheel zoom, search and the listing marks.
 * The expected places come from the scenario's program: popf sets TF, the sti (step 3) traps at
 * fep_sti_start (#DB, step 4), db_handler's andq and iretq run (5, 6), IRQ 0xaa is taken at
 * fep_sti_start (step 7), and the second half's sti traps at fep_sti_end (step 18), whose #DB
 * runs the same andq again (step 19).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TimelineIT extends BrowserIT {

    static final String PAGE = "/scenarios/debug-regs-sti-bare-metal";
    /**
     * Rows of the lanes canvas (timeline-layout.js geometryFor): markers 22 px, the line for their labels 13,
     * step numbers 18, then the where track (20) and frames (16).
     */
    static final int WHERE_Y = 22 + 13 + 18 + 10;
    static final int FRAME_Y = 22 + 13 + 18 + 20 + 8;

    JavascriptExecutor js() {
        return (JavascriptExecutor) driver;
    }

    void openAndWaitForTheWholeRun() {
        driver.get(url(PAGE));
        waitForStep(0);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("stream-status"), "All 23 steps received"));
    }

    WebElement lanes() {
        return driver.findElement(By.id("lanes"));
    }

    int attr(String name) {
        return Integer.parseInt(lanes().getDomAttribute(name));
    }

    /** Moves the mouse over the middle of a step's column at y (canvas px) and returns the tooltip's text once it names that step. */
    String tooltipAt(int step, int y) {
        WebElement canvas = lanes();
        int x = attr("data-label-width") + (step - attr("data-first")) * attr("data-column-width") + attr("data-column-width") / 2;
        new Actions(driver).moveToElement(canvas, x - canvas.getSize().getWidth() / 2, y - canvas.getSize().getHeight() / 2).perform();
        WebElement tip = driver.findElement(By.cssSelector(".timeline-tip"));
        waiting().until(d -> tip.isDisplayed() && tip.getText().startsWith("Step " + step + " "));
        return tip.getText();
    }

    @Test
    void theWhereTrackNamesFepStiStartForTheDbAndIrqStepsAndNestsTheirHandlers() {
        openAndWaitForTheWholeRun();
        assertThat(tooltipAt(4, WHERE_Y)).contains("#DB delivered", "where fep_sti_start (0x40100b)");
        assertThat(tooltipAt(7, WHERE_Y)).contains("IRQ 0xaa delivered", "where fep_sti_start (0x40100b)");
        assertThat(tooltipAt(5, FRAME_Y)).contains("frame #DB at fep_sti_start → db_handler");
        assertThat(tooltipAt(10, FRAME_Y)).contains("frame IRQ 0xaa at fep_sti_start → irq_handler");
        assertThat(tooltipAt(19, FRAME_Y)).contains("frame #DB at fep_sti_end → db_handler");
        // outside the handlers the guest runs its own code: no frame
        assertThat(tooltipAt(14, FRAME_Y)).doesNotContain("frame ");
        // the tooltip floats: the page below the timeline does not move while it shows
        assertThat(driver.findElement(By.cssSelector(".timeline-tip")).getCssValue("position")).isEqualTo("absolute");
    }

    @Test
    void ctrlWheelZoomsAroundThePointerAndTheAddressKeepsTheView() {
        openAndWaitForTheWholeRun();
        int before = attr("data-column-width");
        js().executeScript("""
                const l = document.getElementById('lanes');
                const r = l.getBoundingClientRect();
                for (let i = 0; i < 3; i++) l.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true,
                    ctrlKey: true, deltaY: 100, clientX: r.left + r.width / 2, clientY: r.top + 60 }));""");
        waiting().until(d -> attr("data-column-width") < before);
        waiting().until(ExpectedConditions.urlMatches("from=\\d+&to=\\d+"));
        js().executeScript("""
                const l = document.getElementById('lanes');
                const r = l.getBoundingClientRect();
                for (let i = 0; i < 6; i++) l.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true,
                    ctrlKey: true, deltaY: -100, clientX: r.left + r.width / 2, clientY: r.top + 60 }));""");
        waiting().until(d -> attr("data-column-width") > before);
        waiting().until(d -> attr("data-first") > 0);
        // the view settles before the address is rewritten: wait until the URL's from= names the first visible step
        waiting().until(d -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]from=(\\d+)").matcher(d.getCurrentUrl());
            return m.find() && Integer.parseInt(m.group(1)) == attr("data-first");
        });
        String zoomed = driver.getCurrentUrl();
        int first = attr("data-first");
        driver.navigate().refresh();
        waitForStep(0);
        waiting().until(d -> attr("data-first") == first);
        assertThat(driver.getCurrentUrl()).isEqualTo(zoomed);
    }

    @Test
    void aQueryFindsTheTwoSingleStepDbsAndEnterGoesFromOneToTheNext() {
        openAndWaitForTheWholeRun();
        WebElement query = driver.findElement(By.id("trace-query"));
        query.sendKeys("event db and dr6.bs == 1", Keys.ENTER);
        waiting().until(ExpectedConditions.textToBe(By.id("search-status"), "2 steps match; Enter goes to the next."));
        waitForStep(4);
        query.sendKeys(Keys.ENTER);
        waitForStep(18);

        query.clear();
        query.sendKeys("dr6.bs changes", Keys.ENTER);
        waiting().until(ExpectedConditions.textToBe(By.id("search-status"), "1 step matches; Enter goes to the next."));
        waitForStep(4);

        query.clear();
        query.sendKeys("rip == fep_sti_start", Keys.ENTER);
        // the two deliveries report RIP fep_sti_start, and the cli there runs once
        waiting().until(ExpectedConditions.textToBe(By.id("search-status"), "3 steps match; Enter goes to the next."));

        query.clear();
        query.sendKeys("dr7 == 1", Keys.ENTER);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("search-status"), "Column 1: \"dr7\" is not a field"));
        assertThat(query.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(query.getDomProperty("value")).isEqualTo("dr7 == 1");
    }

    @Test
    void clickingAListingLineMarksEveryExecutionOfItAndXMovesBetweenThem() {
        openAndWaitForTheWholeRun();
        // db_handler's andq runs once per #DB: steps 5 and 19
        WebElement andq = driver.findElement(By.xpath("//table[contains(@class,'listing-table')]//tr[td[contains(.,'andq')]]"));
        andq.click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("stream-status"), "2 executions of the instruction at 0x401019 marked"));
        assertThat(andq.getDomAttribute("class")).contains("marked");
        js().executeScript("const i = document.getElementById('step-input'); i.value = '0'; i.dispatchEvent(new Event('change'));");
        waitForStep(0);
        js().executeScript("document.getElementById('lanes').focus()");
        press("x");
        waitForStep(5);
        press("x");
        waitForStep(19);
        press("X");
        waitForStep(5);

        // the first half's sti, at 0x40100a, runs once (step 3); the second half has its own sti
        driver.findElement(By.xpath("//table[contains(@class,'listing-table')]//tr[@data-address='0x40100a']")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("stream-status"), "1 execution of the instruction at 0x40100a marked"));
    }

    @Test
    void theFrameViewAtTheHandlersAndqShowsTfClearedInTheSavedRflags() {
        driver.get(url(PAGE + "?step=5"));
        waitForStep(5);
        // the #DB delivery (step 4) pushed RIP, CS, RFLAGS, RSP, SS below RSP 0x800000, leaving RSP at
        // 0x7fffd8; the saved RFLAGS (IF=1, TF=1: 0x302) is at 16(%rsp) = 0x7fffe8, and the andq clears TF there
        WebElement rflags = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//table[contains(@class,'stack-table')]//tr[td[contains(@class,'slot') and .='RFLAGS']]")));
        assertThat(rflags.getText()).contains("0x7fffe8", "0x202", "written at step 5: 0x302 → 0x202, TF cleared");
        assertThat(rflags.getDomAttribute("class")).contains("changed");
        String stack = driver.findElement(By.cssSelector(".stack-table")).getText();
        assertThat(stack).contains("0x7fffd8 0x40100b RIP fep_sti_start", "0x7ffff0 0x800000 RSP");
    }

    @Test
    void emptyLanesAreFoldedUntilAsked() {
        openAndWaitForTheWholeRun();
        WebElement toggle = driver.findElement(By.id("lanes-toggle"));
        // the STI test never sets RF, the MOV SS shadow, B0..B3, BD, BT or NMI blocking, and on bare metal
        // only the program runs (L1 throughout, so the who-runs lane is folded too)
        assertThat(toggle.getText()).startsWith("Show all 18 lanes (10 empty)");
        int folded = lanes().getSize().getHeight();
        toggle.click();
        waiting().until(ExpectedConditions.textToBePresentInElement(toggle, "Hide empty lanes"));
        waiting().until(d -> lanes().getSize().getHeight() > folded);
    }

    /** Returns the x (from the canvas's centre, as Actions offsets are) of the middle of a step's column. */
    int offsetOfStep(int step) {
        int x = attr("data-label-width") + (step - attr("data-first")) * attr("data-column-width") + attr("data-column-width") / 2;
        return x - lanes().getSize().getWidth() / 2;
    }

    /** Shift+drags on the lanes from one step's column to another's and returns the summary once it shows. */
    String shiftDrag(int from, int to) {
        int y = FRAME_Y - lanes().getSize().getHeight() / 2;
        new Actions(driver).keyDown(Keys.SHIFT).moveToElement(lanes(), offsetOfStep(from), y).clickAndHold()
                .moveToElement(lanes(), offsetOfStep((from + to) / 2), y).moveToElement(lanes(), offsetOfStep(to), y)
                .release().keyUp(Keys.SHIFT).perform();
        WebElement box = driver.findElement(By.id("range-summary"));
        waiting().until(d -> box.isDisplayed() && box.getText().startsWith("Steps " + from + " to " + to + " "));
        return box.getText();
    }

    @Test
    void shiftDragSumsUpTheStepsTheEventsAndTheLanesThatChanged() {
        openAndWaitForTheWholeRun();
        // steps 3..7: the sti (3) traps, the #DB is delivered at fep_sti_start (4), its handler runs
        // (5, 6) and IRQ 0xaa is taken at fep_sti_start (7): two events
        String around = shiftDrag(3, 7);
        assertThat(around).startsWith("Steps 3 to 7 (5 steps): 2 events (#DB at 0x40100b (fep_sti_start), DR6 0xffff4ff0 (BS); IRQ 0xaa at 0x40100b (fep_sti_start))");
        // ...and in them the sti sets IF and the shadow and makes BS pending; the delivery clears TF and IF
        // and sets DR6.BS; the IRQ's delivery moves 0xaa from IRR to ISR
        assertThat(around).contains("lanes that changed: TF, IF, STI shadow, DR6.BS, pending #DB", "IRR, ISR.");
        // steps 8..12, the IRQ handler: no event; the x2APIC EOI (wrmsr to 0x80b) clears ISR and
        // iretq restores IF=1; TF stays clear and BS stays set (sticky)
        assertThat(shiftDrag(8, 12)).isEqualTo("Steps 8 to 12 (5 steps): no events; lanes that changed: IF, ISR.");
    }

    @Test
    void theLanePickerMovesALaneWithTheKeyboardAndTheAddressKeepsTheOrder() {
        openAndWaitForTheWholeRun();
        // the lanes this run uses, in their usual order (the others are folded away): TF and IF (popf, sti),
        // the STI shadow, DR6.BS and the pending trap, the held IRQ, IRR and ISR
        driver.findElement(By.cssSelector(".lane-picker > summary")).click();
        WebElement up = driver.findElement(By.cssSelector("button[aria-label='Move IRR up']"));
        waiting().until(ExpectedConditions.elementToBeClickable(up));
        up.sendKeys(Keys.ENTER);
        waiting().until(ExpectedConditions.urlContains("lanes=tf,if,sti,bs,pending,irr,held,isr"));
        // the keyboard stays on the moved lane's button, so Enter again moves it one more place
        assertThat(driver.switchTo().activeElement().getDomAttribute("aria-label")).isEqualTo("Move IRR up");
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        waiting().until(ExpectedConditions.urlContains("lanes=tf,if,sti,bs,irr,pending,held,isr"));
        js().executeScript("document.getElementById('lanes').focus()");
        waiting().until(d -> readoutOrder());
        String moved = driver.getCurrentUrl();
        driver.navigate().refresh();
        waitForStep(0);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("stream-status"), "All 23 steps received"));
        assertThat(driver.getCurrentUrl()).isEqualTo(moved);
        js().executeScript("document.getElementById('lanes').focus()");
        waiting().until(d -> readoutOrder());
        // the picker lists the lanes in that order too
        java.util.List<String> rows = driver.findElements(By.cssSelector("#lane-choices .lane-choice")).stream()
                .map(row -> row.getDomAttribute("data-lane")).limit(8).toList();
        assertThat(rows).containsExactly("tf", "if", "sti", "bs", "irr", "pending", "held", "isr");
    }

    @Test
    void onTheKvmPageTheInjectedDbAndTheVmExitBesideItBothSayWhereTheyLanded() {
        // debug_regs.c's STI test under KVM: the #DB is injected and delivered at fep_sti_start (step 10),
        // and the preemption timer exits at once, in db_handler (step 11): two markers side by side
        driver.get(url("/scenarios/debug-regs-sti-kvm"));
        waitForStep(0);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("stream-status"), "All 43 steps received"));
        waiting().until(d -> labels().contains("|10:"));
        java.util.List<String> labels = java.util.List.of(labels().split("\\|"));
        assertThat(labels).anyMatch(l -> l.matches("10:[01]:(fep_sti_start|fep…start)"));
        assertThat(labels).anyMatch(l -> l.matches("11:[01]:db_handler"));
        // every event of the run has its label: the VM exits, the two #DBs, the IRQ
        assertThat(labels.stream().map(l -> l.split(":")[0]).toList()).contains("6", "10", "11", "16", "20", "37");
    }

    String labels() {
        return lanes().getDomAttribute("data-labels");
    }

    /** Whether the readout (which reads the lanes top to bottom) names IRR before the pending #DB lane. */
    boolean readoutOrder() {
        String text = driver.findElement(By.id("readout")).getText();
        return text.contains("IRR ") && text.contains("pending #DB ") && text.indexOf("IRR ") < text.indexOf("pending #DB ");
    }
}
