package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's API server mock in CRUD mode, with what CRUD alone cannot do mixed in: a pod's log (not a resource)
 * and a pod's graceful deletion are answered by the {@link FakeKubelet}. Every request the runner makes is
 * recorded (method and path), so the RBAC test can hold the shipped Role against them.
 */
final class MockCluster implements AutoCloseable {

    static final String KUBELET_AGENT = "fake-kubelet";
    private static final String RUNNER_AGENT = "pipeline-trigger-test";
    private static final Pattern POD_LOG = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?.*)?");
    private static final Pattern POD = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)(\\?.*)?");

    /** A request the runner made: method and path with its query. */
    record Request(String method, String path) {
    }

    private final KubernetesMockServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<KubernetesClient> clients = new ArrayList<>();
    private final FakeKubelet kubelet;
    private final Map<String, Integer> refusals = new java.util.concurrent.ConcurrentHashMap<>();

    MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new Dispatcher(responses), false);
        server.init();
        KubernetesClient kubeletClient = newClient(KUBELET_AGENT);
        this.kubelet = new FakeKubelet(kubeletClient, "pipelines");
    }

    /** A client as the runner gets one, in namespace {@code pipelines}. */
    KubernetesClient client() {
        return newClient(RUNNER_AGENT);
    }

    /** A client for the test's own setup and checks: its requests are not recorded as the runner's. */
    KubernetesClient adminClient() {
        return newClient("test-admin");
    }

    /** From now on, answers {@code method} on paths starting with {@code pathPrefix} with {@code code}, as an RBAC denial would. */
    void refuse(String method, String pathPrefix, int code) {
        refusals.put(method + " " + pathPrefix, code);
    }

    FakeKubelet kubelet() {
        return kubelet;
    }

    /** The runner's requests so far (the kubelet's and the test's own are not among them). */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    private synchronized KubernetesClient newClient(String userAgent) {
        KubernetesClient plain = server.createClient();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(plain.getConfiguration())
                .withNamespace("pipelines").withUserAgent(userAgent).build()).build();
        plain.close();
        clients.add(client);
        return client;
    }

    @Override
    public synchronized void close() {
        kubelet.close();
        clients.forEach(KubernetesClient::close);
        server.destroy();
    }

    private final class Dispatcher extends KubernetesMixedDispatcher {

        Dispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
            super(responses);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            boolean fromKubelet = KUBELET_AGENT.equals(request.getHeader("User-Agent"));
            if (RUNNER_AGENT.equals(request.getHeader("User-Agent"))) {
                requests.add(new Request(request.getMethod(), path));
            }
            for (Map.Entry<String, Integer> refusal : refusals.entrySet()) {
                if ((request.getMethod() + " " + path).startsWith(refusal.getKey())) {
                    return new MockResponse().setResponseCode(refusal.getValue()).setHeader("Content-Type", "application/json")
                            .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
                                    + "\"jobs.batch is forbidden: User \\\"system:serviceaccount:pipelines:pipeline-trigger\\\" cannot"
                                    + " create resource \\\"jobs\\\" in API group \\\"batch\\\" in the namespace \\\"pipelines\\\"\","
                                    + "\"reason\":\"Forbidden\",\"code\":" + refusal.getValue() + "}");
                }
            }
            Matcher log = POD_LOG.matcher(path);
            if (log.matches() && "GET".equals(request.getMethod())) {
                return kubelet.log(log.group(2), log.group(3) == null ? "" : log.group(3).substring(1));
            }
            Matcher pod = POD.matcher(path);
            if (pod.matches() && "DELETE".equals(request.getMethod()) && !fromKubelet
                    && kubelet.terminate(pod.group(2), gracePeriodOf(request.getUtf8Body()))) {
                // accepted: the kubelet removes the pod once its container has ended
                return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\"}");
            }
            return super.dispatch(request);
        }

        private Long gracePeriodOf(String body) {
            Matcher grace = Pattern.compile("\"gracePeriodSeconds\"\\s*:\\s*(\\d+)").matcher(body == null ? "" : body);
            return grace.find() ? Long.valueOf(grace.group(1)) : null;
        }
    }
}
