package io.pipelinetrigger.rest;

/**
 * The health answer, {@code {"status": "ok"}} or {@code {"status": "unavailable"}} and nothing else: it is
 * served without a token, so it tells no version, engine, path or reason (those go to the server log).
 */
record HealthResponse(String status) implements ResponseBody {

    static final HealthResponse OK = new HealthResponse("ok");
    static final HealthResponse UNAVAILABLE = new HealthResponse("unavailable");
}
