package dev.shadowstep.permalink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

class CanonicalScenarioTest {

    private static final String BLOCK = """
            format: 1
            title: STI shadow
            apic: {irr: [0xAA]}
            idt:
              1: db_handler
              0xAA: irq_handler
            cpu:
              rflags: 0x2
            program: |
              sti
              nop
              db_handler:
              iretq
              irq_handler:
              iretq
            """;

    @Test
    void keyOrderSpacingAndNumberBaseDoNotChangeTheId() {
        String reordered = """
                program: |
                  sti
                  nop
                  db_handler:
                  iretq
                  irq_handler:
                  iretq
                cpu:    { rflags:   2 }
                idt: {170: irq_handler,    0x1: db_handler}
                apic:
                  irr:
                    - 170
                title:   "STI shadow"
                format: 0x1
                """;
        assertSameId(BLOCK, reordered);
    }

    @Test
    void jsonAndYamlOfOneScenarioHaveOneId() {
        String json = """
                {"format": 1, "title": "STI shadow", "apic": {"irr": ["0xaa"]},
                 "idt": {"1": "db_handler", "0xAA": "irq_handler"}, "cpu": {"rflags": "0x2"},
                 "program": "sti\\nnop\\ndb_handler:\\niretq\\nirq_handler:\\niretq\\n"}
                """;
        assertSameId(BLOCK, json);
    }

    @Test
    void aDifferentProgramGivesADifferentId() {
        assertDifferentIds(BLOCK, BLOCK.replace("  nop\n", "  cli\n"));
    }

    @Test
    void whitespaceInsideTheProgramIsPartOfTheExperiment() {
        assertDifferentIds(BLOCK, BLOCK.replace("  nop\n", "  nop \n"));
        assertDifferentIds(BLOCK, BLOCK.replace("  nop\n", "    nop\n"));
        assertDifferentIds(BLOCK, BLOCK.replace("  nop\n", "  nop\n\n"));
    }

    @Test
    void theOrderOfDataCellsIsTheMemoryLayoutAndCounts() {
        String ab = BLOCK + "data: {a: 1, b: 2}\n";
        String ba = BLOCK + "data: {b: 2, a: 1}\n";
        assertDifferentIds(ab, ba);
        assertSameId(ab, BLOCK + "data:\n  a: 0x1\n  b: 0x2\n");
    }

    @Test
    void expectTextsAreMatchedAsTextAndKeptVerbatim() {
        String base = BLOCK + "hypervisor: {kind: kvm-vmx}\nexpect:\n  - vmexit: {reason: \"48\"}\n";
        assertDifferentIds(base, base.replace("\"48\"", "\"0x30\""));
    }

    @Test
    void theTitleIsKeptAsWrittenEvenWhenItLooksLikeANumber() {
        assertDifferentIds(BLOCK.replace("title: STI shadow", "title: \"170\""),
                BLOCK.replace("title: STI shadow", "title: \"0xAA\""));
    }

    @Test
    void theCanonicalFormIsCompactJsonWithSortedKeysAndDecimalNumbers() {
        String form = CanonicalScenario.of("""
                title: T
                format: 1
                program: "nop"
                cpu: {rflags: 0x202, cr4_de: true}
                """);
        assertThat(form).isEqualTo(
                "{\"cpu\":{\"cr4_de\":true,\"rflags\":514},\"format\":1,\"program\":\"nop\",\"title\":\"T\"}");
    }

    @Test
    void theHashIsTheIdAlphabetsFullLength() {
        assertThat(CanonicalScenario.hash(BLOCK)).hasSize(PermalinkIds.FULL_LENGTH)
                .matches("[" + PermalinkIds.ALPHABET + "]+");
    }

    private static void assertSameId(String a, String b) {
        ScenarioLoader.load(a);
        ScenarioLoader.load(b);
        assertThat(CanonicalScenario.of(b)).isEqualTo(CanonicalScenario.of(a));
        assertThat(CanonicalScenario.hash(b)).isEqualTo(CanonicalScenario.hash(a));
    }

    private static void assertDifferentIds(String a, String b) {
        ScenarioLoader.load(a);
        ScenarioLoader.load(b);
        assertThat(CanonicalScenario.hash(b)).isNotEqualTo(CanonicalScenario.hash(a));
    }
}
