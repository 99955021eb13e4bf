package dev.shadowstep.core.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A whole C function pasted as the program: its asm statements are assembled in order, the C
 * around them is skipped and listed in one notice with the C effects the scenario must model.
 */
class CFunctionPasteTest {

    private static final List<DataCell> GUEST_VALUE = List.of(new DataCell("guest_value", List.of(0L)));

    private static String guestCode() throws Exception {
        return Files.readString(Path.of("src/test/resources/asm/debug_regs_guest_code.c"));
    }

    @Test
    void debugRegsGuestCodeGivesItsAsmStatementsInOrder() throws Exception {
        Program p = Assembler.assemble(guestCode(), GUEST_VALUE);
        // The selftest's own instruction lengths from ss_start: sti 1, xor 2, cpuid 2, mov 5, wrmsr 2, cli 1 (ss_size[]).
        assertThat(p.listing()).extracting(Program.Line::text).containsExactly(
                "int3", "nop", "mov $1234,%rax", "mov %rax,guest_value(%rip)", "sti", "xor %eax,%eax", "cpuid",
                "movl $0x6e0, %ecx", "wrmsr", "cli", "mov %dr0, %rax", ".quad 0x0");       // the last: the data cell
        assertThat(p.listing()).extracting(l -> l.bytes().length).containsExactly(1, 1, 7, 7, 1, 2, 2, 5, 2, 1, 3, 8);
        // "Rollback the 4-bytes mov": the selftest skips 7 bytes back from write_data to the store.
        assertThat(p.symbols().get("write_data") - p.symbols().get("hw_bp")).isEqualTo(1 + 7 + 7);
        assertThat(p.symbols()).containsKeys("sw_bp", "hw_bp", "write_data", "ss_start", "bd_start");
    }

    @Test
    void oneNoticeListsTheSkippedCAndTheCEffectsToModel() throws Exception {
        List<String> notes = Assembler.notes(guestCode());
        List<String> pasted = notes.stream().filter(n -> n.startsWith("Pasted C")).toList();
        assertThat(pasted).hasSize(1);
        String notice = pasted.getFirst();
        // File line 1 is the source comment, so guest_code's lines are 2.. in the program.
        assertThat(notice).contains("Skipped C lines: line 2 `static void guest_code(void)`; line 3 `{`")
                .contains("line 47 `}`")
                .contains("line 5 `x2apic_enable();`")
                .contains("lines 6-7 `x2apic_write_reg(APIC_ICR, APIC_DEST_SELF | APIC_INT_ASSE...`")
                .contains("line 46 `GUEST_DONE();`");
        int effects = notice.indexOf("C statements whose effects");
        assertThat(effects).as("the calls are effects to model, not just skipped lines").isPositive();
        assertThat(notice.substring(effects)).contains("x2apic_enable", "x2apic_write_reg", "GUEST_DONE");
        assertThat(notes).anySatisfy(n -> assertThat(n).startsWith("%0 (\"=m\"(guest_value)) is guest_value(%rip)")
                .contains("data: must declare a cell guest_value"));
    }

    @Test
    void debugCSinglestepBasicPastedWholeGetsItsStatementAndTheChosenRegister() throws Exception {
        String c = Files.readString(Path.of("src/test/resources/asm/kut_singlestep_basic.c"));
        Program p = Assembler.assemble(c, List.of());
        assertThat(p.listing()).extracting(Program.Line::text).containsExactly("pushf", "pop %rax", "or $(1<<8),%rax",
                "push %rax", "popf", "and $~(1<<8),%rax", "push %rax", "popf", "lea 1b(%rip), %rcx");
        // report_singlestep_basic: #DBs at start (label 1), start + 1, start + 1 + 1: push is 1 byte, popf 1.
        assertThat(p.listing().get(6).bytes()).hasSize(1);
        assertThat(p.listing().get(7).bytes()).hasSize(1);
        List<String> notes = Assembler.notes(c);
        assertThat(notes.getFirst()).startsWith("Pasted C").contains("line 4 `unsigned long start;`")
                .contains("line 22 `return start;`");
        assertThat(notes).anySatisfy(n -> assertThat(n).startsWith("%0 (\"=r\"(start)) is %rcx, a register shadowstep chose"));
    }

    @Test
    void aMemoryOperandWithoutItsDataCellIsAnErrorAtTheTemplate() throws Exception {
        assertThatThrownBy(() -> Assembler.assemble(guestCode(), List.of()))
                .isInstanceOfSatisfying(AssemblyException.class, e -> assertThat(e.errors())
                        .anySatisfy(err -> {
                            assertThat(err.line()).isEqualTo(23);
                            assertThat(err.message()).contains("guest_value");
                        }));
    }

    @Test
    void anUnmodifiedRegisterOperandTakesTheSizeTheMnemonicSuffixNames() {
        // kvm-unit-tests eventinj.c outl(): "outl %1, %w0" : : "d" (addr), "a" (val) is outl %eax,%dx, ef (GNU as).
        Program p = Assembler.assemble("asm volatile (\"outl %1, %w0\" : : \"d\" (addr), \"a\" (val));", List.of());
        assertThat(p.listing().getFirst().text()).isEqualTo("outl %eax, %dx");
        assertThat(InstructionEncodingTest.hex(p.image())).isEqualTo("ef");
        Program in = Assembler.assemble("asm volatile (\"1: inb %w1, %0\" : \"=a\" (v) : \"d\" (port));", List.of());
        assertThat(in.listing().getFirst().text()).isEqualTo("inb %dx, %al");
        Program unsuffixed = Assembler.assemble("asm volatile (\"mov %0, %%dr7\" : : \"r\" (v));", List.of());
        assertThat(unsuffixed.listing().getFirst().text()).isEqualTo("mov %rax, %dr7");
    }

    @Test
    void aHashCommentAfterAQuotedPieceIsAComment() {
        Program p = Assembler.assemble("asm volatile(\"nop\\n\\t\" # why\n \"hlt\\n\\t\" // and C's\n);", List.of());
        assertThat(InstructionEncodingTest.hex(p.image())).isEqualTo("90 f4");
    }

    @Test
    void code32IsALocatedErrorSayingWhy() {
        assertThatThrownBy(() -> Assembler.assemble("nop\n.code32\nnop", List.of()))
                .isInstanceOfSatisfying(AssemblyException.class, e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.line()).isEqualTo(2);
                    assertThat(err.message()).contains("64-bit mode only");
                }));
    }

    @Test
    void aPreprocessorLineInsideAnAsmStatementIsALocatedError() {
        assertThatThrownBy(() -> Assembler.assemble("asm volatile(\n\"nop\\n\\t\"\n#ifdef __x86_64__\n\"hlt\"\n#endif\n);", List.of()))
                .isInstanceOfSatisfying(AssemblyException.class, e -> assertThat(e.errors()).anySatisfy(err -> {
                    assertThat(err.line()).isEqualTo(3);
                    assertThat(err.column()).isEqualTo(1);
                    assertThat(err.message()).contains("preprocessor");
                }));
    }

    @Test
    void alignWithoutAFillPadsCodeWithNops() {
        // GNU as 2.40 pads .align 8 in code after one nop with the 7-byte NOP 0f 1f 80 00 00 00 00.
        Program p = Assembler.assemble("nop\n.align 8\nhlt", List.of());
        assertThat(InstructionEncodingTest.hex(p.image())).isEqualTo("90 0f 1f 80 00 00 00 00 f4");
    }
}
