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

    /**
     * The 2022 fix off: the runs part where KVM re-injects the intercepted #DB without setting
     * PENDING_DBG.BS, before the entry that then fails. The step is read from the two traces' VMCS
     * states (the first step whose pending debug exceptions differ), not from the compare code.
     */
    @Test
    void withoutThe2022FixTheFirstDifferenceIsWherePendingDbgFirstDiffers() throws Exception {
        String yaml = new ClassPathResource("scenarios/debug-regs-sti-kvm.yaml").getContentAsString(StandardCharsets.UTF_8);
        var a = run(yaml);
        var b = run(dev.shadowstep.web.switches.Variant.parse("reinject_db_sets_bs=off").apply(yaml));
        int expected = 0;
        while (a.steps().state(expected).vmcs().pendingDbg() == b.steps().state(expected).vmcs().pendingDbg()) expected++;
        mvc.perform(get("/compare").param("slug", "debug-regs-sti-kvm").param("b", "reinject_db_sets_bs=off"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-first=\"" + expected + "\"")))
                .andExpect(content().string(containsString("First difference: step " + expected + " of both runs")))
                .andExpect(content().string(containsString("vmcs.pending_dbg 0x"
                        + Long.toHexString(a.steps().state(expected).vmcs().pendingDbg()) + " vs 0x"
                        + Long.toHexString(b.steps().state(expected).vmcs().pendingDbg()))))
                .andExpect(content().string(containsString("<span class=\"outcome-status\">vmentry_failed</span>")));
    }

    static dev.shadowstep.trace.Trace run(String text) {
        return dev.shadowstep.run.ScenarioRunner.run(dev.shadowstep.scenario.ScenarioLoader.load(text), null);
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

    /**
     * An interrupt gate clears IF on delivery and a trap gate leaves it (SDM Vol. 3A 6.12.1.3), so the
     * runs part at the #DB delivery itself: RFLAGS after it, IF=0 against IF=1.
     */
    @Test
    void aTrapGateForDbOnBareMetalPartsAtTheDeliveryWhereIfIsKept() throws Exception {
        String yaml = new ClassPathResource("scenarios/debug-regs-sti-bare-metal.yaml").getContentAsString(StandardCharsets.UTF_8);
        var a = run(yaml);
        int delivery = a.events().stream().filter(e -> e.type() == dev.shadowstep.trace.Event.Type.DB).findFirst().orElseThrow().step();
        mvc.perform(get("/compare").param("slug", "debug-regs-sti-bare-metal").param("a", "db_gate=interrupt")
                        .param("b", "db_gate=trap"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("First difference: step " + delivery + " of both runs")))
                .andExpect(content().string(containsString("rflags 0x" + Long.toHexString(a.steps().state(delivery).rflags())
                        + " vs 0x" + Long.toHexString(a.steps().state(delivery).rflags() | dev.shadowstep.core.cpu.Rflags.IF))))
                .andExpect(content().string(containsString("IRQ 0xaa delivered")));
    }
}
