package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import dev.shadowstep.web.library.ScenarioLibrary;

/**
 * The visualizer's list, on the real core in a real browser: the debug_regs.c scenario stepped
 * to its first #DB, the keyboard jump to the IRQ, the comparison, reload landing on the same step,
 * and the strict CSP on the new pages. The editor's own list (a located error, a KVM fix switched
 * off to the failed VM entry, running what was typed) is EditorIT.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VisualizerIT extends BrowserIT {

    @Autowired
    ScenarioLibrary library;

    /** Waits, looking again when htmx swapped the element being read (the form is replaced after a switch). */
    @Override
    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    @Test
    void theFirstDbOfDebugRegsStiShowsDr6WithBsAtFepStiStartThenTheKeyboardJumpsToTheIrq() {
        driver.get(url("/scenarios/debug-regs-sti-bare-metal"));
        waitForStep(0);
        press("e");
        waitForStep(4);
        assertThat(inspector()).contains("#DB delivered", "0xffff4ff0 (BS)");
        WebElement dr6 = driver.findElement(By.xpath("//div[contains(@class,'field')][dt[starts-with(normalize-space(.),'DR6')]]"));
        assertThat(dr6.getText()).contains("0xffff4ff0");
        assertThat(driver.findElement(By.cssSelector(".listing-table tr.current")).getText()).contains("fep_sti_start:");

        press("i");
        waitForStep(7);
        assertThat(inspector()).containsIgnoringCase("IRQ 0xaa delivered");
        assertThat(driver.getCurrentUrl()).endsWith("?step=7");
    }

    @Test
    void reloadingLandsOnTheSameStep() {
        driver.get(url("/scenarios/debug-regs-sti-bare-metal"));
        waitForStep(0);
        press("i");
        waitForStep(7);
        press(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        waitForStep(9);
        waiting().until(ExpectedConditions.urlContains("?step=9"));
        driver.navigate().refresh();
        waitForStep(9);
        assertThat(driver.findElement(By.id("step-input")).getAttribute("value")).isEqualTo("9");
    }

    @Test
    void theComparisonOpensAtTheFirstDifferenceAndArrowsStepBothRuns() {
        assertThat(library.find("debug-regs-sti-kvm")).as("the kvm-vmx STI scenario is in the library").isPresent();
        driver.get(url("/compare?slug=debug-regs-sti-kvm&b=reinject_db_sets_bs%3Doff"));
        int first = Integer.parseInt(driver.findElement(By.tagName("main")).getDomAttribute("data-first"));
        waiting().until(d -> d.findElement(By.cssSelector("[data-side='b'] .step-line")).getText().contains("step " + first + " "));
        assertThat(driver.findElement(By.cssSelector(".divergence")).getText()).contains("First difference: step " + first);
        assertThat(driver.findElement(By.cssSelector("[data-side='a'] .step-line")).getText()).contains("step " + first + " ");

        ((JavascriptExecutor) driver).executeScript("document.querySelector('main.compare canvas.lanes').focus()");
        press(Keys.ARROW_RIGHT);
        int next = first + 1;
        waiting().until(d -> d.findElement(By.cssSelector("[data-side='a'] .step-line")).getText().contains("step " + next + " "));
        waiting().until(ExpectedConditions.urlContains("step=" + next));
        // one timeline for both runs: one lanes canvas
        assertThat(driver.findElements(By.cssSelector("main.compare canvas.lanes"))).hasSize(1);

        press("g");
        waiting().until(d -> d.findElement(By.id("step-input")).getAttribute("value").equals(String.valueOf(first)));
        driver.navigate().refresh();
        waiting().until(d -> d.findElement(By.cssSelector("[data-side='a'] .step-line")).getText().contains("step " + first + " "));
    }

    @Test
    void theNewPagesKeepTheContentSecurityPolicy() {
        for (String path : List.of("/editor", "/editor?from=debug-regs-sti-bare-metal",
                "/compare?slug=debug-regs-sti-bare-metal&b=db_gate%3Dtrap", "/new")) {
            driver.get(url(path));
        }
        driver.get(url("/editor"));
        // the editor's CodeMirror panes (EditorIT drives them); typing into one is checked like the text area was
        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#settings-pane .cm-content"))).sendKeys("x");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("check-summary"), "problem"));
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused") || m.contains("Uncaught"))
                .toList();
        assertThat(problems).isEmpty();
    }
}
