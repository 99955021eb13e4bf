package dev.shadowstep.web.run;

import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * An SSE emitter that says when Spring has taken it over (its response is being set up), so a
 * stream starts sending only then. Events sent earlier are kept by the emitter in a list with no
 * bound until the request thread gets to it: a busy server let 50 stalled streams hold 5 MB each
 * that way.
 */
final class ReadyEmitter extends SseEmitter {

    private volatile Runnable whenReady = () -> {};

    ReadyEmitter() {
        super(0L); // no time limit: a stream lasts as long as its reader reads
    }

    /** Runs {@code action} once the response is being set up. */
    ReadyEmitter whenReady(Runnable action) {
        this.whenReady = action;
        return this;
    }

    @Override
    protected void extendResponse(ServerHttpResponse outputMessage) {
        super.extendResponse(outputMessage);
        whenReady.run();
    }
}
