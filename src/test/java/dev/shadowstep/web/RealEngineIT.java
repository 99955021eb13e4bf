package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;

/** A built-in scenario on the real core, in a real browser: the debug_regs.c STI case. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealEngineIT extends BrowserIT {

    @Test
    void theDebugRegsStiScenarioShowsTheSingleStepDbInTheStiShadow() {
        driver.get("http://localhost:" + port + "/scenarios/debug-regs-sti-bare-metal");
        waitForStep(0);
        Object firstStepMs = ((JavascriptExecutor) driver).executeScript("return document.documentElement.dataset.firstStepMs");
        System.out.println("time to first step on screen (real core, debug-regs-sti-bare-metal): " + firstStepMs + " ms");

        press("e");
        waitForStep(4);
        String inspector = driver.findElement(By.id("inspector-body")).getText();
        assertThat(inspector).contains("#DB delivered", "0xffff4ff0 (BS)", "STI shadow does not block #DB");
        assertThat(driver.findElement(By.cssSelector(".listing-table tr.current")).getText()).contains("fep_sti_start:");

        press(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        waitForStep(7);
        assertThat(driver.findElement(By.id("inspector-body")).getText()).containsIgnoringCase("IRQ 0xaa");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("stream-status"), "All 23 steps received. 3 events; outcome: completed."));
    }
}
