package dev.shadowstep.web.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.web.switches.Switch;
import dev.shadowstep.web.switches.SwitchEditor;
import dev.shadowstep.web.switches.SwitchState;
import dev.shadowstep.web.yaml.YamlTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** A title made false by a switch says so; an untouched library scenario never does. */
class TitleClaimsTest {

    static List<String> claims(String text) {
        YamlTree tree = YamlTree.parse(text);
        return TitleClaims.contradicted(tree, SwitchState.read(tree));
    }

    static String library(String slug) throws IOException {
        return new PathMatchingResourcePatternResolver().getResource("classpath:scenarios/" + slug + ".yaml")
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void noLibraryScenarioContradictsItsOwnTitle() throws IOException {
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath:scenarios/*.yaml")) {
            assertThat(claims(r.getContentAsString(StandardCharsets.UTF_8))).as(r.getFilename()).isEmpty();
        }
    }

    @Test
    void switchingTheBareMetalStiTestToKvmMakesItsTitleFalse() throws IOException {
        String kvm = SwitchEditor.set(library("debug-regs-sti-bare-metal"), Switch.HYPERVISOR, "kvm-vmx");
        assertThat(claims(kvm)).containsExactly(
                "The title says bare metal, but the scenario now runs under KVM on VMX: edit it before you share.");
    }

    @Test
    void switchingTheInterruptGateScenarioToATrapGateMakesItsTitleFalse() throws IOException {
        String trap = SwitchEditor.set(library("db-interrupt-gate-irq-after-iret"), Switch.DB_GATE, "trap");
        assertThat(claims(trap)).anyMatch(c -> c.startsWith("The title says interrupt gate"));
    }
}
