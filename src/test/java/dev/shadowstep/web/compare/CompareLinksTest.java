package dev.shadowstep.web.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.shadowstep.permalink.HttpCaching;
import dev.shadowstep.web.library.ScenarioLibrary;
import dev.shadowstep.web.run.RunStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Compare links, their text and JSON forms, /api/compare and what-if forks, on the real engine and library. */
@SpringBootTest
@AutoConfigureMockMvc
class CompareLinksTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("shadowstep.data-dir", () -> dataDir.toString());
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    RunStore runs;
    @Autowired
    ScenarioLibrary library;

    final JsonMapper json = JsonMapper.builder().build();

    String run(String slug, String variant) {
        String yaml = library.find(slug).orElseThrow().yaml();
        return runs.forText(dev.shadowstep.web.switches.Variant.parse(variant).apply(yaml)).id();
    }

    @Test
    void shareMakesACompareLinkThatOpensAtTheStepInEveryForm() throws Exception {
        String a = run("debug-regs-sti-kvm", "");
        String b = run("debug-regs-sti-kvm", "emulated_db_sets_bs=off");
        String location = mvc.perform(post("/compare/share").param("a", a).param("b", b).param("step", "35"))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getHeader("Location");
        assertThat(location).matches("/s/[0-9a-z]{10,}/vs/[0-9a-z]{10,}\\?step=35");
        String link = location.substring(0, location.indexOf('?'));

        mvc.perform(get(location))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-step=\"35\"")))
                .andExpect(content().string(containsString("id=\"compare-link\"")))
                .andExpect(content().string(containsString("href=\"/editor?link=")));

        String body = mvc.perform(get(link + ".json"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", HttpCaching.IMMUTABLE_FOR_ENGINE))
                .andReturn().getResponse().getContentAsString();
        JsonNode first = json.readTree(body).path("first_difference");
        assertThat(first.path("kind").asString()).isEqualTo("pair");
        assertThat(first.path("a").asInt()).isEqualTo(first.path("b").asInt());
        assertThat(first.path("fields").get(0).path("name").asString()).isEqualTo("vmcs.pending_dbg");
        assertThat(json.readTree(body).path("a").path("permalink").asString()).isNotEmpty();

        String etag = mvc.perform(get(link + ".json")).andReturn().getResponse().getHeader("ETag");
        mvc.perform(get(link + ".json").header("If-None-Match", etag)).andExpect(status().isNotModified());

        String text = mvc.perform(get(link + ".txt"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store")) // names the request's own origin
                .andReturn().getResponse().getContentAsString();
        assertThat(text.lines()).allSatisfy(l -> assertThat(l.codePointCount(0, l.length())).isLessThanOrEqualTo(80));
        assertThat(text).contains("      A vmcs.pending_dbg: 0x4000").contains("      B vmcs.pending_dbg: 0x0");
        assertThat(text.lines().filter(l -> l.startsWith("*"))).isNotEmpty();
    }

    @Test
    void theApiAlignsBareMetalAndKvmOnTheGuest() throws Exception {
        String body = mvc.perform(get("/api/compare").param("a", "scenarios/debug-regs-sti-bare-metal")
                        .param("b", "scenarios/debug-regs-sti-kvm"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.format").value(1))
                .andExpect(jsonPath("$.alignment.exact").value(true))
                .andReturn().getResponse().getContentAsString();
        JsonNode root = json.readTree(body);
        assertThat(root.path("first_difference").path("a").asInt()).isPositive();
        assertThat(root.path("alignment").path("spans").get(0).path("op").asString()).isEqualTo("only_b");
        assertThat(root.path("alignment").path("spans").get(0).path("host_work").asBoolean()).isTrue();
    }

    @Test
    void theApiSaysWhatASideMustBe() throws Exception {
        mvc.perform(get("/api/compare").param("a", "debug-regs-sti-kvm").param("b", "scenarios/debug-regs-sti-kvm"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("s/PERMALINK, runs/RUN or scenarios/NAME")));
        mvc.perform(get("/api/compare").param("a", "scenarios/nope").param("b", "scenarios/debug-regs-sti-kvm"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/s/zzzzzzzzzz/vs/yyyyyyyyyy")).andExpect(status().isNotFound());
    }

    @Test
    void aWhatIfLandsInTheCompareAtItsStep() throws Exception {
        String a = runs.forLibrary(library.find("sti-shadow-basic").orElseThrow()).id();
        String location = mvc.perform(post("/whatif").param("run", a).param("step", "1").param("what", "irq")
                        .param("vector", "0xaa"))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getHeader("Location");
        assertThat(location).startsWith("/compare?run=" + a + "&with=").endsWith("&step=1");
        mvc.perform(get(location))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("what if: + {at_step: 1, raise_irq: 0xaa}")))
                .andExpect(content().string(containsString("data-step=\"1\"")));
        mvc.perform(post("/whatif").param("run", a).param("step", "1").param("what", "switch:hypervisor=kvm-vmx"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/whatif").param("run", a).param("step", "1").param("what", "irq").param("vector", "2"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("16 to 255")));
    }

    /**
     * The register forks through the form: TF set at step 0 of kut-13-singlestep-basic lands on its
     * host action (row 0, the fork's step 0), and the compare names the fork by the line it adds; a
     * DR7 write takes its value; a shadow fork opens at the start; a bad flag or value is a 400 that says why.
     */
    @Test
    void registerAndShadowForksLandInTheCompare() throws Exception {
        String a = runs.forLibrary(library.find("kut-13-singlestep-basic").orElseThrow()).id();
        String location = mvc.perform(post("/whatif").param("run", a).param("step", "0").param("what", "set:TF"))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getHeader("Location");
        assertThat(location).startsWith("/compare?run=" + a + "&with=").endsWith("&step=0");
        mvc.perform(get(location))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("what if: + {at_step: 0, set_regs: {rflags_set: [TF]}}")));
        String dr7 = mvc.perform(post("/whatif").param("run", a).param("step", "3").param("what", "dr:dr7").param("value", "0x401"))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getHeader("Location");
        mvc.perform(get(dr7)).andExpect(content().string(containsString("set_debugregs: {dr7: 0x401}")));
        assertThat(mvc.perform(post("/whatif").param("run", a).param("step", "5").param("what", "shadow:mov_ss"))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getHeader("Location")).endsWith("&step=0");
        mvc.perform(post("/whatif").param("run", a).param("step", "1").param("what", "set:ZF"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("TF, IF or RF")));
        mvc.perform(post("/whatif").param("run", a).param("step", "1").param("what", "dr:dr7").param("value", "0x1_0000_0000"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("32 bits")));
    }
}
