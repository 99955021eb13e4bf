package dev.shadowstep.web.share;

import dev.shadowstep.web.ErrorPage;
import dev.shadowstep.run.ServerBusyException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** The 404 page of a permalink that is malformed or not stored: what is wrong, and a way on. */
@ControllerAdvice(assignableTypes = PermalinkPageController.class)
class SharePageErrors {

    @ExceptionHandler(UnknownPermalinkException.class)
    ModelAndView unknownPermalink(UnknownPermalinkException e) {
        return ErrorPage.of(HttpStatus.NOT_FOUND, "Permalink not found", e.getMessage());
    }

    @ExceptionHandler(ServerBusyException.class)
    ModelAndView busy(ServerBusyException e, HttpServletResponse response) {
        return ErrorPage.busy(e, response);
    }
}
