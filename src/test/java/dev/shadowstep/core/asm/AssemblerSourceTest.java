package dev.shadowstep.core.asm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The source text rules: labels, comments, separators, directives, KVM_FEP and pasted C strings. */
class AssemblerSourceTest {

    private static Program assemble(String program) {
        return Assembler.assemble(program, List.of());
    }

    private static String hex(Program p) {
        return InstructionEncodingTest.hex(p.image());
    }

    @Test
    void kvmFepIsOneListingLineOfFiveBytesAndALabelAfterItNamesTheNextInstruction() {
        Program p = assemble("before: KVM_FEP fep_bd_start: mov %dr0,%rax\n");
        assertThat(p.listing()).hasSize(2);
        Program.Line fep = p.listing().get(0);
        assertThat(fep.text()).isEqualTo("KVM_FEP");
        assertThat(fep.hex()).isEqualTo("0f 0b 6b 76 6d");
        assertThat(fep.labels()).containsExactly("before");
        Program.Line mov = p.listing().get(1);
        assertThat(mov.address()).isEqualTo(Program.BASE + 5);
        assertThat(mov.text()).isEqualTo("mov %dr0,%rax");
        assertThat(mov.labels()).containsExactly("fep_bd_start");
        assertThat(p.symbols()).containsEntry("fep_bd_start", Program.BASE + 5);
    }

    @Test
    void pastedCInlineAsmAssemblesLikeThePlainProgram() throws Exception {
        String c = Files.readString(Path.of("src/test/resources/asm/c_inline_asm.s"));
        String plain = Files.readString(Path.of("src/test/resources/asm/debug_regs_sti.s"));
        Program fromC = assemble(c);
        Program fromPlain = assemble(plain);
        byte[] stiPart = java.util.Arrays.copyOf(fromC.image(), 0x1d);
        assertThat(InstructionEncodingTest.hex(stiPart)).isEqualTo(InstructionEncodingTest.hex(java.util.Arrays.copyOf(fromPlain.image(), 0x1d)));
        assertThat(fromC.symbols()).containsEntry("fep_sti_start", Program.BASE + 0xb).containsEntry("fep_sti_end", Program.BASE + 0x1c);
        assertThat(fromC.listing().get(1).text()).isEqualTo("orq $0x100, (%rsp)");
        assertThat(fromC.listing().get(1).line()).isEqualTo(3);
    }

    @Test
    void stringifyExpandsAPredefinedConstantToItsValue() {
        Program p = assemble("\"orq $\" __stringify(X86_EFLAGS_TF) \", (%rsp)\\n\\t\"");
        assertThat(p.listing().getFirst().text()).isEqualTo("orq $0x100, (%rsp)");
    }

    @Test
    void commentsAndSeparatorsDoNotChangeTheCode() {
        Program p = assemble("""
                /* a comment
                   over two lines */ nop   # trailing comment; not a statement
                sti; cli   /* inline */ ; hlt
                """);
        assertThat(hex(p)).isEqualTo("90 fb fa f4");
        assertThat(p.listing()).extracting(Program.Line::text).containsExactly("nop", "sti", "cli", "hlt");
        assertThat(p.listing()).extracting(Program.Line::line).containsExactly(2, 3, 3, 3);
    }

    @Test
    void labelsMayShareALineAndSeveralMayNameOneAddress() {
        Program p = assemble("a: b:\nc: nop\nd: hlt\n");
        assertThat(p.listing().get(0).labels()).containsExactly("a", "b", "c");
        assertThat(p.symbols()).containsEntry("a", Program.BASE).containsEntry("d", Program.BASE + 1);
        assertThat(p.labelsFor(Program.BASE)).containsExactly("a", "b", "c");
    }

    @Test
    void aLabelAtTheEndOfTheCodeGetsAnEmptyListingLine() {
        Program p = assemble("nop\nend:\n");
        assertThat(p.listing()).hasSize(2);
        assertThat(p.listing().get(1).bytes()).isEmpty();
        assertThat(p.listing().get(1).labels()).containsExactly("end");
        assertThat(p.symbols()).containsEntry("end", Program.BASE + 1);
    }

    @Test
    void constantsExpressionsAndCharacterLiteralsFollowGnuAs() {
        Program p = assemble("""
                .set IRQ_VECTOR, 0xaa
                .equ MASK, ~(X86_EFLAGS_TF | X86_EFLAGS_IF)
                .byte 'k', 'v, 'm', IRQ_VECTOR, 010, 0b11, -1
                .word 'a' + 1
                .long MASK
                .quad DR6_ACTIVE_LOW | DR6_BS
                """);
        assertThat(hex(p)).isEqualTo("6b 76 6d aa 08 03 ff 62 00 ff fc ff ff f0 4f ff ff 00 00 00 00");
    }

    @Test
    void numericLocalLabelsResolveBackwardAndForward() {
        Program p = assemble("1: jmp 1f\n1: jmp 1b\n");
        assertThat(hex(p)).isEqualTo("eb 00 eb fe");
        assertThat(p.symbols()).isEmpty();
        assertThat(p.listing().get(1).labels()).containsExactly("1");
    }

    @Test
    void dotIsTheAddressOfTheStatementOrOfTheDataItem() {
        assertThat(hex(assemble("jmp ."))).isEqualTo("eb fe");
        assertThat(hex(assemble("nop\n.long ., .\n"))).isEqualTo("90 01 10 40 00 05 10 40 00");
    }

    @Test
    void skipEmitsZerosOrTheFill() {
        assertThat(hex(assemble(".skip 2\n.space 3, 0xcc"))).isEqualTo("00 00 cc cc cc");
    }

    @Test
    void balignPadsWithTheGivenFill() {
        assertThat(hex(assemble("nop\n.balign 4, 0xcc\nhlt"))).isEqualTo("90 cc cc cc f4");
        assertThat(hex(assemble("nop\n.align 8, 0, 2\nhlt"))).isEqualTo("90 f4");
    }

    @Test
    void mnemonicsAndRegistersAreCaseInsensitiveButSymbolsAreNot() {
        assertThat(hex(assemble("MOV %RAX, %RBX\nX: Jmp X"))).isEqualTo("48 89 c3 eb fe");
    }

    @Test
    void theListingTextIsTheStatementAsWritten() {
        Program p = assemble("  start:   movl   $0x80b, %ecx   # x2APIC EOI\n");
        assertThat(p.listing().getFirst().text()).isEqualTo("movl   $0x80b, %ecx");
        assertThat(p.listing().getFirst().labels()).containsExactly("start");
    }
}
