package io.pipelinetrigger.rest;

/** A body already written as JSON by {@link WireJson}, answered again as the same bytes ({@link SettledViews}). */
record WrittenJson(byte[] bytes) implements ResponseBody {
}
