package dev.shadowstep.web.compare;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The KVM fixes through the editor and the compare page, on the real core and the real library. */
@SpringBootTest
@AutoConfigureMockMvc
class CompareRealEngineTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("shadowstep.data-dir", () -> dataDir.toString());
    }

    @Autowired
    MockMvc mvc;

    @Test
    void withoutThe2022FixTheComparisonMarksStep9WhereTheVmEntryFails() throws Exception {
        mvc.perform(get("/compare").param("slug", "debug-regs-sti-kvm").param("b", "reinject_db_sets_bs=off"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-divergence=\"9\"")))
                .andExpect(content().string(containsString("First difference: step 9")))
                .andExpect(content().string(containsString("With reinject_db_sets_bs off: VM entry failed")))
                .andExpect(content().string(containsString("<span class=\"outcome-status\">vmentry_failed</span>")))
                .andExpect(content().string(containsString("class=\"diverges\"")));
    }

    @Test
    void theEditorRunsTheKvmScenarioWithAFixOffToTheFailedEntry() throws Exception {
        String yaml = new ClassPathResource("scenarios/debug-regs-sti-kvm.yaml").getContentAsString(StandardCharsets.UTF_8);
        String form = mvc.perform(post("/editor/switch").param("yaml", yaml)
                        .param("hypervisor", "kvm-vmx").param("reinject_db_sets_bs", "off"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat(form)
                .contains("hypervisor: {kind: kvm-vmx, forced_emulation: true, fixes: {reinject_db_sets_bs: false}}");
        String edited = yaml.replace("hypervisor: {kind: kvm-vmx, forced_emulation: true}",
                "hypervisor: {kind: kvm-vmx, forced_emulation: true, fixes: {reinject_db_sets_bs: false}}");
        String location = mvc.perform(post("/editor/run").param("yaml", edited))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getHeader("Location");
        mvc.perform(get(location))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<span class=\"outcome-status\">vmentry_failed</span>")))
                .andExpect(content().string(containsString("pending debug exceptions: BS must be 1 when RFLAGS.TF=1")));
    }

    @Test
    void aTrapGateForDbOnBareMetalLetsTheIrqInEarlier() throws Exception {
        mvc.perform(get("/compare").param("slug", "debug-regs-sti-bare-metal").param("a", "db_gate=interrupt")
                        .param("b", "db_gate=trap"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("First difference: step 5")))
                .andExpect(content().string(containsString("IRQ 0xaa delivered")));
    }
}
