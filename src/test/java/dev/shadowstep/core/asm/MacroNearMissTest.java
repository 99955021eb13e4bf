package dev.shadowstep.core.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A misspelt macro in pasted C inline asm is named, located and corrected, not "expected an instruction". */
class MacroNearMissTest {

    private static List<AsmError> errors(String program) {
        return catchThrowableOfType(AssemblyException.class, () -> Assembler.assemble(program, List.of())).errors();
    }

    @Test
    void aMisspeltStringifyOnABareCLineIsTheOneErrorAtItsColumn() {
        List<AsmError> errors = errors("\"pushf\\n\\t\"\n\"orq $\" __stringfy(X86_EFLAGS_TF) \", (%rsp)\\n\\t\"\n");
        assertThat(errors).containsExactly(new AsmError(2, 9, "unknown macro __stringfy; did you mean __stringify?"));
    }

    @Test
    void aMisspeltStringifyInsideAsmVolatileIsTheOneErrorAtItsColumn() {
        String program = "asm volatile(\"pushf\\n\\t\"\n"
                + "\t\t     \"orq $\" __stringfy(X86_EFLAGS_TF) \", (%rsp)\\n\\t\"\n"
                + "\t\t     \"popf\\n\\t\");\n";
        // tab, tab and five spaces, then "orq $" and a space: the word starts at index 15
        assertThat(errors(program)).containsExactly(
                new AsmError(2, 16, "unknown macro __stringfy; did you mean __stringify?"));
    }

    @Test
    void aMisspeltKvmFepIsNamedToo() {
        assertThat(errors("KVM_FPE \"sti\\n\\t\"\n")).extracting(AsmError::message)
                .containsExactly("unknown macro KVM_FPE; did you mean KVM_FEP?");
    }

    @Test
    void aWordFarFromEveryMacroKeepsTheUsualError() {
        assertThat(errors("\"nop\\n\\t\" FOO_BAR_BAZ\n")).extracting(AsmError::message)
                .noneMatch(m -> m.startsWith("unknown macro"));
    }
}
