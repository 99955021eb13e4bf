package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The scenario page and the library in a real browser, against the fake engine. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = WebSliceConfig.TEST_LIBRARY)
@Import(FakeEngineConfig.class)
class ScenarioPageIT extends BrowserIT {

    @Test
    void theKeyboardStepsThroughTheRunAndTheInspectorFollows() {
        driver.get(url("/scenarios/sti-shadow-single-step"));
        waitForStep(0);
        assertThat(inspector()).contains("pushf", "PUSHF pushes RFLAGS");

        press(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        waitForStep(4);
        assertThat(inspector()).contains("#DB delivered", "not blocked by the STI shadow (SDM 6.8.3)",
                "IRQ 0xaa held: #DB has priority", "0xffff4ff0 (BS)");
        WebElement dr6 = driver.findElement(By.xpath("//div[contains(@class,'field')][dt[starts-with(normalize-space(.),'DR6')]]"));
        assertThat(dr6.getAttribute("class")).contains("changed");
        assertThat(dr6.getText()).contains("Δ");
        assertThat(driver.getCurrentUrl()).endsWith("?step=4");

        WebElement current = driver.findElement(By.cssSelector(".listing-table tr.current"));
        assertThat(current.getAttribute("data-address")).isEqualTo("0x40100b");

        press("i");
        waitForStep(7);
        assertThat(inspector()).contains("IRQ 0xaa delivered");

        press("E");
        waitForStep(4);
        press(Keys.END);
        waitForStep(14);
        assertThat(inspector()).contains("hlt");
        press(Keys.HOME);
        waitForStep(0);
    }

    @Test
    void reloadKeepsTheStepAndBackReturnsToTheStepBeforeAJump() {
        driver.get(url("/scenarios/sti-shadow-single-step?step=2"));
        waitForStep(2);
        press("n");
        waitForStep(4);
        driver.navigate().refresh();
        waitForStep(4);
        driver.navigate().back();
        waitForStep(2);
    }

    @Test
    void questionMarkOpensTheShortcutHelpAndEscapeClosesIt() {
        driver.get(url("/scenarios/sti-shadow-single-step"));
        waitForStep(0);
        press("?");
        WebElement help = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("help")));
        assertThat(help.getText()).contains("Next step", "Previous #DB", "Play or pause");
        press(Keys.ESCAPE);
        waiting().until(ExpectedConditions.invisibilityOf(help));
    }

    @Test
    void playRunsToTheLastStepAndStops() {
        driver.get(url("/scenarios/sti-shadow-single-step?step=10"));
        waitForStep(10);
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("speed"))).selectByValue("20");
        driver.findElement(By.id("play")).click();
        // wait on outcomes only: at 20 steps/s the 4 steps take 200 ms, less than a poll, so "Pause" may never be seen
        waitForStep(14);
        waiting().until(ExpectedConditions.attributeToBe(By.id("play"), "aria-label", "Play"));
        assertThat(driver.getCurrentUrl()).endsWith("?step=14");
    }

    @Test
    void anUnknownAddressShowsTheErrorPageWithAWayBack() {
        driver.get(url("/no/such/page"));
        assertThat(driver.getTitle()).contains("Not Found");
        assertThat(driver.findElement(By.tagName("main")).getText())
                .contains("404", "There is no page at this address", "Go to the scenario library")
                .doesNotContain("Whitelabel", "Exception");
    }

    @Test
    void theTableViewReadsTheSameStepsForScreenReaders() {
        driver.get(url("/scenarios/sti-shadow-single-step?step=3"));
        waitForStep(3);
        driver.findElement(By.cssSelector("#table-view summary")).click();
        WebElement currentRow = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#step-table tr[aria-current='true']")));
        assertThat(currentRow.getText()).contains("3", "sti", "STI", "0x4000");
        assertThat(driver.findElements(By.cssSelector("#step-table tbody tr"))).hasSize(15);
    }

    @Test
    void theFirstStepIsOnScreenSoonAfterThePageLoads() {
        driver.get(url("/scenarios/sti-shadow-single-step"));
        waitForStep(0);
        Object ms = ((JavascriptExecutor) driver).executeScript("return document.documentElement.dataset.firstStepMs");
        assertThat(ms).isNotNull();
        System.out.println("time to first step on screen (fake engine): " + ms + " ms");
        assertThat(Long.parseLong(ms.toString())).isLessThan(5000);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("stream-status"), "All 15 steps received"));
    }

    @Test
    void theLibrarySearchFiltersTheCardsWhileTyping() {
        driver.get(url("/"));
        assertThat(driver.findElements(By.cssSelector(".card"))).hasSize(4);
        driver.findElement(By.id("q")).sendKeys("mov ss");
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".card"), 1));
        assertThat(driver.findElement(By.id("result-count")).getText()).isEqualTo("1 of 4 scenarios match “mov ss”");
        waiting().until(ExpectedConditions.urlContains("?q=mov+ss"));
    }

    @Test
    void aMillionStepRunStaysSmoothAndReachesItsLastStepWhileStreaming() {
        driver.get(url("/scenarios/long-loop"));
        waitForStep(0);
        Object worstFrameMs = ((JavascriptExecutor) driver).executeAsyncScript(FRAME_GAPS);
        System.out.println("longest frame while a million steps stream in: " + worstFrameMs + " ms");
        assertThat(((Number) worstFrameMs).doubleValue()).isLessThan(250);

        long started = System.nanoTime();
        press(Keys.END);
        waitForStep(999_999);
        press(Keys.ARROW_LEFT);
        waitForStep(999_998);
        assertThat(inspector()).contains("loop+2");
        System.out.println("End, then one step back, on a million-step run: " + (System.nanoTime() - started) / 1_000_000 + " ms");
        assertThat(driver.getCurrentUrl()).endsWith("?step=999998");
    }

    /** Samples animation frames for 1.5 s and returns the longest gap between two, in ms. */
    static final String FRAME_GAPS = """
            const done = arguments[arguments.length - 1];
            let last = performance.now(), worst = 0;
            const start = last;
            function frame(now) {
              worst = Math.max(worst, now - last);
              last = now;
              if (now - start < 1500) requestAnimationFrame(frame); else done(Math.round(worst));
            }
            requestAnimationFrame(frame);
            """;

    @Test
    void noPageBreaksTheContentSecurityPolicy() {
        for (String path : List.of("/", "/scenarios/sti-shadow-single-step", "/new", "/scenarios/missing")) {
            driver.get(url(path));
        }
        driver.get(url("/scenarios/sti-shadow-single-step"));
        waitForStep(0);
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused") || m.contains("Uncaught"))
                .toList();
        assertThat(problems).isEmpty();
    }
}
