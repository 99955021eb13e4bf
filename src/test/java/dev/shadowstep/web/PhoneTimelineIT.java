package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;

/** The scenario page in a phone-sized window (390 px wide, 844 high): the timeline is on the first screen. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PhoneTimelineIT extends BrowserIT {

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start(390, 844);
        driver = browser.driver;
    }

    @Test
    void theTimelineIsAboveTheFoldAndPlayAndStepLookDifferent() {
        driver.get(url("/scenarios/debug-regs-sti-bare-metal"));
        waitForStep(0);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("stream-status"), "All 23 steps received"));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        long viewport = ((Number) js.executeScript("return window.innerHeight")).longValue();
        long lanesTop = ((Number) js.executeScript("return Math.round(document.getElementById('lanes').getBoundingClientRect().top)")).longValue();
        // the where track and the handlers (the first 76 px of the lanes canvas) are on the first screen
        assertThat(lanesTop + 76).isLessThan(viewport);
        // the head is folded into one line that opens on request
        WebElement about = driver.findElement(By.cssSelector("details.about"));
        assertThat(about.getDomProperty("open")).isEqualTo("false");
        assertThat(driver.findElement(By.cssSelector("details.about > summary")).getText()).contains("completed", "6 of 6 expectations met");
        String play = driver.findElement(By.cssSelector("#play span[aria-hidden]")).getText();
        String next = driver.findElement(By.cssSelector("button[data-action=next] span[aria-hidden]")).getText();
        assertThat(play).isNotEqualTo(next);
    }
}
