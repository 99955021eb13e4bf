package dev.shadowstep.web.review;

import dev.shadowstep.findings.SuggestedExpect;
import dev.shadowstep.trace.Trace;
import dev.shadowstep.web.run.StoredRun;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Adds the Findings panel to every page that shows a kept run (any view whose model holds
 * {@code run}): {@code findings}, the rows in trace order, and {@code suggestedExpect}, the
 * {@code expect} block the run satisfies, when the scenario has none. An interceptor, so that
 * library, permalink and user scenario pages all get it without each controller asking.
 */
@Component
class FindingsModel implements HandlerInterceptor, WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                           ModelAndView page) {
        if (page == null || !(page.getModel().get("run") instanceof StoredRun run)
                || page.getModel().containsKey("findings")) {
            return;
        }
        Trace trace = run.trace();
        page.addObject("findings", trace.findings().stream().map(FindingRow::of).toList());
        if (trace.expectations().isEmpty()) {
            page.addObject("suggestedExpect", SuggestedExpect.yaml(trace, trace.symbols()));
        }
    }
}
