package io.pipelinetrigger.core.domain;

/** Which of a step's two output streams a chunk came from. */
public enum LogStream {
    STDOUT, STDERR
}
