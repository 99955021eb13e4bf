package dev.shadowstep.web.compare;

import dev.shadowstep.web.BadRequestException;
import dev.shadowstep.web.StepParameter;
import dev.shadowstep.web.UnknownScenarioException;
import dev.shadowstep.web.library.LibraryEntry;
import dev.shadowstep.web.library.ScenarioLibrary;
import dev.shadowstep.web.run.RunStore;
import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.web.run.ScenarioRejectedException;
import dev.shadowstep.web.run.StoredRun;
import dev.shadowstep.web.switches.SwitchException;
import dev.shadowstep.web.switches.SwitchState;
import dev.shadowstep.web.switches.Variant;
import dev.shadowstep.web.yaml.YamlTree;
import dev.shadowstep.web.yaml.YamlTreeException;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The compare page: one scenario run two ways (switches set differently on each side), the two
 * timelines on one step axis, the event lists side by side, and the first step that differs.
 */
@Controller
class CompareController {

    static final String PAGE = "compare/page";

    private final ScenarioLibrary library;
    private final RunStore runs;

    CompareController(ScenarioLibrary library, RunStore runs) {
        this.library = library;
        this.runs = runs;
    }

    /**
     * Returns the page for a library scenario ({@code slug}) or a kept run's scenario ({@code run}),
     * run as variant {@code a} and as variant {@code b} ({@code name=value,...}; empty: as written).
     */
    @GetMapping("/compare")
    String compare(@RequestParam(name = "slug", required = false) String slug,
                   @RequestParam(name = "run", required = false) String runId,
                   @RequestParam(name = "a", defaultValue = "") String a,
                   @RequestParam(name = "b", defaultValue = "") String b,
                   @RequestParam(name = "step", required = false) String step, Model model) {
        String base;
        if (slug != null && !slug.isBlank()) {
            LibraryEntry entry = library.find(slug).orElseThrow(() -> new UnknownScenarioException(slug));
            base = entry.yaml();
            model.addAttribute("baseUrl", "/scenarios/" + entry.slug());
        } else if (runId != null && !runId.isBlank()) {
            StoredRun run = runs.get(runId);
            if (run.source() == null) throw new BadRequestException("Run '" + runId + "' has no scenario text to compare.");
            base = run.source();
            model.addAttribute("baseUrl", "/runs/" + run.id());
        } else {
            throw new BadRequestException("Say what to compare: /compare?slug=SCENARIO&a=SWITCHES&b=SWITCHES, e.g. "
                    + "/compare?slug=debug-regs-sti-kvm&b=reinject_db_sets_bs=off, or press Compare in the editor.");
        }
        CompareSide sideA = side("a", Variant.parse(a), base);
        CompareSide sideB = side("b", Variant.parse(b), base);
        int total = Math.max(sideA.run().total(), sideB.run().total());
        var divergence = Divergence.find(sideA.run().trace(), sideB.run().trace(), sideA.name(), sideB.name());
        model.addAttribute("title", ScenarioLibrary.entry(null, base).title());
        model.addAttribute("slug", slug == null || slug.isBlank() ? null : slug);
        model.addAttribute("runId", slug == null || slug.isBlank() ? runId : null);
        model.addAttribute("sides", java.util.List.of(sideA, sideB));
        model.addAttribute("total", total);
        model.addAttribute("divergence", divergence.orElse(null));
        model.addAttribute("step", StepParameter.clamp(step, total, divergence.map(Divergence::step).orElse(0)));
        model.addAttribute("options", VariantOption.of(state(base), sideA.variant(), sideB.variant()));
        return PAGE;
    }

    private CompareSide side(String key, Variant variant, String base) {
        String text;
        try {
            text = variant.apply(base);
        } catch (SwitchException e) {
            throw new SwitchException("Side " + key.toUpperCase() + " (" + variant.describe() + "): " + e.getMessage());
        }
        try {
            return CompareSide.of(key, variant, runs.forText(text));
        } catch (ScenarioRejectedException e) {
            throw new BadRequestException("Side " + key.toUpperCase() + " (" + variant.describe() + ") cannot run: "
                    + e.problems().stream().map(CompareController::describe).collect(Collectors.joining("; ")));
        }
    }

    private static String describe(ScenarioError p) {
        String where = p.line() > 0 ? "line " + p.line() + (p.column() > 0 ? ":" + p.column() : "") + " " : "";
        return where + (p.path().isEmpty() ? "" : p.path() + ": ") + p.message();
    }

    private static SwitchState state(String text) {
        try {
            return SwitchState.read(YamlTree.parse(text));
        } catch (YamlTreeException e) {
            return null;
        }
    }

}
