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
import org.springframework.core.io.ClassPathResource;
import dev.shadowstep.web.library.ScenarioLibrary;

/**
 * The visualizer's list, on the real core in a real browser: the debug_regs.c scenario stepped
 * to its first #DB, the keyboard jump to the IRQ, a located error in the editor, a KVM fix
 * switched off to the failed VM entry, the comparison, and reload landing on the same step.
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
    void anErrorTypedIntoTheProgramIsLocatedAtItsLineAndMarkedInTheGutter() {
        driver.get(url("/editor?from=debug-regs-sti-bare-metal"));
        WebElement text = waiting().until(ExpectedConditions.elementToBeClickable(By.id("yaml")));
        assertThat(driver.findElement(By.id("check-summary")).getText()).isEqualTo("No problems: ready to run.");
        int line = lineOf(text.getAttribute("value"), "  popf") + 1;
        // put the caret at the end of the first popf line and type a new instruction that does not exist
        ((JavascriptExecutor) driver).executeScript("""
                const t = arguments[0], at = t.value.indexOf('  popf\\n') + '  popf'.length;
                t.focus(); t.setSelectionRange(at, at);""", text);
        text.sendKeys(Keys.ENTER, "  frobnicate %rax");
        WebElement where = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#check .where")));
        assertThat(where.getText()).isEqualTo("line " + line + ":3");
        assertThat(driver.findElement(By.id("check")).getText()).contains("program", "frobnicate");
        assertThat(driver.findElement(By.id("L" + line)).getAttribute("class")).contains("error");

        where.click();
        Object caret = ((JavascriptExecutor) driver).executeScript(
                "const t = document.getElementById('yaml'); return document.activeElement === t ? t.selectionStart : -1;");
        assertThat(((Number) caret).intValue()).isEqualTo(text.getAttribute("value").indexOf("frobnicate"));
    }

    static int lineOf(String text, String line) {
        List<String> lines = text.lines().toList();
        return lines.indexOf(line) + 1;
    }

    @Test
    void switchingAKvmFixOffAndRunningShowsTheFailedEntryWithTheCheckNamed() {
        assertThat(library.find("debug-regs-sti-kvm")).as("the kvm-vmx STI scenario is in the library").isPresent();
        driver.get(url("/editor?from=debug-regs-sti-kvm"));
        WebElement fix = waiting().until(ExpectedConditions.elementToBeClickable(By.id("sw-reinject_db_sets_bs")));
        assertThat(fix.isSelected()).isTrue();
        fix.click();
        waiting().until(d -> d.findElement(By.id("yaml")).getAttribute("value").contains("fixes: {reinject_db_sets_bs: false}"));
        assertThat(driver.findElement(By.id("sw-reinject_db_sets_bs")).isSelected()).isFalse();
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("sw-reinject_db_sets_bs");
        assertThat(driver.findElement(By.id("yaml")).getAttribute("value"))
                .contains("andq $~X86_EFLAGS_TF, 16(%rsp)   # clear TF in the saved RFLAGS");

        driver.findElement(By.cssSelector("button.primary")).click();
        waiting().until(ExpectedConditions.urlMatches("/runs/[a-z2-9]{12}"));
        assertThat(driver.findElement(By.cssSelector(".outcome-status")).getText()).isEqualTo("vmentry_failed");
        assertThat(driver.findElement(By.cssSelector(".outcome")).getText())
                .contains("pending debug exceptions: BS must be 1 when RFLAGS.TF=1");
        press("n");
        waitForStep(6);
        press("n");
        waitForStep(9);
        assertThat(inspector()).contains("VM entry");
        driver.navigate().refresh();
        waitForStep(9);
    }

    /** The page's own first difference (data-first); CompareIT derives it from the traces. */
    @Test
    void theComparisonOpensAtTheFirstDifferenceAndArrowsStepBothRuns() {
        assertThat(library.find("debug-regs-sti-kvm")).as("the kvm-vmx STI scenario is in the library").isPresent();
        driver.get(url("/compare?slug=debug-regs-sti-kvm&b=reinject_db_sets_bs%3Doff"));
        int first = Integer.parseInt(driver.findElement(By.tagName("main")).getDomAttribute("data-first"));
        waiting().until(d -> d.findElement(By.cssSelector("[data-side='b'] .step-line")).getText().startsWith("· step " + first + " "));
        assertThat(driver.findElement(By.cssSelector(".divergence")).getText()).contains("First difference: step " + first);
        assertThat(driver.findElement(By.cssSelector("[data-side='a'] .step-line")).getText()).startsWith("· step " + first + " ");

        ((JavascriptExecutor) driver).executeScript("document.querySelector(\"[data-side='a'] canvas.lanes\").focus()");
        press(Keys.ARROW_RIGHT);
        int next = first + 1;
        waiting().until(d -> d.findElement(By.cssSelector("[data-side='a'] .step-line")).getText().startsWith("· step " + next + " "));
        waiting().until(ExpectedConditions.urlContains("step=" + next));
        Object widths = ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('canvas.lanes')].map(c => c.clientWidth).join(',');");
        String[] w = widths.toString().split(",");
        assertThat(w).hasSize(2);
        assertThat(w[0]).isEqualTo(w[1]);

        press("g");
        waiting().until(d -> d.findElement(By.id("step-input")).getAttribute("value").equals(String.valueOf(first)));
        driver.navigate().refresh();
        waiting().until(d -> d.findElement(By.cssSelector("[data-side='a'] .step-line")).getText().startsWith("· step " + first + " "));
    }

    @Test
    void theEditorRunsWhatWasTypedAndAnInvalidRunKeepsTheText() throws Exception {
        driver.get(url("/editor"));
        WebElement text = waiting().until(ExpectedConditions.elementToBeClickable(By.id("yaml")));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", text,
                "format: 1\n# notes that must survive\nprogram: |\n  hlt\n");
        driver.findElement(By.cssSelector("button.primary")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("check"), "missing the required key 'title'"));
        assertThat(driver.findElement(By.id("yaml")).getAttribute("value")).contains("# notes that must survive");
        String starter = new ClassPathResource("editor/starter.yaml").getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];",
                driver.findElement(By.id("yaml")), starter);
        driver.findElement(By.id("yaml")).sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        waiting().until(ExpectedConditions.urlMatches("/runs/[a-z2-9]{12}"));
        waitForStep(0);
        assertThat(driver.findElement(By.cssSelector(".outcome-status")).getText()).isEqualTo("completed");
    }

    @Test
    void theNewPagesKeepTheContentSecurityPolicy() {
        for (String path : List.of("/editor", "/editor?from=debug-regs-sti-bare-metal",
                "/compare?slug=debug-regs-sti-bare-metal&b=db_gate%3Dtrap", "/new")) {
            driver.get(url(path));
        }
        driver.get(url("/editor"));
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("yaml"))).sendKeys("x");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("check-summary"), "problem"));
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused") || m.contains("Uncaught"))
                .toList();
        assertThat(problems).isEmpty();
    }
}
