package dev.shadowstep.web;

import dev.shadowstep.web.api.ApiError;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers every error no controller answered (unknown paths, container refusals, failures outside
 * a handler) in place of Spring Boot's: the error page for browsers and people, the JSON error for
 * API clients (a path under {@code /api/}, or an Accept that prefers JSON to HTML). The message
 * says what happened in words; never a class name or stack trace. A request for {@code /error}
 * itself is a 404 like any other address without a page.
 */
@Controller
class ErrorPages implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    Object error(HttpServletRequest request) {
        HttpStatus status = status(request);
        String message = message(status, request);
        if (wantsJson(request)) {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ApiError.of(message));
        }
        return ErrorPage.of(status, status.getReasonPhrase(), message);
    }

    private static HttpStatus status(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)) {
            return HttpStatus.NOT_FOUND; // /error asked for directly: no error happened, and there is no page here
        }
        HttpStatus status = HttpStatus.resolve(code);
        return status == null || code < 400 ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static String message(HttpStatus status, HttpServletRequest request) {
        return switch (status) {
            case NOT_FOUND -> "There is no page at this address.";
            case METHOD_NOT_ALLOWED -> "This address does not answer " + safeMethod(request) + " requests.";
            case CONTENT_TOO_LARGE -> "The request is larger than this server takes; a scenario is at most 64 KiB.";
            case UNSUPPORTED_MEDIA_TYPE, NOT_ACCEPTABLE, BAD_REQUEST ->
                    "The request could not be read: check its method, Content-Type and body.";
            default -> status.is5xxServerError() ? "The server failed on this request; it is logged."
                    : "The request was refused (" + status.value() + " " + status.getReasonPhrase() + ").";
        };
    }

    /** The method as a token of letters only, so nothing a client sends is echoed. */
    private static String safeMethod(HttpServletRequest request) {
        String method = request.getMethod();
        return method != null && method.matches("[A-Z]{1,10}") ? method : "such";
    }

    private static boolean wantsJson(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String s ? s : request.getRequestURI();
        if (path != null && path.startsWith("/api/")) return true;
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(request.getHeader("Accept"));
        } catch (IllegalArgumentException e) {
            return false;
        }
        MimeTypeUtils.sortBySpecificity(accepted);
        for (MediaType type : accepted) {
            if (type.isWildcardType()) return false;
            if (type.isCompatibleWith(MediaType.TEXT_HTML)) return false;
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) return true;
        }
        return false;
    }
}
