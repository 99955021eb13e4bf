package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

/** A refused link (here 429, one link a minute) shows its reason in the page, where the link would have been. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shadowstep.permalink.rate-limit.capacity=1", "shadowstep.permalink.rate-limit.per-minute=1"})
class ShareRefusalIT extends BrowserIT {

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
