package dev.shadowstep.web;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.ModelAndView;

/** Turns page errors into the friendly error page, with a message and a way back, never a stack trace. */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

    /** Returns the 404 page for a slug that is not in the library. */
    @ExceptionHandler(UnknownScenarioException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    ModelAndView unknownScenario(UnknownScenarioException e) {
        return ErrorPage.of(HttpStatus.NOT_FOUND, "Scenario not found", e.getMessage() + " The library lists every built-in scenario.");
    }
}
