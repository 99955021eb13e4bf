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
 * Who runs each step, and the exit to userspace, on the timeline of debug_regs.c's bd_start sub-test
 * under KVM (library scenario debug-regs-bd-kvm), on the real core. The expected steps come from the
 * scenario: KVM_SET_GUEST_DEBUG and the VM entry run in the host (steps 0, 1), the guest's
 * {@code mov $0x1234, %rax} in L1 (2), the MOV from DR0 exits (dr_access, 3), handle_dr reports
 * KVM_EXIT_DEBUG to userspace (4, 5: exception 1, pc bd_start, dr6 = BD | DR6_ACTIVE_LOW), userspace
 * resumes and KVM enters again (6, 7), and the guest runs cmp, jne, int3 and its handler in L1 (8-12)
 * until its hlt exits (13, 14).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WhoRunsIT extends BrowserIT {

    static final String PAGE = "/scenarios/debug-regs-bd-kvm";

    WebElement lanes() {
        return driver.findElement(By.id("lanes"));
    }

    int attr(String name) {
        return Integer.parseInt(lanes().getDomAttribute(name));
    }

    void openAndWaitForTheWholeRun(String page) {
        driver.get(url(page));
        waitForStep(0);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("stream-status"), "All 15 steps received"));
    }

    /** Moves the mouse over a step's column at y (canvas px) and returns the tooltip's text once it names that step. */
    String tooltipAt(int step, int y) {
        WebElement canvas = lanes();
        int x = attr("data-label-width") + (step - attr("data-first")) * attr("data-column-width") + attr("data-column-width") / 2;
        new Actions(driver).moveToElement(canvas, x - canvas.getSize().getWidth() / 2, y - canvas.getSize().getHeight() / 2).perform();
        WebElement tip = driver.findElement(By.cssSelector(".timeline-tip"));
        waiting().until(d -> tip.isDisplayed() && tip.getText().startsWith("Step " + step + " "));
        return tip.getText();
    }

    /** The y of the middle of the first lane: the who-runs lane, shown first because host and L1 take turns. */
    int whoRunsY() {
        return attr("data-lanes-top") + 8;
    }

    @Test
    void theWhoRunsLaneShowsTheHostAndL1AtTheirSteps() {
        openAndWaitForTheWholeRun(PAGE);
        for (int step : new int[] {0, 1, 3, 4, 5, 6, 7, 13, 14}) {
            assertThat(tooltipAt(step, whoRunsY())).as("step " + step).contains("who runs host · Who executes the step");
        }
        for (int step : new int[] {2, 8, 9, 10, 11, 12}) {
            assertThat(tooltipAt(step, whoRunsY())).as("step " + step).contains("who runs L1 · Who executes the step");
        }
        // the lane is in the picker and in the address like the others
        driver.findElement(By.cssSelector(".lane-picker > summary")).click();
        WebElement box = driver.findElement(By.id("lane-runs"));
        waiting().until(ExpectedConditions.elementToBeClickable(box));
        assertThat(box.isSelected()).isTrue();
        assertThat(driver.findElement(By.cssSelector("label[for='lane-runs']")).getText()).isEqualTo("who runs");
        box.click();
        waiting().until(ExpectedConditions.urlContains("lanes="));
        assertThat(driver.getCurrentUrl()).doesNotContain("runs,").doesNotContain(",runs");
    }

    @Test
    void aLinkAsksForTheWhoRunsLaneByName() {
        openAndWaitForTheWholeRun(PAGE + "?lanes=tf,runs");
        // the lanes in the link's order: TF first, then who runs
        assertThat(tooltipAt(4, attr("data-lanes-top") + 17 + 8)).contains("who runs host");
        assertThat(tooltipAt(4, attr("data-lanes-top") + 8)).contains("TF 0 (clear)");
    }

    @Test
    void theExitToUserspaceIsAMarkerNamedAfterTheExitWithKvmsFieldsInItsTooltip() {
        openAndWaitForTheWholeRun(PAGE);
        // written beside its marker, without hovering
        waiting().until(d -> lanes().getDomAttribute("data-labels").contains("5:0:KVM_EXIT_DEBUG"));
        // run->debug.arch as debug_regs.c's bd_start reads it: exception 1 (DB_VECTOR), pc at the MOV, dr6 = BD | DR6_ACTIVE_LOW
        assertThat(tooltipAt(5, 10)).contains("KVM_EXIT_DEBUG: exception 1 (#DB), pc 0x401007 (bd_start), dr6 0xffff2ff0");
        // and the search finds it by name
        WebElement query = driver.findElement(By.id("trace-query"));
        query.sendKeys("KVM_EXIT_DEBUG", Keys.ENTER);
        waiting().until(ExpectedConditions.textToBe(By.id("search-status"), "1 step matches; Enter goes to the next."));
        waitForStep(5);
        query.clear();
        query.sendKeys("runs == l1", Keys.ENTER);
        waiting().until(ExpectedConditions.textToBe(By.id("search-status"), "6 steps match; Enter goes to the next."));
    }

    @Test
    void aLongListOfMetExpectationsFoldsSoTheTimelineIsOnTheFirstScreen() {
        // debug_regs.c's whole main() checks 26 things (its TEST_ASSERTs); all met, they fold into one line
        driver.get(url("/scenarios/debug-regs-main-kvm"));
        waitForStep(0);
        WebElement folded = driver.findElement(By.cssSelector("details.expectations-folded"));
        assertThat(folded.getDomAttribute("open")).isNull();
        WebElement summary = folded.findElement(By.tagName("summary"));
        assertThat(summary.getText()).isEqualTo("Expected (26 of 26 met)");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        Number top = (Number) js.executeScript("return document.querySelector('canvas.lanes').getBoundingClientRect().top");
        Number height = (Number) js.executeScript("return window.innerHeight");
        assertThat(top.doubleValue()).as("the lanes start on the first screen").isLessThan(height.doubleValue());
        summary.click();
        waiting().until(d -> folded.findElements(By.cssSelector("li.ok")).size() == 26 && folded.findElements(By.cssSelector("li.ok")).get(0).isDisplayed());

        // a short list stays written out
        // (debug-regs-bd-kvm's five expect items)
        driver.get(url(PAGE));
        waitForStep(0);
        assertThat(driver.findElements(By.cssSelector("details.expectations-folded"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector("div.expectations")).getText()).contains("Expected (5 of 5 met):");
    }
}
