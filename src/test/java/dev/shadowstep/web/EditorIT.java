package dev.shadowstep.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;

/**
 * The CodeMirror editor in a real browser on the real core: the debug_regs.c STI test pasted as C
 * into the program pane, a typo's lint mark, a switch undone with Ctrl+Z, Edit a copy of a link,
 * the keys, and the no-JS form.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "shadowstep.permalink.rate-limit.capacity=0")
class EditorIT extends BrowserIT {

    /**
     * The STI sub-test of KVM's tools/testing/selftests/kvm/x86/debug_regs.c as its guest code
     * writes it (C inline asm, tab-indented, not YAML-indented), then the handlers the host side
     * installs: a #DB handler that clears TF in the frame, an IRQ handler with its x2APIC EOI.
     */
    static final String DEBUG_REGS_STI = """
            \tasm volatile("pushf\\n\\t"
            \t\t     "orq $" __stringify(X86_EFLAGS_TF) ", (%rsp)\\n\\t"
            \t\t     "popf\\n\\t"
            \t\t     "sti\\n\\t"
            \t\t     "fep_sti_start:"
            \t\t     "cli\\n\\t"
            \t\t     "pushf\\n\\t"
            \t\t     "orq $" __stringify(X86_EFLAGS_TF) ", (%rsp)\\n\\t"
            \t\t     "popf\\n\\t"
            \t\t     KVM_FEP "sti\\n\\t"
            \t\t     "fep_sti_end:"
            \t\t     "cli\\n\\t");
            hlt

            db_handler:
            andq $~X86_EFLAGS_TF, 16(%rsp)
            iretq

            irq_handler:
            movl $0x80b, %ecx
            xor %eax, %eax
            xor %edx, %edx
            wrmsr
            iretq""";

    JavascriptExecutor js() {
        return (JavascriptExecutor) driver;
    }

    /** Returns the editable content of a pane ("program" or "settings") once CodeMirror is up. */
    WebElement pane(String name) {
        return waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + name + "-pane .cm-content")));
    }

    /** Replaces a pane's text as a paste would (select all, then the clipboard's text/plain). */
    void paste(String name, String text) {
        WebElement content = pane(name);
        content.click();
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).perform();
        js().executeScript("const dt = new DataTransfer(); dt.setData('text/plain', arguments[1]);"
                + "arguments[0].dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));",
                content, text);
    }

    /** Returns the one scenario text the panes write (what every post sends). */
    String scenarioText() {
        return driver.findElement(By.id("yaml")).getDomProperty("value");
    }

    void waitForCheck(boolean ok) {
        waiting().until(d -> d.findElement(By.id("check-summary")).getAttribute("class").contains(ok ? "ok" : "bad"));
    }

    static String library(String slug) throws IOException {
        return new ClassPathResource("scenarios/" + slug + ".yaml").getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theDebugRegsStiBlockPastedUnindentedRunsWithTheSelftestsEvents() {
        driver.get(url("/editor?scenario=debug-regs-sti-kvm"));
        paste("program", DEBUG_REGS_STI);
        waiting().until(d -> scenarioText().contains("  \tasm volatile(\"pushf\\n\\t\""));
        waitForCheck(true);
        pane("program").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        waiting().until(ExpectedConditions.urlMatches("/runs/[a-z2-9]{12}"));
        waitForStep(0);
        List<String> events = driver.findElements(By.cssSelector(".event-list li")).stream().map(WebElement::getText).toList();
        // debug_regs.c asserts: #DB at fep_sti_start (BS), then IRQ 0xaa at fep_sti_start, then #DB at fep_sti_end
        assertThat(events).filteredOn(e -> e.contains("#DB delivered") || e.contains("IRQ 0xaa delivered"))
                .extracting(e -> e.replaceAll("(?s)^.*?step \\d+: ", ""))
                .satisfiesExactly(
                        e -> assertThat(e).startsWith("#DB delivered").contains("(fep_sti_start)", "DR6 0xffff4ff0 (BS)"),
                        e -> assertThat(e).startsWith("IRQ 0xaa delivered").contains("(fep_sti_start)"),
                        e -> assertThat(e).startsWith("#DB delivered").contains("(fep_sti_end)", "DR6 0xffff4ff0 (BS)"));
        assertThat(driver.findElement(By.cssSelector(".outcome-status")).getText()).isEqualTo("completed");
    }

    @Test
    void aMisspeltMacroIsALintMarkAtItsColumnInTheProgramPane() {
        driver.get(url("/editor?scenario=debug-regs-sti-kvm"));
        paste("program", DEBUG_REGS_STI.replaceFirst("__stringify", "__stringfy"));
        waitForCheck(false);
        WebElement mark = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#program-pane .cm-lintRange-error")));
        assertThat(mark.getText()).isEqualTo("__stringfy");
        // the mark starts where the word does on program line 2: after two tabs, five spaces and "orq $" plus a space
        Object at = js().executeScript("const m = arguments[0], line = m.closest('.cm-line');"
                + "const r = document.createRange(); r.setStart(line, 0); r.setEndBefore(m); return r.toString().length;", mark);
        assertThat(((Number) at).intValue()).isEqualTo(15);
        WebElement where = driver.findElement(By.cssSelector("#check .where"));
        assertThat(where.getText()).isEqualTo("program 2:16");
        assertThat(driver.findElement(By.cssSelector("#check .message")).getText())
                .isEqualTo("unknown macro __stringfy; did you mean __stringify?");

        where.click();
        Object caret = js().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('@codemirror/view').then(({EditorView}) => {"
                + " const v = EditorView.findFromDOM(document.querySelector('#program-pane .cm-editor'));"
                + " const head = v.state.selection.main.head, line = v.state.doc.lineAt(head);"
                + " done([v.hasFocus, line.number, head - line.from + 1]); });");
        assertThat(caret).isEqualTo(List.of(true, 2L, 16L));
    }

    @Test
    void ctrlZAfterASwitchRestoresTheTextAndAFalseTitleSaysSo() {
        driver.get(url("/editor?scenario=debug-regs-sti-bare-metal"));
        pane("program");
        waitForCheck(true);
        String before = scenarioText();
        assertThat(driver.findElements(By.cssSelector("#check .claims li"))).isEmpty();

        driver.findElement(By.id("sw-hypervisor-kvm-vmx")).click();
        waiting().until(d -> scenarioText().contains("hypervisor: {kind: kvm-vmx}"));
        WebElement claim = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#check .claims li")));
        assertThat(claim.getText()).isEqualTo(
                "The title says bare metal, but the scenario now runs under KVM on VMX: edit it before you share.");
        waiting().until(d -> !d.findElements(By.cssSelector("#settings-pane .cm-lintRange-warning")).isEmpty());
        assertThat(driver.findElement(By.id("sw-hypervisor-kvm-vmx")).isSelected()).isTrue();

        new Actions(driver).keyDown(Keys.CONTROL).sendKeys("z").keyUp(Keys.CONTROL).perform();
        waiting().until(d -> scenarioText().equals(before));
        waiting().until(d -> d.findElement(By.id("sw-hypervisor-bare-metal")).isSelected());
        waiting().until(d -> d.findElements(By.cssSelector("#check .claims li")).isEmpty());
    }

    @Test
    void switchingAKvmFixOffKeepsTheCommentsAndRunsIntoTheFailedEntry() {
        driver.get(url("/editor?scenario=debug-regs-sti-kvm"));
        pane("program");
        WebElement fix = waiting().until(ExpectedConditions.elementToBeClickable(By.id("sw-reinject_db_sets_bs")));
        assertThat(fix.isSelected()).isTrue();
        fix.click();
        waiting().until(d -> scenarioText().contains("fixes: {reinject_db_sets_bs: false}"));
        waiting().until(d -> !d.findElement(By.id("sw-reinject_db_sets_bs")).isSelected());
        assertThat(scenarioText()).contains("andq $~X86_EFLAGS_TF, 16(%rsp)   # clear TF in the saved RFLAGS");
        driver.findElement(By.cssSelector("button.primary")).click();
        waiting().until(ExpectedConditions.urlMatches("/runs/[a-z2-9]{12}"));
        assertThat(driver.findElement(By.cssSelector(".outcome-status")).getText()).isEqualTo("vmentry_failed");
    }

    @Test
    void editACopyOfALinkOpensTheSameTextAndSharingTheEditMakesANewLink() throws IOException {
        String source = library("debug-regs-sti-bare-metal");
        driver.get(url("/editor?scenario=debug-regs-sti-bare-metal"));
        pane("program").sendKeys(Keys.chord(Keys.CONTROL, "s"));
        String first = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("share-page"))).getDomProperty("value");
        String id = first.replaceAll("^.*/s/([a-z0-9]+).*$", "$1");
        // the panes write the same canonical file: the same id as sharing the library text itself
        driver.get(url("/scenarios/debug-regs-sti-bare-metal"));
        waitForStep(0);
        driver.findElement(By.cssSelector(".share-button")).click();
        String fromLibrary = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("share-page"))).getDomProperty("value");
        assertThat(fromLibrary).contains("/s/" + id + "?step=0");

        driver.get(url("/s/" + id));
        waitForStep(0);
        driver.findElement(By.linkText("Edit a copy")).click();
        waiting().until(ExpectedConditions.urlContains("/editor?link=" + id));
        pane("settings");
        assertThat(scenarioText()).isEqualTo(source);
        assertThat(driver.findElement(By.cssSelector(".editor-head .lede a")).getAttribute("href")).endsWith("/s/" + id);

        // a comment would not change the id (the canonical form drops it): change the program
        WebElement program = pane("program");
        program.click();
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys(Keys.END).keyUp(Keys.CONTROL).sendKeys(Keys.ENTER, "nop").perform();
        waiting().until(d -> scenarioText().contains("  iretq\n  nop\n"));
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys("s").keyUp(Keys.CONTROL).perform();
        String edited = waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> link = d.findElements(By.id("share-page"));
            String value = link.isEmpty() ? "" : link.getFirst().getDomProperty("value");
            return value.contains("/s/") && !value.contains("/s/" + id) ? value : null;
        });
        assertThat(edited).doesNotContain(id);
        driver.get(url("/s/" + id + ".yaml"));
        assertThat(driver.findElement(By.tagName("pre")).getText()).isEqualTo(source.stripTrailing());
    }

    @Test
    void tabIndentsInsideAPaneEscapeThenTabLeavesItAndHelpFollowsTheCursor() {
        driver.get(url("/editor?scenario=debug-regs-sti-bare-metal"));
        WebElement program = pane("program");
        program.click();
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys(Keys.HOME).keyUp(Keys.CONTROL).sendKeys(Keys.TAB).perform();
        waiting().until(d -> scenarioText().contains("\n    pushf\n"));
        assertThat(js().executeScript("return document.activeElement.closest('.pane-host')?.id")).isEqualTo("program-pane");
        new Actions(driver).sendKeys(Keys.ESCAPE).sendKeys(Keys.TAB).perform();
        waiting().until(d -> !"program-pane".equals(js().executeScript("return document.activeElement.closest('.pane-host')?.id")));

        program.click();
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys(Keys.HOME).keyUp(Keys.CONTROL)
                .sendKeys(Keys.END, Keys.ENTER, "cl").perform();
        WebElement list = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cm-tooltip-autocomplete")));
        assertThat(list.getText()).contains("cli", "clears IF");
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();

        WebElement sti = (WebElement) js().executeScript("return [...document.querySelectorAll('#program-pane .cm-line')]"
                + ".find(l => l.textContent.trim().startsWith('sti '))");
        new Actions(driver).moveToElement(sti, -sti.getSize().getWidth() / 2 + 12, 0).perform();
        WebElement hover = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cm-hover-help")));
        assertThat(hover.getText()).startsWith("sti: sets IF").contains("SDM Vol. 2B STI");
    }

    @Test
    void aLabelsHoverIsItsAddress() {
        driver.get(url("/editor?scenario=debug-regs-sti-bare-metal"));
        pane("program");
        waitForCheck(true);
        WebElement label = (WebElement) js().executeScript("return [...document.querySelectorAll('#program-pane .cm-line')]"
                + ".find(l => l.textContent.trim() === 'fep_sti_start:')");
        new Actions(driver).moveToElement(label, -label.getSize().getWidth() / 2 + 20, 0).perform();
        WebElement hover = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cm-hover-help")));
        // pushf (1), orq $0x100,(%rsp) (8), popf (1), sti (1): fep_sti_start is 11 bytes past 0x401000
        assertThat(hover.getText()).isEqualTo("fep_sti_start: label at 0x40100b");
    }

    @Test
    void theEditorKeepsTheContentSecurityPolicyWhileCodeMirrorWorks() {
        driver.get(url("/editor?scenario=debug-regs-sti-kvm"));
        paste("program", DEBUG_REGS_STI.replaceFirst("__stringify", "__stringfy"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#program-pane .cm-lintRange-error")));
        pane("settings").click();
        new Actions(driver).sendKeys(Keys.chord(Keys.CONTROL, " ")).perform();
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused") || m.contains("Uncaught"))
                .toList();
        assertThat(problems).isEmpty();
        // CodeMirror's styles came in through the nonce (or adopted style sheets), so the editor is laid out
        assertThat(js().executeScript("return getComputedStyle(document.querySelector('.cm-editor')).display"))
                .isEqualTo("flex");
    }

    @Test
    void anInvalidRunComesBackWithTheTextInThePanes() {
        driver.get(url("/editor"));
        paste("settings", "format: 1\n# notes that must survive\n");
        paste("program", "hlt");
        waiting().until(d -> scenarioText().equals("format: 1\n# notes that must survive\nprogram: |\n  hlt\n"));
        driver.findElement(By.cssSelector("button.primary")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("check"), "missing the required key 'title'"));
        pane("settings");
        assertThat(scenarioText()).isEqualTo("format: 1\n# notes that must survive\nprogram: |\n  hlt\n");
        assertThat(driver.findElement(By.cssSelector("#check .where")).getText()).startsWith("settings 1");
    }

    @Test
    void withoutJavaScriptTheTextAreaChecksAndRuns() throws IOException {
        try (Browser plain = Browser.withoutJavaScript(1200, 900)) {
            WebDriver d = plain.driver;
            WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(10));
            d.get(url("/editor"));
            WebElement text = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("yaml")));
            assertThat(d.findElements(By.cssSelector(".cm-editor"))).isEmpty();
            text.clear();
            text.sendKeys("format: 1\ntitle: plain\nprogram: |\n  sti\n  stx %rax\n");
            d.findElement(By.cssSelector("button.primary")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("check"), "unknown instruction 'stx'"));
            assertThat(d.findElement(By.cssSelector("#check .where")).getText()).isEqualTo("line 5:3");
            WebElement kept = d.findElement(By.id("yaml"));
            assertThat(kept.getDomProperty("value")).contains("stx %rax");
            kept.clear();
            kept.sendKeys("format: 1\ntitle: plain\nprogram: |\n  sti\n  hlt\n");
            d.findElement(By.cssSelector("button.primary")).click();
            wait.until(ExpectedConditions.urlMatches("/runs/[a-z2-9]{12}"));
            assertThat(d.findElement(By.cssSelector(".outcome-status")).getText()).isEqualTo("completed");
        }
    }

    @Test
    void measuresTheEditorsWeightAndTimeToInteractive() {
        driver.get(url("/editor?scenario=debug-regs-sti-bare-metal"));
        pane("program");
        Object ready = js().executeScript("""
                const nav = performance.getEntriesByType('navigation')[0];
                const res = performance.getEntriesByType('resource');
                const bytes = res.reduce((n, r) => n + (r.transferSize || r.encodedBodySize || 0), nav.transferSize || nav.encodedBodySize || 0);
                const cm = res.filter(r => r.name.includes('/webjars/codemirror') || r.name.includes('/webjars/lezer')
                    || r.name.includes('style-mod') || r.name.includes('crelt') || r.name.includes('keyname') || r.name.includes('cluster'));
                const cmBytes = cm.reduce((n, r) => n + (r.encodedBodySize || 0), 0);
                const lastModule = Math.max(...res.map(r => r.responseEnd));
                return [bytes, cmBytes, cm.length, Math.round(nav.domContentLoadedEventEnd), Math.round(lastModule),
                    Number(document.getElementById('main').dataset.editorReadyMs)];""");
        List<?> n = (List<?>) ready;
        System.out.printf("editor page: %d bytes over the wire (CodeMirror %d bytes in %d modules), DOMContentLoaded %d ms, "
                + "last module %d ms, panes ready to type in %d ms after navigation start%n", n.toArray());
        assertThat(((Number) n.get(2)).intValue()).isGreaterThanOrEqualTo(10);
    }
}
