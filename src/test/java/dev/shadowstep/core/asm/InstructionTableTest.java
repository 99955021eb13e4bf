package dev.shadowstep.core.asm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Guards on the one table: every row is exercised by a test program, every Op has a row. */
class InstructionTableTest {

    @Test
    void everyRowIsUsedByTheEncodingCasesOrTheAsmPrograms() throws Exception {
        List<String> programs = new ArrayList<>();
        InstructionEncodingTest.CASES.forEach(c -> programs.add(c.asm()));
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/asm"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".s")).toList()) programs.add(Files.readString(f));
        }
        Set<Form> used = new LinkedHashSet<>();
        for (String program : programs) {
            StatementParser.Parsed parsed = StatementParser.parse(program);
            Layout layout = new Layout(parsed.statements(), parsed.symbols(), Program.BASE, Map.of());
            layout.relax(Program.BASE);
            for (int i = 0; i < parsed.statements().size(); i++) {
                Form form = layout.formAt(i);
                if (form != null) used.add(form);
            }
        }
        // INTO's row only decodes (.byte 0xce): the encoder refuses 'into' in 64-bit mode, as GNU as does.
        List<Form> unused = InstructionTable.ROWS.stream().filter(f -> !used.contains(f) && f.op() != Op.INTO).toList();
        assertThat(unused).as("rows no test program assembles with").isEmpty();
    }

    @Test
    void everyOpHasAtLeastOneRow() {
        Set<Op> ops = EnumSet.noneOf(Op.class);
        InstructionTable.ROWS.forEach(f -> ops.add(f.op()));
        assertThat(ops).containsExactlyInAnyOrder(Op.values());
    }

    @Test
    void everyConditionCodeHasAShortAndALongRow() {
        for (int cc = 0; cc < 16; cc++) {
            int c = cc;
            assertThat(InstructionTable.ROWS.stream().filter(f -> f.op() == Op.JCC && f.cond() == c)
                    .map(Form::pattern)).containsExactly(Pattern.REL8, Pattern.REL32);
        }
    }
}
