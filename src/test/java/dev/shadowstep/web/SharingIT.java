package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;

/** Sharing and findings in a real browser, on the real core: a link opened in a fresh profile, a finding followed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "shadowstep.permalink.rate-limit.capacity=0")
class SharingIT extends BrowserIT {

    static WebDriverWait waiting(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(10));
    }

    static void waitForStep(WebDriver d, int step) {
        waitForStep(waiting(d), step);
    }

    @Test
    void aSharedLinkOpensAtTheSameStepInAFreshBrowserAndItsTextFormStartsWithTheSource() throws IOException {
        driver.get("http://localhost:" + port + "/scenarios/debug-regs-sti-bare-metal");
        waitForStep(driver, 0);
        new Actions(driver).sendKeys("e").perform();
        waitForStep(driver, 4);
        new Actions(driver).sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT).perform();
        waitForStep(driver, 7);
        String inspectorHere = driver.findElement(By.id("inspector-body")).getText();

        driver.findElement(By.cssSelector(".share-button")).click();
        WebElement pageLink = waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("share-page")));
        String link = pageLink.getDomProperty("value");
        assertThat(link).matches("http://localhost:" + port + "/s/[a-km-np-z2-9]{10,}\\?step=7");
        assertThat(driver.findElement(By.cssSelector(".share-note")).getText())
                .isEqualTo("Links are public: anyone with the link can see the scenario.");
        String txt = driver.findElement(By.id("share-txt")).getDomProperty("value");

        try (Browser fresh = Browser.start(1000, 900)) {
            fresh.driver.get(link);
            waitForStep(fresh.driver, 7);
            assertThat(fresh.driver.findElement(By.id("scenario-title")).getText())
                    .isEqualTo("debug_regs.c STI test on bare metal: single-step #DB in an STI shadow, then the pending IRQ");
            assertThat(fresh.driver.findElement(By.id("inspector-body")).getText()).isEqualTo(inspectorHere);

            fresh.driver.get(txt);
            String text = fresh.driver.findElement(By.tagName("pre")).getText();
            String source = new ClassPathResource("scenarios/debug-regs-sti-bare-metal.yaml")
                    .getContentAsString(StandardCharsets.UTF_8);
            List<String> lines = text.lines().toList();
            assertThat(lines.getFirst()).startsWith("Scenario: debug_regs.c STI test on bare metal");
            assertThat(quotedSource(lines)).isEqualTo(source.stripTrailing());
            assertThat(lines).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
        }
    }

    @Test
    void aLinkMadeFromTheEditorOpensTheEditedScenarioAtItsStepInAFreshBrowser() {
        driver.get("http://localhost:" + port + "/editor?from=debug-regs-sti-bare-metal");
        String title = "Edited in the editor: STI shadow and single-step";
        ((JavascriptExecutor) driver).executeScript("const t = document.getElementById('yaml');"
                + "t.value = t.value.replace(/^title: .*$/m, 'title: \"' + arguments[0] + '\"');", title);
        driver.findElement(By.cssSelector("button.primary")).click();
        waiting(driver).until(ExpectedConditions.urlMatches("/runs/[a-z2-9]{12}"));
        waitForStep(driver, 0);
        new Actions(driver).sendKeys("e").perform();
        waitForStep(driver, 4);
        String inspectorHere = driver.findElement(By.id("inspector-body")).getText();

        driver.findElement(By.cssSelector(".share-button")).click();
        String link = waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("share-page")))
                .getDomProperty("value");
        assertThat(link).matches("http://localhost:" + port + "/s/[a-km-np-z2-9]{10,}\\?step=4");
        driver.findElement(By.cssSelector("button.copy[data-copy='share-txt']")).click();
        String txt = driver.findElement(By.id("share-txt")).getDomProperty("value");
        assertThat(txt).endsWith(".txt");

        try (Browser fresh = Browser.start(1000, 900)) {
            fresh.driver.get(link);
            waitForStep(fresh.driver, 4);
            assertThat(fresh.driver.findElement(By.id("scenario-title")).getText()).isEqualTo(title);
            assertThat(fresh.driver.findElement(By.id("inspector-body")).getText()).isEqualTo(inspectorHere);
            fresh.driver.get(txt);
            List<String> lines = fresh.driver.findElement(By.tagName("pre")).getText().lines().toList();
            assertThat(lines.getFirst()).startsWith("Scenario: " + title + " (id ");
            assertThat(lines).anyMatch(l -> l.contains(">> #DB at fep_sti_start"));
            assertThat(lines).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Returns the scenario source quoted at the top of a text form: the lines from the first
     * {@code "| "} line, each continued by its {@code "+ "} lines (the text form wraps at 80 columns).
     */
    static String quotedSource(List<String> lines) {
        StringBuilder source = new StringBuilder();
        int i = 0;
        while (i < lines.size() && !lines.get(i).startsWith("| ")) {
            i++;
        }
        for (; i < lines.size() && (lines.get(i).startsWith("| ") || lines.get(i).startsWith("+ ")
                || lines.get(i).equals("|")); i++) {
            String line = lines.get(i);
            if (!line.startsWith("+ ") && i > 0 && !source.isEmpty()) {
                source.append('\n');
            }
            source.append(line.length() > 2 ? line.substring(2) : "");
        }
        return source.toString().stripTrailing();
    }

    @Test
    void theMissingEoiFindingTakesThePageToTheHandlersIretWithoutAReload() {
        driver.get("http://localhost:" + port + "/scenarios/debug-regs-sti-bare-metal-no-eoi");
        waitForStep(driver, 0);
        ((JavascriptExecutor) driver).executeScript("window.stayedOnThePage = true");
        WebElement finding = driver.findElement(By.cssSelector(".finding-list li[data-kind='missing_eoi']"));
        assertThat(finding.getText()).contains("Warning", "no EOI");
        finding.findElement(By.cssSelector("a[data-step-link]")).click();
        waitForStep(driver, 8);
        assertThat(((JavascriptExecutor) driver).executeScript("return window.stayedOnThePage")).isEqualTo(true);
        assertThat(driver.getCurrentUrl()).endsWith("?step=8");
        assertThat(driver.findElement(By.id("inspector-body")).getText()).contains("<irq_handler>", "iretq");
        assertThat(driver.findElement(By.cssSelector(".listing-table tr.current")).getText()).contains("irq_handler:", "iretq");
        assertThat(finding.findElement(By.cssSelector("a[data-step-link]")).getDomAttribute("aria-current")).isEqualTo("true");
    }

    @Test
    void theEmbedViewStepsWithoutAddingHistoryAndOpensTheFullPageAtItsStep() {
        driver.get("http://localhost:" + port + "/scenarios/sti-shadow-basic");
        waitForStep(driver, 0);
        driver.findElement(By.cssSelector(".share-button")).click();
        String embed = waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("share-page")))
                .getDomProperty("value").replace("/s/", "/embed/");
        driver.get(embed);
        waitForStep(driver, 0);
        Object before = ((JavascriptExecutor) driver).executeScript("return history.length");
        driver.findElement(By.cssSelector("button[data-action='next']")).click();
        waitForStep(driver, 1);
        driver.findElement(By.cssSelector("button[data-action='next']")).click();
        waitForStep(driver, 2);
        assertThat(((JavascriptExecutor) driver).executeScript("return history.length")).isEqualTo(before);
        WebElement open = driver.findElement(By.cssSelector("a[data-open-link]"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", open);
        assertThat(open.getDomProperty("href")).endsWith("?step=2");
    }
}
