package dev.shadowstep.web.rules;

import dev.shadowstep.core.cpu.Rule;
import dev.shadowstep.run.Rules;
import dev.shadowstep.web.ErrorPage;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/** The rule pages: {@code /rules} lists every rule of the model, {@code /rules/{id}} shows one and where it is used. */
@Controller
class RulePageController {
    private final RuleUsage usage;

    RulePageController(RuleUsage usage) {
        this.usage = usage;
    }

    @GetMapping("/rules")
    ModelAndView list() {
        return new ModelAndView("rules/list", "rules", Rules.ALL.stream().map(RuleView::of).toList());
    }

    @GetMapping("/rules/{id}")
    ModelAndView rule(@PathVariable String id) {
        Optional<Rule> rule = id.length() <= 80 ? Rules.byId(id) : Optional.empty();
        if (rule.isEmpty()) {
            return ErrorPage.of(HttpStatus.NOT_FOUND, "Rule not found", "No rule has the id '"
                    + (id.length() <= 80 ? id : id.substring(0, 80) + "…") + "'. The list of rules is at /rules.");
        }
        ModelAndView page = new ModelAndView("rules/page");
        page.addObject("rule", RuleView.of(rule.get()));
        page.addObject("scenarios", usage.scenariosUsing(rule.get().name()));
        return page;
    }

    /** A rule as the pages show it: id, sentence (placeholders as written) and source. */
    record RuleView(String id, String sentence, String source) {
        static RuleView of(Rule r) {
            return new RuleView(r.name(), r.sentence(), r.source());
        }

        /** Returns whether the sentence has {@code {name}} placeholders each step fills in. */
        public boolean filledIn() {
            return sentence.contains("{");
        }
    }
}
