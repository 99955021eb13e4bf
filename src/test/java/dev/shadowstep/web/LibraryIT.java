package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;

/** The library and the docs in a real browser, on the real library. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LibraryIT extends BrowserIT {

    List<String> titles() {
        return driver.findElements(By.cssSelector("#results .card h3")).stream().map(WebElement::getText).toList();
    }

    @Test
    void searchingMovSsShowsTheMovSsScenariosFirst() {
        driver.get(url("/"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("topic-course")));
        driver.findElement(By.id("q")).sendKeys("MOV SS");
        waiting().until(ExpectedConditions.urlContains("q=MOV+SS"));
        waiting().until(d -> !d.findElements(By.id("topic-results")).isEmpty());
        List<String> top = titles().subList(0, 6);
        assertThat(top).allSatisfy(title -> assertThat(title).contains("MOV SS"));
        assertThat(driver.findElement(By.id("result-count")).getText()).contains("match “MOV SS”");
    }

    @Test
    void aTopicChipIsReachedByKeyboardAndKeptInTheAddress() {
        driver.get(url("/"));
        WebElement chip = waiting().until(ExpectedConditions.elementToBeClickable(
                By.xpath("//nav[contains(@class,'chips')]//a[normalize-space(.)='Interrupts and NMI']")));
        chip.sendKeys(Keys.ENTER);
        waiting().until(ExpectedConditions.urlContains("topic=interrupts"));
        WebElement on = driver.findElement(By.cssSelector("nav.chips a.chip[aria-current='true']"));
        assertThat(on.getText()).isEqualTo("Interrupts and NMI");
        assertThat(driver.findElements(By.cssSelector("section.topic > h2"))).extracting(WebElement::getText)
                .containsExactly("Interrupts and NMI");
    }

    @Test
    void theScenarioFormatRendersAsAPageWithTheLessonKeys() {
        driver.get(url("/docs/scenario-format"));
        WebElement h1 = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main h1")));
        assertThat(h1.getText()).contains("Scenario format");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("lesson", "questions", "predict-then-reveal");
        assertThat(driver.findElements(By.cssSelector("main table"))).isNotEmpty();
    }
}
