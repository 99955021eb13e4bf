package dev.shadowstep.web.editor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import dev.shadowstep.permalink.LinkPreview;
import dev.shadowstep.permalink.StoredLink;
import dev.shadowstep.web.WebSliceConfig;
import java.time.Instant;
import java.util.Optional;
import dev.shadowstep.web.scenariopage.RunPageControllerAccess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import dev.shadowstep.permalink.PermalinkService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Every editor route and error path, with the fake engine for runs and the real loader and assembler for checks. */
@WebMvcTest(EditorController.class)
@Import({WebSliceConfig.class, ScenarioCheck.class, RunPageControllerAccess.class})
@TestPropertySource(properties = WebSliceConfig.TEST_LIBRARY)
class EditorControllerTest {

    /** "Edit a copy" of a link reads the store; these tests stub it. */
    @MockitoBean
    PermalinkService permalinks;

    static final String VALID = """
            format: 1
            title: "STI"   # keep this comment
            idt: {1: db_handler}
            program: |
              sti
              hlt
              db_handler: iretq
            """;

    static final String ASM_ERROR = VALID.replace("  hlt\n", "  stx %rax\n");

    @Autowired
    MockMvc mvc;

    @Test
    void theEditorOpensWithAStarterScenarioThatPassesTheCheck() throws Exception {
        mvc.perform(get("/editor"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<textarea id=\"yaml\" name=\"yaml\"")))
                .andExpect(content().string(containsString("Single-step over STI with IRQ 0xAA pending")))
                .andExpect(content().string(containsString("No problems: ready to run.")))
                .andExpect(content().string(containsString("<span id=\"L30\">30</span>")))
                .andExpect(content().string(containsString("hx-trigger=\"input changed delay:400ms, editor-changed delay:300ms\"")))
                .andExpect(header().exists("Content-Security-Policy"));
    }

    @Test
    void fromALibraryScenarioTheEditorHoldsItsTextAndLinksBack() throws Exception {
        mvc.perform(get("/editor").param("from", "sti-shadow-single-step"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("andq $~X86_EFLAGS_TF, 16(%rsp)   # clear TF in the saved RFLAGS")))
                .andExpect(content().string(containsString("href=\"/scenarios/sti-shadow-single-step\"")));
    }

    @Test
    void anUnknownLibraryScenarioIsA404PageWithoutAStackTrace() throws Exception {
        mvc.perform(get("/editor").param("from", "no-such-scenario"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("No scenario named &#39;no-such-scenario&#39;.")))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void anUnknownRunIsA404Page() throws Exception {
        mvc.perform(get("/editor").param("run", "zzzzzzzzzzzz"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("No run &#39;zzzzzzzzzzzz&#39; is kept")));
    }

    @Test
    void theCheckFragmentLocatesAnAssemblyErrorAtItsFileLineAndColumnAndMarksTheLine() throws Exception {
        mvc.perform(post("/editor/check").header("HX-Request", "true").param("yaml", ASM_ERROR))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-error-lines=\"6\"")))
                .andExpect(content().string(containsString("1 problem:")))
                .andExpect(content().string(containsString("href=\"#L6\" data-goto>line 6:3</a>")))
                .andExpect(content().string(containsString("<code class=\"path\">program</code>")))
                .andExpect(content().string(containsString("unknown instruction &#39;stx&#39;")))
                .andExpect(content().string(containsString("id=\"settings\" class=\"settings\" hx-swap-oob=\"true\"")))
                .andExpect(content().string(not(containsString("<textarea"))));
    }

    @Test
    void withoutHtmxTheCheckIsTheWholePageWithTheTextKeptAndTheLineMarked() throws Exception {
        mvc.perform(post("/editor/check").param("yaml", ASM_ERROR.replace("\n", "\r\n")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("  stx %rax\n")))
                .andExpect(content().string(containsString("<span id=\"L6\" class=\"error\">6</span>")))
                .andExpect(content().string(containsString("line 6:3")));
    }

    @Test
    void everyProblemIsListedWithItsKeyPath() throws Exception {
        String text = "format: 1\ncpu: {rflags: banana}\nprogram: |\n  nop\nlimits: {max_steps: 5000000}\n";
        mvc.perform(post("/editor/check").header("HX-Request", "true").param("yaml", text))
                .andExpect(content().string(containsString("data-error-lines=\"1 2 5\"")))
                .andExpect(content().string(containsString("<code class=\"path\">title</code>")))
                .andExpect(content().string(containsString("<code class=\"path\">cpu.rflags</code>")))
                .andExpect(content().string(containsString("<code class=\"path\">limits.max_steps</code>")))
                .andExpect(content().string(containsString("line 5:21")));
    }

    @Test
    void anEmptyTextIsOneProblemSayingWhatToWrite() throws Exception {
        mvc.perform(post("/editor/check").header("HX-Request", "true").param("yaml", ""))
                .andExpect(content().string(containsString("The scenario is empty")));
    }

    @Test
    void aSwitchRewritesOnlyItsSettingAndReturnsTheForm() throws Exception {
        mvc.perform(post("/editor/switch").header("HX-Request", "true").param("yaml", VALID)
                        .param("hypervisor", "kvm-vmx").param("db_gate", "interrupt"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<form id=\"editor-form\"")))
                .andExpect(content().string(containsString("title: &quot;STI&quot;   # keep this comment\n"
                        + "idt: {1: db_handler}\nhypervisor: {kind: kvm-vmx}\nprogram: |")))
                .andExpect(content().string(containsString("id=\"sw-reinject_db_sets_bs\" checked=\"checked\"")));
    }

    @Test
    void theLastValueOfACheckboxCountsAndAnUnchangedSwitchIsLeftAlone() throws Exception {
        String kvm = VALID.replace("program: |", "hypervisor: {kind: kvm-vmx}\nprogram: |");
        mvc.perform(post("/editor/switch").header("HX-Request", "true").param("yaml", kvm)
                        .param("hypervisor", "kvm-vmx")
                        .param("reinject_db_sets_bs", "off")
                        .param("emulated_db_sets_bs", "off", "on")
                        .param("forced_emulation", "off")
                        .param("db_gate", "trap"))
                .andExpect(content().string(containsString(
                        "hypervisor: {kind: kvm-vmx, fixes: {reinject_db_sets_bs: false}}")))
                .andExpect(content().string(containsString("idt: {1: {handler: db_handler, gate: trap}}")))
                .andExpect(content().string(not(containsString("emulated_db_sets_bs: "))))
                .andExpect(content().string(not(containsString("forced_emulation: "))));
    }

    @Test
    void withoutJavaScriptTheSwitchesApplyThroughAPlainPostAndReturnThePage() throws Exception {
        mvc.perform(post("/editor/switch").param("yaml", VALID).param("hypervisor", "bare-metal").param("db_gate", "trap"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<h1>Scenario editor</h1>")))
                .andExpect(content().string(containsString("idt: {1: {handler: db_handler, gate: trap}}")))
                .andExpect(content().string(containsString("id=\"sw-db_gate-trap\" checked=\"checked\"")))
                .andExpect(content().string(containsString("formaction=\"/editor/switch\">Apply switches</button>")));
    }

    @Test
    void aSwitchOnTextThatIsNotYamlKeepsTheTextAndSaysWhy() throws Exception {
        String broken = "format: 1\ntitle: [unclosed\n";
        mvc.perform(post("/editor/switch").param("yaml", broken).param("hypervisor", "kvm-vmx"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("title: [unclosed\n</textarea>")))
                .andExpect(content().string(containsString("The switches need a readable scenario")));
    }

    @Test
    void runningRedirectsToTheRunPageThatHasAnEditLinkBack() throws Exception {
        MvcResult result = mvc.perform(post("/editor/run").param("yaml", VALID))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", matchesPattern("/runs/[a-z2-9]{12}")))
                .andReturn();
        String location = result.getResponse().getHeader("Location");
        mvc.perform(get(location).param("step", "4"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-step=\"4\"")))
                .andExpect(content().string(containsString("<h1 id=\"scenario-title\">STI</h1>")))
                .andExpect(content().string(containsString("href=\"/editor?run=" + location.substring(6) + "\" title=\"Open this scenario's text in the editor; the original stays as it is\">Edit a copy</a>")));
        mvc.perform(get("/editor").param("run", location.substring(6)))
                .andExpect(content().string(containsString("title: &quot;STI&quot;   # keep this comment")));
    }

    @Test
    void theSameTextRunTwiceReusesItsRun() throws Exception {
        String first = mvc.perform(post("/editor/run").param("yaml", VALID)).andReturn().getResponse().getHeader("Location");
        String second = mvc.perform(post("/editor/run").param("yaml", VALID.replace("\n", "\r\n")))
                .andReturn().getResponse().getHeader("Location");
        org.assertj.core.api.Assertions.assertThat(second).isEqualTo(first);
    }

    @Test
    void anInvalidScenarioComesBackWithItsTextAndEveryProblem() throws Exception {
        String untitled = "format: 1\n# my notes, which must not be lost\nprogram: |\n  nop\n";
        mvc.perform(post("/editor/run").param("yaml", untitled))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("# my notes, which must not be lost")))
                .andExpect(content().string(containsString("title is required")))
                .andExpect(content().string(containsString("<span id=\"L1\" class=\"error\">1</span>")));
    }

    @Test
    void tooManyStepsAreRefusedBeforeRunningAtTheirLine() throws Exception {
        mvc.perform(post("/editor/run").param("yaml", VALID + "limits: {max_steps: 20000000}\n"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("line 8:21")))
                .andExpect(content().string(containsString("above this server&#39;s limit of 1,000,000")));
    }

    @Test
    void compareRunsTheTextAndRedirectsToTheComparison() throws Exception {
        mvc.perform(post("/editor/compare").param("yaml", VALID).param("compare", "db_gate=trap"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", matchesPattern("/compare\\?run=[a-z2-9]{12}&b=db_gate%3Dtrap")));
    }

    @Test
    void aCompareThatCannotBeSetUpKeepsTheTextAndSaysWhy() throws Exception {
        mvc.perform(post("/editor/compare").param("yaml", VALID).param("compare", "reinject_db_sets_bs=off"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("turn the hypervisor to kvm-vmx first")))
                .andExpect(content().string(containsString("# keep this comment")));
        mvc.perform(post("/editor/compare").param("yaml", VALID).param("compare", "frobnicate=on"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("&#39;frobnicate&#39; is not a switch")));
    }

    @Test
    void editACopyOfALibraryScenarioOpensItsTextAndSaysTheLibraryKeepsTheOriginal() throws Exception {
        mvc.perform(get("/editor").param("scenario", "sti-shadow-single-step"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("andq $~X86_EFLAGS_TF, 16(%rsp)   # clear TF in the saved RFLAGS")))
                .andExpect(content().string(containsString("href=\"/scenarios/sti-shadow-single-step\"")))
                .andExpect(content().string(containsString("the library keeps the original")));
    }

    @Test
    void editACopyOfAPermalinkOpensTheLinksTextAndLinksBackToIt() throws Exception {
        String source = VALID.replace("hlt", "nop\n  hlt");
        when(permalinks.stored("k3x9f2a7qd")).thenReturn(Optional.of(new StoredLink("k3x9f2a7qd", "h", source,
                LinkPreview.of("STI", ""), "engine", null, Instant.EPOCH)));
        String html = mvc.perform(get("/editor").param("link", "k3x9f2a7qd"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/s/k3x9f2a7qd\"")))
                .andExpect(content().string(containsString("the link keeps its text; Share makes a new one")))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("  nop\n  hlt\n", "# keep this comment");
    }

    @Test
    void editACopyOfALinkThatIsNotStoredIsA404PageSayingSo() throws Exception {
        mvc.perform(get("/editor").param("link", "k3x9f2a7qd"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("No permalink has the id &#39;k3x9f2a7qd&#39;.")));
        mvc.perform(get("/editor").param("link", "../etc"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("This is not a permalink")));
    }

    @Test
    void aSwitchAsAnEditAnswersTheNewTextOnly() throws Exception {
        String kvm = VALID.replace("idt:", "hypervisor: {kind: kvm-vmx}\nidt:");
        String json = mvc.perform(post("/editor/switch.json").param("yaml", kvm).param("reinject_db_sets_bs", "off"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(json).contains("fixes: {reinject_db_sets_bs: false}", "# keep this comment").contains("\"error\":null");
        String refused = mvc.perform(post("/editor/switch.json").param("yaml", VALID).param("reinject_db_sets_bs", "off"))
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("\"error\":\"").doesNotContain("fixes:");
    }

    @Test
    void aSwitchThatMakesTheTitleFalseSaysSoInTheCheck() throws Exception {
        String bare = VALID.replace("title: \"STI\"", "title: \"STI on bare metal\"");
        mvc.perform(post("/editor/check").param("yaml", bare).header("HX-Request", "true"))
                .andExpect(content().string(not(containsString("class=\"claims\""))));
        mvc.perform(post("/editor/check").param("yaml", bare.replace("idt:", "hypervisor: {kind: kvm-vmx}\nidt:"))
                        .header("HX-Request", "true"))
                .andExpect(content().string(containsString("data-key=\"title\"")))
                .andExpect(content().string(containsString(
                        "The title says bare metal, but the scenario now runs under KVM on VMX: edit it before you share.")));
    }

    @Test
    void theCheckListsTheLabelsAddressesForTheHover() throws Exception {
        // sti (fb) and hlt (f4) are one byte each from the program base 0x401000
        mvc.perform(post("/editor/check").param("yaml", VALID).header("HX-Request", "true"))
                .andExpect(content().string(containsString("data-label=\"db_handler\" data-address=\"0x401002\"")));
    }
}
