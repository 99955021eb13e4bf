package dev.shadowstep.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every browser test shares: the app on a random port with its data directory in a temp
 * folder, and one Chromium (Debian's, skipped only when it is absent) per test class.
 */
abstract class BrowserIT {
    /**
     * One folder for the whole test JVM: Spring caches application contexts across test classes,
     * so a per-class folder could be deleted under a context another class still uses.
     */
    static final Path DATA_DIR = temporaryFolder();

    static Browser browser;
    static WebDriver driver;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("shadowstep.data-dir", DATA_DIR::toString);
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start(1400, 1000);
        driver = browser.driver;
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** Returns the app's URL for {@code path}. */
    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Returns the wait the helpers below use: ten seconds; a class on a slower path overrides it. */
    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    /** Sends keys to the focused element of the shared browser. */
    void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Waits until the scenario page's inspector shows {@code step}, loaded. */
    void waitForStep(int step) {
        waitForStep(waiting(), step);
    }

    /** Waits with {@code wait} (on any browser) until the scenario page's inspector shows {@code step}, loaded. */
    static void waitForStep(WebDriverWait wait, int step) {
        wait.until(ExpectedConditions.textToBe(By.id("inspector-step"), Integer.toString(step)));
        wait.until(d -> !d.findElement(By.id("inspector-body")).getText().startsWith("Loading"));
    }

    /** Returns the text of the scenario page's inspector. */
    String inspector() {
        return driver.findElement(By.id("inspector-body")).getText();
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("shadowstep-it-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
