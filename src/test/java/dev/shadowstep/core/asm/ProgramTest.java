package dev.shadowstep.core.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Data cells, the layout after the code, and symbol lookups. */
class ProgramTest {
    private static final List<DataCell> DATA = List.of(
            new DataCell("guest_value", List.of(0x4d2L)), new DataCell("table", List.of(1L, 2L)));

    private final Program program = Assembler.assemble("""
            start:
                mov %rax, guest_value(%rip)
                movq $1, guest_value
                lea table, %rsi
            handler:
                iretq
            """, DATA);

    @Test
    void dataCellsFollowTheCodeEightByteAlignedWithZeroPadding() {
        // code: 7 + 12 + 8 + 2 = 29 bytes, so the cells start at 0x401020
        assertThat(program.symbols()).containsEntry("guest_value", 0x401020L).containsEntry("table", 0x401028L);
        assertThat(program.image()).hasSize(0x20 + 24);
        Program.Line padding = program.listing().get(4);
        assertThat(padding.text()).isEqualTo(".balign 8, 0");
        assertThat(padding.hex()).isEqualTo("00 00 00");
        assertThat(padding.line()).isZero();
    }

    @Test
    void eachDataValueIsAQuadLineNamedByItsCellOnTheFirstValue() {
        List<Program.Line> cells = program.listing().subList(5, 8);
        assertThat(cells).extracting(Program.Line::text).containsExactly(".quad 0x4d2", ".quad 0x1", ".quad 0x2");
        assertThat(cells).extracting(Program.Line::labels).containsExactly(List.of("guest_value"), List.of("table"), List.of());
        assertThat(cells).extracting(Program.Line::address).containsExactly(0x401020L, 0x401028L, 0x401030L);
        assertThat(cells.getFirst().hex()).isEqualTo("d2 04 00 00 00 00 00 00");
    }

    @Test
    void dataCellNamesAreLabelsForRipRelativeAndAbsoluteOperands() {
        // rip-relative: 0x401020 - 0x401007; absolute: mod 00 rm 100 SIB 25 disp32
        assertThat(program.listing().get(0).hex()).isEqualTo("48 89 05 19 00 00 00");
        assertThat(program.listing().get(1).hex()).isEqualTo("48 c7 04 25 20 10 40 00 01 00 00 00");
        assertThat(program.listing().get(2).hex()).isEqualTo("48 8d 34 25 28 10 40 00");
    }

    @Test
    void symbolAtNamesTheNearestLabelWithAHexOffset() {
        assertThat(program.symbolAt(0x401000L)).isEqualTo("start");
        assertThat(program.symbolAt(0x401007L)).isEqualTo("start+0x7");
        assertThat(program.symbolAt(0x40101bL)).isEqualTo("handler");
        assertThat(program.symbolAt(0x401030L)).isEqualTo("table+0x8");
        assertThat(program.symbolAt(0x400000L)).isEqualTo("0x400000");
    }

    @Test
    void lineAtFindsTheListingLineHoldingAnAddress() {
        assertThat(program.lineAt(0x401008L).text()).isEqualTo("movq $1, guest_value");
        assertThat(program.lineAt(0x401000L + 0x1000)).isNull();
    }

    @Test
    void lookupsSkipLocalLabelsAndEmptyLines() {
        Program p = Assembler.assemble("start: nop\n1: .balign 4, 0xcc\n.balign 4, 0\nhlt\n2: jmp 2b\nend:", List.of());
        assertThat(p.symbolAt(0x401005L)).isEqualTo("start+0x5");
        assertThat(p.lineAt(0x401002L).text()).isEqualTo(".balign 4, 0xcc");
        assertThat(p.lineAt(0x401004L).text()).isEqualTo("hlt");
        assertThat(p.lineAt(0x401007L)).isNull();
        assertThat(p.symbolAt(0x401007L)).isEqualTo("end");
    }

    @Test
    void theListingAndImageAreCopies() {
        byte[] image = program.image();
        image[0] = 0;
        assertThat(program.image()[0]).isEqualTo((byte) 0x48);
        assertThat(program.end()).isEqualTo(0x401038L);
    }

    @Test
    void aDataCellNeedsAValidNameAndAValue() {
        assertThatThrownBy(() -> new DataCell("1x", List.of(1L))).hasMessageContaining("not a valid label");
        assertThatThrownBy(() -> new DataCell("x", List.of())).hasMessageContaining("at least one value");
    }

    @Test
    void withoutDataCellsTheImageEndsWithTheCode() {
        Program p = Assembler.assemble("nop", List.of());
        assertThat(p.image()).hasSize(1);
        assertThat(p.listing()).hasSize(1);
    }
}
