package dev.shadowstep.web.editor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.shadowstep.web.FakeTraces;
import dev.shadowstep.web.library.ScenarioLibrary;
import dev.shadowstep.web.run.RunGuard;
import dev.shadowstep.web.run.RunStore;
import dev.shadowstep.run.ServerBusyException;
import dev.shadowstep.web.run.TraceJsonAdapter;
import dev.shadowstep.web.run.TraceService;
import dev.shadowstep.web.WebSliceConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import dev.shadowstep.permalink.PermalinkService;
import org.springframework.test.web.servlet.MockMvc;

/** When a run cannot be made at all (a busy server, a bug), the editor comes back with the text: nothing typed is lost. */
@WebMvcTest(EditorController.class)
@Import({ScenarioLibrary.class, RunStore.class, RunGuard.class, TraceJsonAdapter.class, ScenarioCheck.class,
        EditorFailureTest.FailingEngine.class})
@TestPropertySource(properties = WebSliceConfig.TEST_LIBRARY)
class EditorFailureTest {

    /** "Edit a copy" of a link reads the store; these tests stub it. */
    @MockitoBean
    PermalinkService permalinks;

    /** Fails on purpose: "boom" in the text is a bug in the engine, "busy" a server with no free run slot. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FailingEngine {
        @Bean
        TraceService failingEngine() {
            return text -> {
                if (text.contains("boom")) throw new IllegalStateException("a bug");
                if (text.contains("busy")) throw new ServerBusyException("The server is busy with other runs; try again.");
                return FakeTraces.stiShadow("fine");
            };
        }
    }

    static final String TEXT = "format: 1\ntitle: \"%s\"\n# typed by hand, to be kept\nprogram: |\n  hlt\n";

    @Autowired
    MockMvc mvc;

    @Test
    void aBugInTheEngineKeepsTheTextAndShowsNoStackTrace() throws Exception {
        mvc.perform(post("/editor/run").param("yaml", TEXT.formatted("boom")))
                .andExpect(status().isInternalServerError())
                .andExpect(content().string(containsString("# typed by hand, to be kept")))
                .andExpect(content().string(containsString("The server could not run this scenario")))
                .andExpect(content().string(not(containsString("IllegalStateException"))))
                .andExpect(content().string(not(containsString("at dev.shadowstep"))));
    }

    @Test
    void aBusyServerKeepsTheTextAndSaysToTryAgain() throws Exception {
        mvc.perform(post("/editor/run").param("yaml", TEXT.formatted("busy")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(containsString("# typed by hand, to be kept")))
                .andExpect(content().string(containsString("try again")));
        mvc.perform(post("/editor/compare").param("yaml", TEXT.formatted("busy")).param("compare", "hypervisor=kvm-vmx"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(containsString("# typed by hand, to be kept")));
    }
}
