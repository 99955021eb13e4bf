package dev.shadowstep.core.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AssemblerErrorsTest {

    private static List<AsmError> errorsOf(String program) {
        try {
            Assembler.assemble(program, List.of(new DataCell("guest_value", List.of(0L))));
        } catch (AssemblyException e) {
            return e.errors();
        }
        throw new AssertionError("expected assembly errors for:\n" + program);
    }

    private static AsmError onlyError(String program) {
        List<AsmError> errors = errorsOf(program);
        assertThat(errors).hasSize(1);
        return errors.getFirst();
    }

    @Test
    void anUnknownMnemonicIsNamedWithItsLineAndColumn() {
        AsmError e = onlyError("nop\n    rdpid\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.message()).contains("'rdpid'").contains("not in shadowstep's x86 subset");
    }

    @Test
    void instructionsOutsideTheSubsetAreErrorsNotGuesses() {
        for (String insn : List.of("cmove %eax, %ebx", "bswap %eax", "xadd %eax, (%rbx)", "mul %ecx", "invept (%rax), %rbx")) {
            assertThat(onlyError(insn).message()).as(insn).contains("unknown instruction");
        }
    }

    @Test
    void instructionsTheTestsUseButThisModelDoesNotExecuteSayWhyAtTheirLine() {
        record Case(String insn, String why) {}
        for (Case c : List.of(new Case("rep movsb", "string instruction"), new Case("stosq", "RSI/RDI/RCX"),
                new Case("lidt (%rax)", "the IDT is implicit"), new Case("lgdt (%rax)", "no GDT"),
                new Case("lldt %ax", "LLDT"), new Case("invlpg (%rax)", "TLB"), new Case("monitor", "MONITOR"),
                new Case("mwait", "use hlt"), new Case("xend", "TSX"), new Case("syscall", "LSTAR"))) {
            AsmError e = onlyError("nop\n" + c.insn());
            assertThat(e.line()).as(c.insn()).isEqualTo(2);
            assertThat(e.message()).as(c.insn()).contains("is not modelled").contains(c.why());
        }
        // GNU as 2.40: "bad register name `%cr16'" and "operand type mismatch for `mov'" (32-bit or memory operand).
        AsmError cr16 = onlyError("mov %cr16, %rax");
        assertThat(cr16.message()).contains("bad register name '%cr16'");
        assertThat(cr16.column()).isEqualTo(5);
        for (String bad : List.of("mov %cr0, %eax", "movl %cr0, %rax", "mov %cr0, (%rax)", "mov $1, %cr4", "mov %cr0, %cr4")) {
            assertThat(errorsOf(bad)).as(bad).hasSize(1);
        }
        assertThat(Assembler.assemble("movsb %al, %ax", List.of()).image()).as("a register operand makes it sign extension")
                .containsExactly((byte) 0x66, (byte) 0x0f, (byte) 0xbe, (byte) 0xc0);
    }

    @Test
    void aBadRegisterNameIsReportedAtTheOperand() {
        AsmError e = onlyError("mov %rax, %xyz");
        assertThat(e.column()).isEqualTo(11);
        assertThat(e.message()).contains("bad register name '%xyz'");
    }

    @Test
    void anOperandOfTheWrongKindIsAMismatchForTheMnemonic() {
        assertThat(onlyError("lea %rax, %rbx").message()).isEqualTo("operand type mismatch for 'lea'");
        assertThat(onlyError("jmp %rax").message()).isEqualTo("operand type mismatch for 'jmp'");
        assertThat(onlyError("inc").message()).isEqualTo("number of operands mismatch for 'inc'");
    }

    @Test
    void anUndefinedSymbolIsReportedWhereItIsUsed() {
        AsmError e = onlyError("nop\njmp nowhere\n");
        assertThat(e).isEqualTo(new AsmError(2, 5, "undefined symbol 'nowhere'"));
    }

    @Test
    void anUndefinedLocalLabelIsNamedAsWritten() {
        assertThat(onlyError("jmp 1f").message()).isEqualTo("undefined local label '1'");
    }

    @Test
    void aDuplicateLabelPointsAtTheFirstDefinition() {
        AsmError e = onlyError("foo: nop\nfoo: nop\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.message()).contains("'foo' is already defined as a label at line 1");
    }

    @Test
    void aLoopTargetOutOfRangeIsAnErrorBecauseLoopHasNoLongForm() {
        AsmError e = onlyError("top: .quad 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\nloop top\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.message()).contains("-130 bytes away").contains("-128..127");
    }

    @Test
    void aMissingSuffixWithoutRegisterOperandsIsAnError() {
        AsmError e = onlyError("mov $1, (%rax)");
        assertThat(e.message()).startsWith("no instruction mnemonic suffix given and no register operands; can't size 'mov'");
        assertThat(onlyError("inc (%rax)").message()).contains("can't size 'inc'");
        assertThat(onlyError("mov $1, guest_value").message()).contains("can't size 'mov'");
    }

    @Test
    void aSuffixThatContradictsARegisterIsAnError() {
        assertThat(onlyError("movq %eax, %ebx").message()).isEqualTo("incorrect register '%ebx' used with 'q' suffix");
        assertThat(onlyError("add %eax, %rbx").message()).contains("differ in size");
        assertThat(onlyError("push %eax").message()).contains("4-byte operands are not allowed");
    }

    @Test
    void anImmediateThatDoesNotFitIsAnError() {
        assertThat(onlyError("add $0x80000000, %rax").message()).contains("does not fit in a sign-extended 32-bit field");
        assertThat(onlyError("movb $0x100, %al").message()).contains("does not fit in 8 bits");
        assertThat(onlyError("int $256").message()).contains("not 0-255");
        assertThat(onlyError(".byte 1, 256")).isEqualTo(new AsmError(1, 10, "value 0x100 is too large for a 1-byte field"));
    }

    @Test
    void aHighByteRegisterCannotBeUsedWithARexPrefix() {
        assertThat(onlyError("mov %ah, %r8b").message()).contains("can't encode register '%ah'");
    }

    @Test
    void addressingRulesAreChecked() {
        assertThat(onlyError("mov (%rax,%rsp), %rax").message()).isEqualTo("%rsp cannot be an index register");
        assertThat(onlyError("mov (%eax), %rax").message()).contains("use a 64-bit register");
        assertThat(onlyError("mov (%rax,%rbx,3), %rax").message()).contains("scale must be 1, 2, 4 or 8");
        assertThat(onlyError("mov %fs:(%rax), %rax").message()).contains("segment overrides");
    }

    @Test
    void expressionsThatGnuAsAndCReadDifferentlyNeedParentheses() {
        assertThat(onlyError(".quad 1 + 2 << 3").message()).contains("GNU as reads this as 0x11, C as 0x18; add parentheses");
        byte[] image = Assembler.assemble(".byte (1 + 2) << 3, 1 + (2 << 3), 1 | 2 & 3", List.of()).image();
        assertThat(image).containsExactly(0x18, 0x11, 0x03);   // parenthesised, or grouped alike by both: accepted
    }

    @Test
    void aPredefinedConstantMayOnlyBeRedefinedWithItsOwnValue() {
        assertThat(onlyError(".set X86_EFLAGS_TF, 0x200").message()).contains("X86_EFLAGS_TF is predefined as 0x100");
        assertThat(Assembler.assemble(".set X86_EFLAGS_TF, 0x100\norq $X86_EFLAGS_TF, (%rsp)", List.of()).image()).hasSize(8);
    }

    @Test
    void anUnknownDirectiveAndAGapGnuAsWouldJumpOverAreErrors() {
        assertThat(onlyError(".p2align 3").message()).contains("unknown directive .p2align");
        // as 2.40 pads up to 87 bytes with NOPs and jumps over longer gaps (eb rel8), which is refused.
        assertThat(onlyError("int3\n.balign 128").message()).contains("padding of 127 bytes");
        assertThat(Assembler.assemble("int3\n.balign 128, 0xcc", List.of()).image()).hasSize(128);
    }

    @Test
    void aBalignWithoutFillPadsWithGnuAsMultiByteNops() {
        // GNU as --64: int3; .balign 8 -> cc 0f 1f 80 00 00 00 00 (nopl 0x0(%rax)); .balign 16 after 5 bytes -> 11 bytes.
        assertThat(InstructionEncodingTest.hex(Assembler.assemble("int3\n.balign 8", List.of()).image()))
                .isEqualTo("cc 0f 1f 80 00 00 00 00");
        assertThat(InstructionEncodingTest.hex(Assembler.assemble("int3; int3; int3; int3; int3\n.balign 16", List.of()).image()))
                .isEqualTo("cc cc cc cc cc 66 66 2e 0f 1f 84 00 00 00 00 00");
    }

    @Test
    void prefixesGnuAsRefusesOnTheSameLineAreErrors() {
        assertThat(onlyError("lock nop").message()).contains("expecting lockable instruction after 'lock'");
        assertThat(onlyError("lock incl %eax").message()).contains("expecting lockable instruction after 'lock'");
        assertThat(onlyError("rep hlt").message()).contains("invalid instruction 'hlt' after 'rep'");
        assertThat(onlyError("addr16 nop").message()).contains("not supported in 64-bit mode");
        assertThat(onlyError("into").message()).contains("not supported in 64-bit mode").contains(".byte 0xce");
        assertThat(onlyError("fs movl $1, (%rax)").message()).contains("not modelled");
    }

    @Test
    void anUnterminatedBlockCommentIsReportedWhereItStarts() {
        assertThat(onlyError("nop\nnop /* open\nnop\n")).isEqualTo(new AsmError(2, 5, "unterminated /* comment: close it with */"));
    }

    @Test
    void aSymbolDefinedInTermsOfItselfIsAnError() {
        assertThat(onlyError(".set A, B + 1\n.set B, A\nmov $A, %eax").message()).contains("defined in terms of itself");
    }

    @Test
    void everyErrorInAProgramIsReportedInTextOrder() {
        List<AsmError> errors = errorsOf("""
                rdpid
                mov $1, (%rax)
                foo: nop
                foo: nop
                jmp nowhere
                push %eax ; rcl %eax, %eax
                nop
                """);
        assertThat(errors).extracting(AsmError::line).containsExactly(1, 2, 4, 5, 6, 6);
        assertThat(errors.get(5).column()).isEqualTo(13);
    }

    @Test
    void errorsInPastedCStringsPointAtTheOriginalColumn() {
        AsmError e = onlyError("asm volatile(\"nop\\n\\t\"\n             \"rdpid\\n\\t\");");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(15);
    }

    @Test
    void theExceptionMessageListsEveryErrorAsLineColonColumn() {
        assertThatThrownBy(() -> Assembler.assemble("rdpid\nrdpmc", List.of()))
                .isInstanceOf(AssemblyException.class)
                .hasMessage("1:1: unknown instruction 'rdpid': it is not in shadowstep's x86 subset\n"
                        + "2:1: unknown instruction 'rdpmc': it is not in shadowstep's x86 subset");
    }

    @Test
    void aDataCellNameThatIsAlsoALabelIsAnError() {
        assertThat(onlyError("guest_value: nop").message()).contains("also the name of a data cell");
    }
}
