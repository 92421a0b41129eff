package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Every request this runner makes of the Kubernetes API, in one namespace, each translating the client's failure
 * into a {@link ClusterCallException}. The server's Role (packaging/kubernetes/rbac.yaml) grants exactly what is
 * called here: jobs create/get/list/patch/delete, pods list/delete, pods/log get.
 */
final class Cluster implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;

    Cluster(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    String namespace() {
        return namespace;
    }

    String apiServer() {
        return client.getMasterUrl().toString();
    }

    Job createJob(Job job) {
        return call("create Job " + job.getMetadata().getName(),
                () -> client.batch().v1().jobs().inNamespace(namespace).resource(job).create());
    }

    /** Lets the suspended Job make its pod (one merge patch). */
    void resume(String jobName) {
        call("resume Job " + jobName, () -> client.batch().v1().jobs().inNamespace(namespace).withName(jobName)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":false}}"));
    }

    Optional<Job> job(String name) {
        return Optional.ofNullable(call("read Job " + name,
                () -> client.batch().v1().jobs().inNamespace(namespace).withName(name).get()));
    }

    List<Job> jobs(String labelSelector) {
        return call("list Jobs (" + labelSelector + ")", () -> client.batch().v1().jobs().inNamespace(namespace)
                .withLabelSelector(labelSelector).list().getItems());
    }

    /** The Job's newest pod (with backoffLimit 0 there is one, unless someone deleted it and the controller made another). */
    Optional<Pod> podOf(String jobName) {
        List<Pod> pods = call("list the pods of Job " + jobName, () -> client.pods().inNamespace(namespace)
                .withLabel(KubernetesNames.JOB_NAME_LABEL, jobName).list().getItems());
        return pods.stream().max(Comparator.comparing(pod -> Optional.ofNullable(pod.getMetadata().getCreationTimestamp()).orElse("")));
    }

    /** Deletes the pod with that grace: SIGTERM now, SIGKILL once it has passed. */
    void deletePod(String podName, long graceSeconds) {
        call("delete pod " + podName, () -> client.pods().inNamespace(namespace).withName(podName)
                .withGracePeriod(graceSeconds).delete());
    }

    /** Deletes the Job; its pods go with it (propagation Background, so this does not wait for them). */
    void deleteJob(String jobName, long graceSeconds) {
        call("delete Job " + jobName, () -> client.batch().v1().jobs().inNamespace(namespace).withName(jobName)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).withGracePeriod(graceSeconds).delete());
    }

    /**
     * Follows the container's log with a timestamp before each line, from the start or from {@code sinceTime}: one
     * plain {@code GET pods/log} on the client's own authenticated HTTP client. (The client's {@code watchLog} would
     * first watch the pod until it is ready, a list and a watch more per stream, and more rights for the Role.)
     */
    InputStream followLog(String podName, String container, Optional<String> sinceTime) {
        String what = "follow the log of pod " + podName;
        StringBuilder uri = new StringBuilder(client.getMasterUrl().toString().replaceAll("/+$", ""))
                .append("/api/v1/namespaces/").append(namespace).append("/pods/").append(podName)
                .append("/log?container=").append(encoded(container)).append("&follow=true&timestamps=true");
        sinceTime.ifPresent(since -> uri.append("&sinceTime=").append(encoded(since)));
        HttpClient http = client.getHttpClient();
        HttpResponse<InputStream> response;
        try {
            response = http.sendAsync(http.newHttpRequestBuilder().uri(uri.toString()).build(), InputStream.class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ClusterCallException.of(what, new IOException("interrupted", e));
        } catch (ExecutionException e) {
            throw ClusterCallException.of(what, new IOException(e.getCause()));
        }
        if (!response.isSuccessful()) {
            String said;
            try (InputStream body = response.body()) {
                said = body == null ? "" : new String(body.readNBytes(4096), StandardCharsets.UTF_8);
            } catch (IOException e) {
                said = "";
            }
            throw ClusterCallException.of(what, new KubernetesClientException(statusMessage(said), response.code(), null));
        }
        return response.body();
    }

    /** The {@code message} of a Status body, else the body itself. */
    private static String statusMessage(String body) {
        java.util.regex.Matcher message = java.util.regex.Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(body);
        return message.find() ? message.group(1) : body.strip();
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The API's version, asked now: for the health check and the start-up log. */
    String version() {
        return call("tell its version", () -> {
            var info = client.getKubernetesVersion();
            return info.getGitVersion();
        });
    }

    @Override
    public void close() {
        client.close();
    }

    private static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw ClusterCallException.of(what, e);
        }
    }
}
