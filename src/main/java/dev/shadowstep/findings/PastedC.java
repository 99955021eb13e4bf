package dev.shadowstep.findings;

import dev.shadowstep.core.asm.Assembler;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.trace.Finding;
import java.util.List;

/**
 * Finds {@code pasted_c}: a program pasted as C (asm statements inside a function) gets one
 * notice, the assembler's notes joined: which C lines were skipped, which C effects the scenario
 * must model in {@code cpu:}/{@code data:} (never guessed), and where each operand went.
 */
final class PastedC {
    private PastedC() {}

    static void check(Scenario scenario, FindingSink sink) {
        List<String> notes = Assembler.notes(scenario.program());
        if (notes.isEmpty()) return;
        sink.add(null, Finding.Kind.PASTED_C, Finding.Severity.INFO, 0, () -> String.join(" ", notes));
    }
}
