package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A refused link (here 429, one link a minute) shows its reason in the page, where the link would have been. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shadowstep.permalink.rate-limit.capacity=1", "shadowstep.permalink.rate-limit.per-minute=1"})
class ShareRefusalIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("shadowstep.data-dir", () -> dataDir.toString());
    }

    static Browser browser;
    static WebDriver driver;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start(1400, 1000);
        driver = browser.driver;
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aSecondShareWithinTheLimitSaysWhenToTryAgainInThePage() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        driver.get("http://localhost:" + port + "/scenarios/sti-shadow-basic");
        wait.until(ExpectedConditions.textToBe(By.id("inspector-step"), "0"));
        driver.findElement(By.cssSelector(".share-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("share-page")));

        driver.findElement(By.cssSelector(".share-button")).click();
        WebElement alert = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#share-result [role='alert']")));
        assertThat(alert.getText()).startsWith("Too many new links from this address in a short time. Try again in");
        assertThat(driver.findElements(By.id("share-page"))).isEmpty();
        assertThat(driver.getCurrentUrl()).contains("/scenarios/sti-shadow-basic");
    }
}
