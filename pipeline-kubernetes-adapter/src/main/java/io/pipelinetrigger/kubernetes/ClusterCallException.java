package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.util.Optional;

/** A call to the Kubernetes API that failed, with what the API (or the connection) said; never leaves the adapter. */
final class ClusterCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;

    private ClusterCallException(String message, int code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    static ClusterCallException of(String call, KubernetesClientException e) {
        String said = Optional.ofNullable(e.getStatus()).map(s -> s.getMessage()).filter(m -> !m.isBlank())
                .orElse(rootMessage(e));
        return new ClusterCallException("the Kubernetes API " + (e.getCode() <= 0 ? "could not be reached to " + call
                : "refused to " + call + " (HTTP " + e.getCode() + ")") + ": " + said, e.getCode(), null);
    }

    static ClusterCallException of(String call, IOException e) {
        return new ClusterCallException("the Kubernetes API could not be reached to " + call + ": " + rootMessage(e), 0, null);
    }

    /** No HTTP answer at all, or one saying the API server itself is in trouble. */
    boolean clusterDidNotAnswer() {
        return code <= 0 || code >= 500;
    }

    boolean is(int httpCode) {
        return code == httpCode;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return Optional.ofNullable(root.getMessage()).orElse(root.getClass().getSimpleName());
    }
}
