package dev.shadowstep.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTagsTest {

    static List<String> tags(String yaml) {
        return ScenarioDocument.read(yaml).tags();
    }

    @Test
    void stiInTheProgramMeansStiShadow() {
        assertThat(tags("program: |\n  sti\n  hlt\n")).containsExactly("STI shadow", "HLT");
    }

    @Test
    void aLabelOrTheKvmFepPrefixBeforeAnInstructionDoesNotHideIt() {
        assertThat(tags("program: |\n  start: KVM_FEP sti\n")).contains("STI shadow", "forced emulation");
        assertThat(tags("program: \"KVM_FEP fep_bd_start: sti; hlt\"\n")).contains("HLT");
    }

    @Test
    void theClosingCliHltIsNotTaggedButAHaltTheScenarioIsAboutIs() {
        assertThat(tags("program: |\n  nop\n  cli\n  hlt\n")).doesNotContain("HLT");
        assertThat(tags("host: [{when_halted: true, raise_irq: 0xec}]\nprogram: |\n  cli\n  hlt\n")).contains("HLT");
        assertThat(tags("title: HLT with TF=1\nprogram: |\n  hlt\n")).contains("HLT");
    }

    @Test
    void anInstructionInACommentDoesNotCount() {
        assertThat(tags("program: |\n  nop # then sti\n  /* hlt */ nop\n")).isEmpty();
    }

    @Test
    void movOrPopToSsMeansMovSs() {
        assertThat(tags("program: |\n  mov %ax, %ss\n")).containsExactly("MOV SS");
        assertThat(tags("program: |\n  popq %ss\n")).containsExactly("MOV SS");
        assertThat(tags("program: |\n  mov %ss, %ax\n")).isEmpty();
    }

    @Test
    void startingInAShadowCountsToo() {
        assertThat(tags("cpu: {shadow: mov_ss}\nprogram: nop\n")).containsExactly("MOV SS");
    }

    @Test
    void trapFlagInTheProgramOrInRflagsMeansSingleStep() {
        assertThat(tags("program: |\n  orq $X86_EFLAGS_TF, (%rsp)\n")).containsExactly("single-step");
        assertThat(tags("cpu: {rflags: 0x102}\nprogram: nop\n")).containsExactly("single-step");
        assertThat(tags("cpu: {rflags: 258}\nprogram: nop\n")).containsExactly("single-step");
    }

    @Test
    void dr7DecidesBetweenDataAndInstructionBreakpoints() {
        // DR7: L0 set, R/W0 = 11 (read/write), LEN0 = 11 -> data breakpoint (SDM 19.2.4)
        assertThat(tags("cpu: {dr7: 0xf0001}\nprogram: nop\n")).containsExactly("data breakpoint");
        // L0 set, R/W0 = 00 -> instruction breakpoint
        assertThat(tags("cpu: {dr7: 0x401}\nprogram: nop\n")).containsExactly("instruction breakpoint");
        // R/W0 = 01 but no enable bit: no breakpoint at all
        assertThat(tags("cpu: {dr7: 0x10000}\nprogram: nop\n")).isEmpty();
    }

    @Test
    void generalDetectIsFoundInDr7OrTheProgram() {
        assertThat(tags("cpu: {dr7: 0x2400}\nprogram: nop\n")).containsExactly("GD");
        assertThat(tags("program: |\n  mov $DR7_GD, %rax\n")).containsExactly("GD");
    }

    @Test
    void icebpIsFoundAsMnemonicOrAsItsByte() {
        assertThat(tags("program: |\n  int1\n")).containsExactly("ICEBP");
        assertThat(tags("program: |\n  .byte 0xf1\n")).containsExactly("ICEBP");
    }

    @Test
    void irqAndNmiComeFromApicHostActionsAndExpectations() {
        assertThat(tags("apic: {irr: [0xAA]}\nprogram: nop\n")).containsExactly("IRQ");
        assertThat(tags("host:\n  - {at_step: 3, raise_nmi: true}\nprogram: nop\n")).containsExactly("NMI");
        assertThat(tags("expect:\n  - nmi: {at: x}\nprogram: nop\n")).containsExactly("NMI");
    }

    @Test
    void theHypervisorSectionGivesVmxKvmAndFixTags() {
        assertThat(tags("hypervisor: {kind: vmx}\nprogram: nop\n")).containsExactly("VMX entry check");
        assertThat(tags("hypervisor: {kind: kvm-vmx, fixes: {reinject_db_sets_bs: false}, guest_debug: [SINGLESTEP]}\nprogram: nop\n"))
                .containsExactly("single-step", "KVM", "KVM fix", "guest debug");
    }

    @Test
    void cInlineAsmPiecesAreUnquotedBeforeReading() {
        assertThat(tags("program: |\n  \"pushf\\n\\t\"\n  \"sti\\n\\t\"\n")).containsExactly("STI shadow");
    }
}
