package dev.shadowstep.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowstep.core.asm.Assembler;
import dev.shadowstep.core.asm.Decoder;
import dev.shadowstep.core.asm.Instruction;
import dev.shadowstep.core.asm.Program;
import dev.shadowstep.core.cpu.CpuState;
import dev.shadowstep.core.cpu.InstructionRule;
import dev.shadowstep.core.cpu.Regs;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainEffectTest {

    private static Instruction decode(String asm) {
        Program p = Assembler.assemble(asm, List.of());
        return Decoder.decode(p.image(), 0, p.base());
    }

    private static final CpuState STATE = CpuState.reset(0x401000, 0x800000);

    @Test
    void namesTheFlagAHandlerClearsInTheInterruptFrame() {
        String why = PlainEffect.explain(InstructionRule.FRAME_RFLAGS_EDIT, STATE, decode("andq $~X86_EFLAGS_TF, 16(%rsp)"), STATE);
        assertThat(why).startsWith("Clears TF in the quadword at 16(%rsp)").contains("IRETQ restores");
    }

    @Test
    void namesFlagsSetInAPushfImage() {
        String why = PlainEffect.explain(InstructionRule.FRAME_RFLAGS_EDIT, STATE, decode("orq $(X86_EFLAGS_TF | X86_EFLAGS_RF), (%rsp)"), STATE);
        assertThat(why).startsWith("Sets TF and RF in the quadword at (%rsp)").contains("POPF");
    }

    @Test
    void listsTheRegistersAnInstructionChanged() {
        CpuState after = STATE.toBuilder().reg(Regs.RCX, 0x80b).build();
        String why = PlainEffect.explain(InstructionRule.PLAIN, STATE, decode("movl $0x80b, %ecx"), after);
        assertThat(why).isEqualTo("Now rcx = 0x80b; no interrupt or debug rule applies to this instruction.");
    }

    @Test
    void leavesOtherMemoryEditsUnnamed() {
        String why = PlainEffect.explain(InstructionRule.PLAIN, STATE, decode("orq $0x1000000, 8(%rsp)"), STATE);
        assertThat(why).isEqualTo("No interrupt or debug rule applies to this instruction.");
    }
}
