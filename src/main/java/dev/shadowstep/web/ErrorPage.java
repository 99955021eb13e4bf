package dev.shadowstep.web;

import dev.shadowstep.run.ServerBusyException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/** The friendly error page (templates/error.html) that every page controller answers a failure with. */
public final class ErrorPage {

    private ErrorPage() {
    }

    /** Returns the error page with a status, a title and what to do; never a stack trace. */
    public static ModelAndView of(HttpStatus status, String error, String message) {
        ModelAndView page = new ModelAndView("error");
        page.addObject("status", status.value());
        page.addObject("error", error);
        page.addObject("message", message);
        page.setStatus(status);
        return page;
    }

    /** Returns the 503 page when the engine cannot take a run now, with {@code Retry-After} set. */
    public static ModelAndView busy(ServerBusyException e,
                                    HttpServletResponse response) {
        response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        return of(HttpStatus.SERVICE_UNAVAILABLE, "Server busy", e.getMessage());
    }
}
