package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;

/** A lesson of the Start-here course in a real browser, on the real library and engine. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CourseIT extends BrowserIT {

    static final String LESSON_1 = "/scenarios/course-01-what-is-a-shadow";

    /** Marks the loaded page, so that a test can tell a move within it from a reload. */
    void markPage() {
        ((JavascriptExecutor) driver).executeScript("window.__samePage = true;");
    }

    boolean samePage() {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("return window.__samePage === true;"));
    }

    @Test
    void aWrongAnswerSaysSoAndAllowsARetryAndTheRightOneRevealsTheStepAndItsWhy() {
        driver.get(url(LESSON_1));
        waitForStep(0);
        markPage();
        WebElement question = driver.findElement(By.id("q1"));
        WebElement reveal = question.findElement(By.cssSelector(".reveal"));
        assertThat(reveal.isDisplayed()).isFalse();

        WebElement wrong = question.findElement(By.cssSelector("button.choice[data-label='in_shadow']"));
        wrong.click();
        waiting().until(ExpectedConditions.textToBePresentInElement(question.findElement(By.cssSelector(".verdict-line")),
                "Not in_shadow"));
        assertThat(wrong.isEnabled()).isFalse();
        assertThat(reveal.isDisplayed()).isFalse();

        question.findElement(By.cssSelector("button.choice[data-label='after_nop']")).click();
        waiting().until(ExpectedConditions.visibilityOf(reveal));
        assertThat(reveal.getText()).contains("Answer: after_nop", "IRQ 0xaa");
        int step = Integer.parseInt(reveal.findElement(By.cssSelector("a.reveal-step")).getAttribute("data-step"));
        waitForStep(step);
        assertThat(inspector()).containsIgnoringCase("IRQ 0xaa");
        assertThat(samePage()).as("the answer moves the player without a reload").isTrue();

        // progress is kept in this browser: the library marks the lesson done
        driver.get(url("/"));
        WebElement card = driver.findElement(By.cssSelector("li.lesson-card[data-slug='course-01-what-is-a-shadow']"));
        waiting().until(d -> card.findElement(By.cssSelector(".lesson-progress")).isDisplayed());
        assertThat(card.findElement(By.cssSelector(".lesson-progress")).getText()).startsWith("Done");
        ((JavascriptExecutor) driver).executeScript("localStorage.clear();");
    }

    @Test
    void aNumberedPointOfTheSummaryMovesThePlayerToItsStep() {
        driver.get(url(LESSON_1));
        waitForStep(0);
        markPage();
        WebElement point = driver.findElement(By.cssSelector(".summary a.point[aria-label^='point 3']"));
        assertThat(point.getText()).isEqualTo("(3)");
        int step = Integer.parseInt(point.getAttribute("data-step"));
        assertThat(step).isPositive();
        point.click();
        waitForStep(step);
        // point 3 is the IRQ's delivery (expect item 1 of the lesson)
        assertThat(inspector()).containsIgnoringCase("IRQ 0xaa");
        assertThat(driver.getCurrentUrl()).endsWith("?step=" + step);
        assertThat(samePage()).isTrue();
    }
}
