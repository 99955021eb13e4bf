package dev.shadowstep.web.api;

import dev.shadowstep.web.BadRequestException;
import dev.shadowstep.web.UnknownScenarioException;
import dev.shadowstep.web.share.UnknownPermalinkException;
import dev.shadowstep.web.switches.SwitchException;
import dev.shadowstep.web.run.ScenarioRejectedException;
import dev.shadowstep.run.ServerBusyException;
import dev.shadowstep.web.run.UnknownRunException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns API errors into JSON {@link ApiError} bodies with the right status, never a stack trace. */
@RestControllerAdvice(annotations = RestController.class)
class ApiErrors {

    @ExceptionHandler(ScenarioRejectedException.class)
    ResponseEntity<ApiError> rejected(ScenarioRejectedException e) {
        return ResponseEntity.badRequest().body(new ApiError(e.problems()));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ApiError> tooLarge(PayloadTooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(ServerBusyException.class)
    ResponseEntity<ApiError> busy(ServerBusyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", Long.toString(e.retryAfterSeconds())).body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(UnknownRunException.class)
    ResponseEntity<ApiError> unknownRun(UnknownRunException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of(e.getMessage()));
    }

    /** A comparison's side that names no library scenario or no stored link. */
    @ExceptionHandler({UnknownScenarioException.class, UnknownPermalinkException.class})
    ResponseEntity<ApiError> unknownSide(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(SwitchException.class)
    ResponseEntity<ApiError> badSwitch(SwitchException e) {
        return ResponseEntity.badRequest().body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ApiError> badRequest(BadRequestException e) {
        return ResponseEntity.badRequest().body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> notANumber(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(ApiError.of(
                "Parameter '" + e.getName() + "' must be a whole number, not '" + e.getValue() + "'."));
    }
}
