package dev.shadowstep.web.scenariopage;

import dev.shadowstep.web.run.RunStore;
import dev.shadowstep.web.run.RunGuard;
import dev.shadowstep.web.run.TraceJsonAdapter;
import dev.shadowstep.web.run.TraceService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.shadowstep.trace.Finding;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.FakeTraces;
import dev.shadowstep.web.WebSliceConfig;
import dev.shadowstep.web.library.ScenarioLibrary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What a library scenario page gets besides its run: the Share form, link preview tags, and the
 * Findings panel with the suggested expect block. The fake engine finds a missing EOI at step 12,
 * notes the missing expect block, and gives the MOV SS scenario no expectations.
 */
@WebMvcTest(RunPageController.class)
@Import({ScenarioLibrary.class, RunStore.class, RunGuard.class, TraceJsonAdapter.class, ScenarioPageSharingTest.Engine.class})
@TestPropertySource(properties = WebSliceConfig.TEST_LIBRARY)
class ScenarioPageSharingTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Engine {
        @Bean
        TraceService findingEngine() {
            return yaml -> {
                boolean movSs = yaml.contains("MOV SS");
                Trace trace = FakeTraces.stiShadow(movSs ? "MOV SS" : "STI").withFindings(List.of(
                        new Finding(12, Finding.Kind.MISSING_EOI, Finding.Severity.WARNING,
                                "The IRQ 0xaa handler returns with 0xaa still in service: it wrote no <EOI>."),
                        new Finding(null, Finding.Kind.NO_EXPECT, Finding.Severity.INFO, "The scenario has no expect block.")));
                return movSs ? trace.withExpectations(List.of()) : trace;
            };
        }
    }

    @Autowired
    MockMvc mvc;

    String page(String path) throws Exception {
        return mvc.perform(get(path)).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aLibraryPageHasAShareFormThatPostsItsScenarioAndStepAndWorksWithoutJavaScript() throws Exception {
        String html = page("/scenarios/sti-shadow-single-step?step=4&lanes=tf,if");
        assertThat(html).contains("<form class=\"share-form\" method=\"post\" action=\"/api/permalinks\" enctype=\"multipart/form-data\"",
                "hx-post=\"/api/permalinks\"", "name=\"source\" value=\"format: 1\ntitle: &quot;Single-step #DB in an STI shadow&quot;",
                "name=\"step\" value=\"4\"", "name=\"lanes\" value=\"tf,if\"",
                "name=\"back\" value=\"/scenarios/sti-shadow-single-step?step=4&amp;lanes=tf,if\"",
                "Links are public: anyone with the link can see the scenario.", "id=\"share-result\"");
        assertThat(html.indexOf("share-form")).isBetween(html.indexOf("id=\"scenario-title\""), html.indexOf("class=\"summary"));
    }

    @Test
    void aLibraryPageCarriesOpenGraphTagsWithTheFirstSentenceOfItsSummary() throws Exception {
        assertThat(page("/scenarios/sti-shadow-single-step")).contains(
                "<meta property=\"og:title\" content=\"Single-step #DB in an STI shadow\">",
                "<meta property=\"og:description\" content=\"From KVM selftest debug_regs.c: the single-step trap after STI is not blocked by the STI shadow, so #DB arrives before the pending IRQ.\">",
                "<meta property=\"og:url\" content=\"http://localhost/scenarios/sti-shadow-single-step\">",
                "<meta name=\"twitter:card\" content=\"summary\">");
    }

    @Test
    void theFindingsPanelListsEachFindingWithSeverityInWordsAndALinkToItsStep() throws Exception {
        String html = page("/scenarios/sti-shadow-single-step");
        assertThat(html).contains("<h2 id=\"findings-title\">Findings</h2>",
                "<li data-step=\"12\" data-kind=\"missing_eoi\" data-severity=\"warning\" class=\"finding-warning\">",
                "<span class=\"finding-marker\" aria-hidden=\"true\">!</span>",
                "<strong class=\"finding-severity\">Warning</strong>",
                "href=\"?step=12\" data-step-link data-step=\"12\">step 12</a>",
                "it wrote no &lt;EOI&gt;.",
                "<strong class=\"finding-severity\">Info</strong>", "whole run");
        assertThat(html).doesNotContain("it wrote no <EOI>");
    }

    @Test
    void aScenarioWithExpectationsGetsNoSuggestedBlock() throws Exception {
        assertThat(page("/scenarios/sti-shadow-single-step")).doesNotContain("suggested-expect");
    }

    @Test
    void aScenarioWithoutExpectGetsTheSuggestedBlockTheRunSatisfiesWithACopyButton() throws Exception {
        String html = page("/scenarios/mov-ss-data-breakpoint");
        assertThat(html).contains("Suggested <code>expect</code> block",
                "<code id=\"suggested-expect\">expect:\n  - db: {at: fep_sti_start, dr6: 0xffff4ff0}\n  - irq: {vector: 0xaa, at: fep_sti_start}\n",
                "  - outcome: completed\n</code>",
                "data-copy=\"suggested-expect\"");
    }
}
