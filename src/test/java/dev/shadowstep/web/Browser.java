package dev.shadowstep.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for browser tests, driven through Debian's chromedriver given
 * explicitly (so Selenium Manager never looks online). Tests are skipped when either
 * binary is missing (failsafe passes their paths as chrome.bin and chromedriver.bin).
 */
final class Browser implements AutoCloseable {

    final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Returns a started browser, or skips the test when Chromium or chromedriver is not installed. */
    static Browser start(int width, int height) throws IOException {
        return start(width, height, true);
    }

    /** Returns a started browser whose pages run no JavaScript (WebDriver's own scripts still run). */
    static Browser withoutJavaScript(int width, int height) throws IOException {
        return start(width, height, false);
    }

    private static Browser start(int width, int height, boolean javaScript) throws IOException {
        String chrome = System.getProperty("chrome.bin", "/usr/bin/chromium");
        String chromedriver = System.getProperty("chromedriver.bin", "/usr/bin/chromedriver");
        assumeTrue(Files.isExecutable(Path.of(chrome)), "no Chromium at " + chrome);
        assumeTrue(Files.isExecutable(Path.of(chromedriver)), "no chromedriver at " + chromedriver);
        Path profile = Files.createTempDirectory("shadowstep-chrome");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chrome);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        if (!javaScript) options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return new Browser(driver, profile);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
