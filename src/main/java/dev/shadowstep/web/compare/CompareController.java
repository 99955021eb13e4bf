package dev.shadowstep.web.compare;

import dev.shadowstep.web.BadRequestException;
import dev.shadowstep.web.UnknownScenarioException;
import dev.shadowstep.web.library.LibraryEntry;
import dev.shadowstep.web.library.ScenarioLibrary;
import dev.shadowstep.web.run.RunStore;
import dev.shadowstep.web.run.StoredRun;
import dev.shadowstep.web.switches.SwitchState;
import dev.shadowstep.web.switches.Variant;
import dev.shadowstep.web.yaml.YamlTree;
import dev.shadowstep.web.yaml.YamlTreeException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The compare page: two runs lined up on the guest ({@link dev.shadowstep.compare.Alignment}), every
 * difference named, both inspectors side by side. Either one scenario run two ways (switches set
 * differently on each side: {@code ?slug=} or {@code ?run=} with {@code a} and {@code b}), or two
 * kept runs ({@code ?run=A&with=B}, where a what-if lands).
 */
@Controller
class CompareController {

    static final String PAGE = "compare/page";

    private final ScenarioLibrary library;
    private final RunStore runs;
    private final Comparisons comparisons;

    CompareController(ScenarioLibrary library, RunStore runs, Comparisons comparisons) {
        this.library = library;
        this.runs = runs;
        this.comparisons = comparisons;
    }

    @GetMapping("/compare")
    String compare(@RequestParam(name = "slug", required = false) String slug,
                   @RequestParam(name = "run", required = false) String runId,
                   @RequestParam(name = "with", required = false) String with,
                   @RequestParam(name = "a", defaultValue = "") String a,
                   @RequestParam(name = "b", defaultValue = "") String b,
                   @RequestParam(name = "step", required = false) String step, Model model) {
        boolean hasSlug = slug != null && !slug.isBlank();
        boolean hasRun = runId != null && !runId.isBlank();
        if (hasRun && with != null && !with.isBlank()) {
            CompareSide ra = comparisons.resolve("a", "runs/" + runId.strip());
            CompareSide rb = comparisons.resolve("b", "runs/" + with.strip());
            // a what-if: B is named by what its text changes, A is the run it forked
            var compared = comparisons.compareNamed(ra, rb, "as run", "what if: ");
            return show(model, ComparePages.of(compared, ra.label(), ra.href(), List.of(), List.of(), step,
                    ComparePages.editHref(compared.b(), null)));
        }
        String base;
        String baseUrl;
        List<String[]> form = new ArrayList<>();
        if (hasSlug) {
            LibraryEntry entry = library.find(slug).orElseThrow(() -> new UnknownScenarioException(slug));
            base = entry.yaml();
            baseUrl = "/scenarios/" + entry.slug();
            form.add(new String[] {"slug", entry.slug()});
        } else if (hasRun) {
            StoredRun run = runs.get(runId);
            if (run.source() == null) throw new BadRequestException("Run '" + runId + "' has no scenario text to compare.");
            base = run.source();
            baseUrl = "/runs/" + run.id();
            form.add(new String[] {"run", run.id()});
        } else {
            throw new BadRequestException("Say what to compare: /compare?slug=SCENARIO&a=SWITCHES&b=SWITCHES, e.g. "
                    + "/compare?slug=debug-regs-sti-kvm&b=reinject_db_sets_bs=off, or press Compare in the editor.");
        }
        CompareSide sideA = comparisons.variant("a", Variant.parse(a), base);
        CompareSide sideB = comparisons.variant("b", Variant.parse(b), base);
        var compared = comparisons.compare(sideA, sideB);
        String edit = ComparePages.editHref(sideA, hasSlug && sideA.variant().settings().isEmpty() ? slug : null);
        return show(model, ComparePages.of(compared, ScenarioLibrary.entry(null, base).title(), baseUrl,
                VariantOption.of(state(base), sideA.variant(), sideB.variant()), form, step, edit));
    }

    static String show(Model model, ComparePage page) {
        model.addAttribute("page", page);
        return PAGE;
    }

    private static SwitchState state(String text) {
        try {
            return SwitchState.read(YamlTree.parse(text));
        } catch (YamlTreeException e) {
            return null;
        }
    }
}
