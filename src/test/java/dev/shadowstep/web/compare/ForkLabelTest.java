package dev.shadowstep.web.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** Run B's name from what its text adds: a fork's line as written, another scenario by a count of lines. */
class ForkLabelTest {

    static String library(String name) throws Exception {
        return new ClassPathResource("scenarios/" + name + ".yaml").getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aForkIsNamedByTheLineItAdds() throws Exception {
        String text = library("sti-shadow-basic");
        String fork = new WhatIf("irq", 1, 0xAA, null).apply(text);
        assertThat(ForkLabel.of(text, fork)).isEqualTo("+ {at_step: 1, raise_irq: 0xaa}");
    }

    /** Bare metal against KVM as two links: the switch is named, the many other lines only counted, so the name stays short. */
    @Test
    void anotherScenarioIsNamedByItsSwitchesAndHowManyLinesItAdds() throws Exception {
        String a = library("debug-regs-sti-kvm");
        String b = library("debug-regs-sti-bare-metal");
        String label = ForkLabel.of(a, b);
        assertThat(label).startsWith("on bare metal, ").endsWith(" lines of its own").doesNotContain("title");
        assertThat(label.length()).isLessThan(60);
    }

    @Test
    void aLongAddedLineIsCut() {
        String a = "format: 1\nprogram: |\n  nop\n";
        String b = a + "# a comment\ntitle: " + "x".repeat(100) + "\n";
        assertThat(ForkLabel.of(a, b)).hasSize(2 + 60).endsWith("…");
    }
}
