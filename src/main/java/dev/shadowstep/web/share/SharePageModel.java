package dev.shadowstep.web.share;

import dev.shadowstep.permalink.LinkOrigin;
import dev.shadowstep.permalink.LinkPreview;
import dev.shadowstep.web.library.LibraryEntry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Adds sharing to pages that did not ask for it, so that library and user scenario pages get the
 * Share button and link previews like permalink pages do:
 * <ul>
 *   <li>{@code shareSource} (the Share form's scenario), {@code lanesParam} and {@code back} on any page showing a
 *       {@code run} of an {@code entry}, unless the controller set them;</li>
 *   <li>{@code og} (Open Graph tags) on library scenario pages and the library home.</li>
 * </ul>
 */
@Component
class SharePageModel implements HandlerInterceptor, WebMvcConfigurer {

    static final String LIBRARY_HOME = "library/home";

    private final String baseUrl;

    SharePageModel(@Value("${shadowstep.permalink.base-url:}") String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                           ModelAndView page) {
        if (page == null || page.getViewName() == null || page.getViewName().contains("::")) {
            return;
        }
        Map<String, Object> model = page.getModel();
        if (LIBRARY_HOME.equals(page.getViewName()) && !model.containsKey("og")) {
            page.addObject("og", new OpenGraph("shadowstep: scenario library", "Step through x86 interrupt "
                    + "shadows, debug exceptions and VMX one instruction boundary at a time, in the browser.",
                    LinkOrigin.of(baseUrl, request, response) + "/"));
        }
        if (!(model.get("entry") instanceof LibraryEntry entry) || !model.containsKey("run")) {
            return;
        }
        if (!model.containsKey("shareSource")) {
            page.addObject("shareSource", entry.yaml());
        }
        if (!model.containsKey("lanesParam")) {
            page.addObject("lanesParam", LinkParams.lanes(request.getParameter("lanes")));
        }
        if (!model.containsKey("back")) {
            String query = request.getQueryString();
            page.addObject("back", BackLink.orNull(request.getRequestURI() + (query == null ? "" : "?" + query)));
        }
        if (!model.containsKey("og") && entry.slug() != null) {
            page.addObject("og", OpenGraph.of(LinkPreview.of(entry.title(), entry.summary()),
                    LinkOrigin.of(baseUrl, request, response) + "/scenarios/" + entry.slug()));
        }
    }
}
