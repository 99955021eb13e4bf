package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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

    /** Sends one touch event through Chrome DevTools (Input.dispatchTouchEvent): points are {x, y} in CSS px of the viewport. */
    void touch(String type, double[]... points) {
        java.util.List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (int i = 0; i < points.length; i++) list.add(Map.of("x", points[i][0], "y", points[i][1], "id", i));
        ((org.openqa.selenium.chrome.ChromeDriver) driver).executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", type, "touchPoints", list));
    }

    int lanesAttr(String name) {
        return Integer.parseInt(driver.findElement(By.id("lanes")).getDomAttribute(name));
    }

    @Test
    void aFingerPansTheTimelineAndTwoFingersPinchItsZoom() {
        driver.get(url("/scenarios/debug-regs-sti-bare-metal"));
        waitForStep(0);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("stream-status"), "All 23 steps received"));
        org.openqa.selenium.chrome.ChromeDriver chrome = (org.openqa.selenium.chrome.ChromeDriver) driver;
        chrome.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        // the lanes, scrolled into view; a touch on the handlers row (y 68 of the canvas) is on the timeline, not a lane label
        js.executeScript("document.getElementById('lanes').scrollIntoView({block: 'center'})");
        Map<?, ?> box = (Map<?, ?>) js.executeScript(
                "const r = document.getElementById('lanes').getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top};");
        double left = ((Number) box.get("left")).doubleValue();
        double right = ((Number) box.get("right")).doubleValue();
        double y = ((Number) box.get("top")).doubleValue() + 68;
        // 23 steps do not fit 390 px at the phone's zoom, so there is room to pan
        assertThat(lanesAttr("data-first")).isZero();
        int columns = lanesAttr("data-column-width");

        // one finger drags right to left: the timeline follows it to later steps
        double x = right - 30;
        touch("touchStart", new double[] {x, y});
        for (int i = 1; i <= 10; i++) touch("touchMove", new double[] {x - i * 15, y});
        touch("touchEnd");
        waiting().until(d -> lanesAttr("data-first") > 0);
        assertThat(lanesAttr("data-column-width")).isEqualTo(columns);

        // two fingers spread apart: the columns widen (zoom in)
        double mid = (left + 120 + right) / 2;
        touch("touchStart", new double[] {mid - 20, y}, new double[] {mid + 20, y});
        for (int i = 1; i <= 8; i++) touch("touchMove", new double[] {mid - 20 - i * 8, y}, new double[] {mid + 20 + i * 8, y});
        touch("touchEnd");
        waiting().until(d -> lanesAttr("data-column-width") > columns);
        int wide = lanesAttr("data-column-width");

        // ...and pinched together, they narrow again
        touch("touchStart", new double[] {mid - 80, y}, new double[] {mid + 80, y});
        for (int i = 1; i <= 8; i++) touch("touchMove", new double[] {mid - 80 + i * 8, y}, new double[] {mid + 80 - i * 8, y});
        touch("touchEnd");
        waiting().until(d -> lanesAttr("data-column-width") < wide);
    }
}
