package dev.shadowstep.web.compare;

import dev.shadowstep.web.BadRequestException;
import dev.shadowstep.web.run.RunStore;
import dev.shadowstep.web.run.StoredRun;
import dev.shadowstep.web.switches.SwitchException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code POST /whatif}: forks a kept run at a step ({@link WhatIf}), runs the fork through the engine
 * gateway ({@link RunStore}) and opens the compare of the run and its fork at that step.
 */
@Controller
class WhatIfController {

    private final RunStore runs;
    private final Comparisons comparisons;

    WhatIfController(RunStore runs, Comparisons comparisons) {
        this.runs = runs;
        this.comparisons = comparisons;
    }

    @PostMapping("/whatif")
    String fork(@RequestParam("run") String runId, @RequestParam("step") String step, @RequestParam("what") String what,
                @RequestParam(name = "vector", required = false) String vector,
                @RequestParam(name = "switch", required = false) String spec,
                @RequestParam(name = "value", required = false) String value) {
        StoredRun run = runs.get(runId);
        if (run.source() == null) throw new BadRequestException("Run '" + runId + "' has no scenario text to fork.");
        // the menu's one list: irq, nmi, or KIND:ARGUMENT (switch:SPEC, set:TF, clear:IF, dr:dr7, shadow:sti)
        int colon = what.indexOf(':');
        if (colon > 0) {
            spec = what.substring(colon + 1);
            what = what.substring(0, colon);
        }
        WhatIf whatIf = new WhatIf(what, number("step", step), vector == null || vector.isBlank() ? null : number("vector", vector), spec, value);
        String text;
        try {
            text = whatIf.apply(run.source());
        } catch (SwitchException e) {
            throw new BadRequestException("What if " + what + ": " + e.getMessage());
        }
        StoredRun fork = comparisons.text("b", whatIf.describe(), text);
        var compared = comparisons.compare(comparisons.resolve("a", "runs/" + run.id()), comparisons.resolve("b", "runs/" + fork.id()));
        // a host action fork opens on its action (the fork's step N); a switch on the run's step N; a
        // run that starts in a shadow at step 0
        boolean action = whatIf.isHostAction();
        if ("shadow".equalsIgnoreCase(whatIf.what().strip())) whatIf = new WhatIf(whatIf.what(), 0, null, whatIf.spec());
        int row = compared.rows().size() == 0 ? 0 : action && whatIf.step() < fork.total()
                ? compared.rows().rowOf(false, whatIf.step()) : compared.rows().rowOf(true, Math.min(whatIf.step(), run.total() - 1));
        return "redirect:/compare?run=" + run.id() + "&with=" + fork.id() + "&step=" + row;
    }

    /** Reads a whole number as the format writes them: decimal or 0x hex. */
    private static int number(String name, String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        try {
            return t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number (decimal or 0x hex), not '" + text + "'.");
        }
    }
}
