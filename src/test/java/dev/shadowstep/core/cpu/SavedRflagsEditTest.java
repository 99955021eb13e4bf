package dev.shadowstep.core.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.asm.Assembler;
import dev.shadowstep.core.asm.Decoder;
import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Program;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Arithmetic returns FRAME_RFLAGS_EDIT for an and/or of named RFLAGS bits into a saved image on
 * the stack (the kvm-unit-tests debug.c and KVM debug_regs.c handlers clear TF in the interrupt
 * frame with {@code andq $~X86_EFLAGS_TF, 16(%rsp)}), and for nothing else.
 */
class SavedRflagsEditTest {

    private static Instruction decode(String asm) {
        Program p = Assembler.assemble(asm, List.of());
        return Decoder.decode(p.image(), 0, p.base());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "andq $~X86_EFLAGS_TF, 16(%rsp); true",
            "orq $(X86_EFLAGS_TF | X86_EFLAGS_RF), (%rsp); true",
            "orq $0x200, 24(%rsp); true",
            "orq $0x1000000, 8(%rsp); false",   // bit 24 is not a named flag
            "orq $0x201, (%rsp); false",        // CF is not one of the named flags
            "orq $0x100, (%rax); false",        // not the stack
            "andq $0, 16(%rsp); false",         // clears every bit, not named flags
            "addq $0x100, 16(%rsp); false"})
    void recognisesOnlyEditsOfNamedFlagsOnTheStack(String asm, boolean edit) {
        assertThat(Arithmetic.editsSavedRflags(decode(asm))).isEqualTo(edit);
    }
}
