package io.pipelinetrigger.core.domain;

/** How an endpoint wants its events written (docs/webhooks.md): the full JSON payload, or a Slack message. */
public enum WebhookFormat {
    /** The event as JSON: type, id, time and the job. */
    JSON,
    /** A Slack-compatible incoming-webhook body: {@code {"text": "<one readable line>"}}. */
    SLACK
}
