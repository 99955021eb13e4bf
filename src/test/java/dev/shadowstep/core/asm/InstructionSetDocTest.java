package dev.shadowstep.core.asm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** scenario-format.md's list of the supported subset is the one rendered from the instruction table. */
class InstructionSetDocTest {

    @Test
    void theDocumentedSubsetIsTheTable() throws Exception {
        String doc = Files.readString(Path.of("src/docs/scenario-format.md"));
        int begin = doc.indexOf(InstructionSet.BEGIN);
        int end = doc.indexOf(InstructionSet.END);
        assertThat(begin).as("scenario-format.md has the generated-list markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String block = doc.substring(begin + InstructionSet.BEGIN.length() + 1, end);
        assertThat(block).as("paste InstructionSet.markdown() between the markers").isEqualTo(InstructionSet.markdown());
    }

    @Test
    void theListNamesTheNewInstructionsAndTheRefusedOnes() {
        assertThat(InstructionSet.markdown()).contains("`xchg[bwlq]`", "`cmpxchg[bwlq]`", "`btc[wlq]`", "`div[bwlq]`", "`movzb[wlq]`", "`movsl[q]`", "`rdtscp`",
                "`vmlaunch`", "`lock`", "`movsb/w/l/q`", "`lidt`", "`xbegin`").doesNotContain("`into`");
    }
}
