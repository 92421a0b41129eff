package io.pipelinetrigger.app.http;

import org.glassfish.grizzly.http.server.HttpHandler;

/** A Grizzly handler in front of another: it passes the other's start and stop on, and requests through {@link #next}. */
abstract class HandlerInFront extends HttpHandler {

    protected final HttpHandler next;

    HandlerInFront(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void start() {
        next.start();
    }

    @Override
    public void destroy() {
        next.destroy();
    }
}
