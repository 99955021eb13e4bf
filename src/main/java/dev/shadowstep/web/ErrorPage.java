package dev.shadowstep.web;

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
}
