package dev.shadowstep.web;

import dev.shadowstep.run.ServerBusyException;
import dev.shadowstep.web.editor.UnknownOriginException;
import dev.shadowstep.web.run.UnknownRunException;
import dev.shadowstep.web.switches.SwitchException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * The error page for the editor and the compare page: a run that is no longer kept, a switch
 * or comparison that cannot be set up, a busy server; a message and a way back, never a stack
 * trace. Limited to those packages, since the JSON API answers the same exceptions in JSON.
 */
@ControllerAdvice(basePackages = {"dev.shadowstep.web.editor", "dev.shadowstep.web.compare"})
class FormPageErrors {

    /** Returns the 404 page for a run the server no longer keeps. */
    @ExceptionHandler(UnknownRunException.class)
    ModelAndView unknownRun(UnknownRunException e) {
        return ErrorPage.of(HttpStatus.NOT_FOUND, "Run not found", e.getMessage());
    }

    /** Returns the 404 page for "Edit a copy" of a link that is not stored. */
    @ExceptionHandler(UnknownOriginException.class)
    ModelAndView unknownOrigin(UnknownOriginException e) {
        return ErrorPage.of(HttpStatus.NOT_FOUND, "Nothing to copy", e.getMessage());
    }

    /** Returns the 404 page for a compare link whose permalink is malformed or not stored. */
    @ExceptionHandler(dev.shadowstep.web.share.UnknownPermalinkException.class)
    ModelAndView unknownPermalink(RuntimeException e) {
        return ErrorPage.of(HttpStatus.NOT_FOUND, "Permalink not found", e.getMessage());
    }

    /** Returns the 400 page for a switch or comparison that cannot be set up, saying why. */
    @ExceptionHandler({SwitchException.class, BadRequestException.class})
    ModelAndView badRequest(RuntimeException e) {
        return ErrorPage.of(HttpStatus.BAD_REQUEST, "Cannot do that", e.getMessage());
    }

    /** Returns the 503 page when every run slot is taken. */
    @ExceptionHandler(ServerBusyException.class)
    ModelAndView busy(ServerBusyException e, HttpServletResponse response) {
        return ErrorPage.busy(e, response);
    }
}
