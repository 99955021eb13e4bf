package dev.shadowstep.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.Step;
import dev.shadowstep.trace.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** xchg, cmpxchg, the bit tests, div, the extensions and invd name their own rule, and the why says what they did. */
class NewInstructionRulesTest {

    @Test
    void eachNewInstructionNamesItsRuleWithItsValues() {
        Trace t = ScenarioRunner.run(ScenarioLoader.load("""
                format: 1
                title: new instructions
                cpu: {rax: 5, rbx: 6, rcx: 7, rdx: 0}
                program: |
                  xchg %rax, %rbx
                  cmpxchg %rcx, %rdx
                  cmpxchg %rcx, %rdx
                  btsq $3, %rdx
                  mov $100, %eax
                  xor %edx, %edx
                  mov $7, %ecx
                  divl %ecx
                  movsbq %al, %r8
                  invd
                  hlt
                """), null);
        List<Step> s = HypervisorTraceTest.steps(t);
        assertThat(s).extracting(Step::rule).containsExactly("XCHG_SWAPS", "CMPXCHG_DIFFERENT", "CMPXCHG_EQUAL", "BIT_TEST",
                "PLAIN", "PLAIN", "PLAIN", "DIVIDES", "EXTENDS", "CACHE_NOT_MODELLED", "HLT_HALTS");
        // cmpxchg 1: RAX = 6 (after xchg) differs from RDX = 0, so RAX = 0; cmpxchg 2: RAX = 0 = RDX, so RDX = RCX = 7.
        assertThat(s.get(1).why()).contains("ZF=0").contains("written back unchanged");
        assertThat(s.get(2).why()).contains("ZF=1");
        // bit 3 of 7 is 0: CF = 0, RDX = 15.
        assertThat(s.get(3).why()).startsWith("BTS copied bit 3 to CF (CF=0), then set it").contains("SDM BTS");
        // 100 / 7 = 14 remainder 2.
        assertThat(s.get(7).why()).startsWith("DIV divided: quotient 0xe, remainder 0x2");
        assertThat(s.get(8).why()).startsWith("movsbq sign-extended a 8-bit source into the 64-bit destination");
    }

    @Test
    void theTimeStampCounterCountsRetiredInstructions() {
        Trace t = ScenarioRunner.run(ScenarioLoader.load("""
                format: 1
                title: tsc
                cpu: {rcx: 0x1234}
                program: |
                  nop
                  rdtsc
                  mov %eax, %ebx
                  nop
                  rdtscp
                  hlt
                """), null);
        List<Step> s = HypervisorTraceTest.steps(t);
        // The first RDTSC follows one retired instruction, the RDTSCP four (nop, rdtsc, mov, nop).
        assertThat(s.get(1).rule()).isEqualTo("RDTSC_READS_COUNT");
        assertThat(s.get(1).why()).startsWith("RDTSC loaded EDX:EAX with the time-stamp counter, 1:");
        assertThat(s.get(4).why()).startsWith("RDTSCP loaded EDX:EAX with the time-stamp counter, 4:").contains("ECX = IA32_TSC_AUX = 0");
    }
}
