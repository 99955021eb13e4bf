package dev.shadowstep.web;

import dev.shadowstep.web.run.ServerBusyException;
import dev.shadowstep.web.run.UnknownRunException;
import dev.shadowstep.web.switches.SwitchException;
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
        ModelAndView page = new ModelAndView("error");
        page.addObject("status", 404);
        page.addObject("error", "Scenario not found");
        page.addObject("message", e.getMessage() + " The library lists every built-in scenario.");
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }

    /** Returns the 404 page for a run the server no longer keeps. */
    @ExceptionHandler(UnknownRunException.class)
    ModelAndView unknownRun(UnknownRunException e) {
        return page(HttpStatus.NOT_FOUND, "Run not found", e.getMessage());
    }

    /** Returns the 400 page for a switch or comparison that cannot be set up, saying why. */
    @ExceptionHandler({SwitchException.class, BadRequestException.class})
    ModelAndView badRequest(RuntimeException e) {
        return page(HttpStatus.BAD_REQUEST, "Cannot do that", e.getMessage());
    }

    /** Returns the 503 page when every run slot is taken. */
    @ExceptionHandler(ServerBusyException.class)
    ModelAndView busy(ServerBusyException e) {
        return page(HttpStatus.SERVICE_UNAVAILABLE, "Server busy", e.getMessage());
    }

    private static ModelAndView page(HttpStatus status, String error, String message) {
        ModelAndView page = new ModelAndView("error");
        page.addObject("status", status.value());
        page.addObject("error", error);
        page.addObject("message", message);
        page.setStatus(status);
        return page;
    }
}
