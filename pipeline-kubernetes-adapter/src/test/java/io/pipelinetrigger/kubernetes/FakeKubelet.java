package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.MockResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Plays, against the API mock, what a cluster does that the mock does not: the Job controller (a pod for each
 * resumed Job, the Job's status from its pod's, the active deadline), the kubelet (runs the container as a local
 * process, moves the pod through Pending → Running → Succeeded/Failed, writes the container's terminated state and
 * serves its log) and the garbage collector (a deleted Job's pods are deleted with their own grace). Images whose
 * name contains {@code missing} cannot be pulled; a node selector on {@code fake-kubelet/unschedulable} fits no node;
 * an image whose name contains {@code oom} is killed for memory as soon as it prints {@code allocating}.
 */
final class FakeKubelet implements AutoCloseable {

    static final String UNSCHEDULABLE = "fake-kubelet/unschedulable";

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, FakeContainer> containers = new ConcurrentHashMap<>();
    private final Set<String> podsMade = ConcurrentHashMap.newKeySet();
    private final Set<String> terminating = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> resumedAt = new ConcurrentHashMap<>();
    private final AtomicInteger podCounter = new AtomicInteger();
    private final Thread loop;
    private volatile boolean closed;
    private volatile int cutLogsAfterLines = -1;
    private final List<Long> gracesAsked = new java.util.concurrent.CopyOnWriteArrayList<>();

    FakeKubelet(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.loop = new Thread(this::run, "fake-kubelet");
        loop.setDaemon(true);
        loop.start();
    }

    /** From now on, a log stream of a running container drops after that many lines, in the middle of the next one. */
    void dropLogStreamsAfter(int lines) {
        this.cutLogsAfterLines = lines;
    }

    private void run() {
        while (!closed) {
            try {
                step();
                Thread.sleep(20); // the kubelet's sync loop; nothing here is timed by a test
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!closed) {
                    System.getLogger(FakeKubelet.class.getName()).log(System.Logger.Level.DEBUG, "fake kubelet: " + e);
                }
            }
        }
    }

    private void step() {
        List<Job> jobs = client.batch().v1().jobs().inNamespace(namespace).list().getItems();
        Map<String, Job> byName = new HashMap<>();
        for (Job job : jobs) {
            byName.put(job.getMetadata().getName(), job);
            if (!Boolean.TRUE.equals(job.getSpec().getSuspend()) && podsMade.add(job.getMetadata().getUid())) {
                resumedAt.put(job.getMetadata().getName(), Instant.now());
                makePod(job);
            }
        }
        for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
            String name = pod.getMetadata().getName();
            Job job = byName.get(pod.getMetadata().getLabels().get(KubernetesNames.JOB_NAME_LABEL));
            if (job == null) {
                terminate(name, pod.getSpec().getTerminationGracePeriodSeconds()); // the garbage collector
                continue;
            }
            if ("Pending".equals(pod.getStatus().getPhase()) && !containers.containsKey(name)) {
                startOrHold(pod);
            }
            Long deadline = job.getSpec().getActiveDeadlineSeconds();
            if (deadline != null && containers.containsKey(name) && !containers.get(name).exit().isDone() && !terminating.contains(name)
                    && resumedAt.get(job.getMetadata().getName()).plusSeconds(deadline).isBefore(Instant.now())) {
                setJobFailed(job.getMetadata().getName(), "DeadlineExceeded", "Job was active longer than specified deadline");
                terminate(name, pod.getSpec().getTerminationGracePeriodSeconds());
            }
        }
    }

    private void makePod(Job job) {
        Map<String, String> labels = new LinkedHashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put(KubernetesNames.JOB_NAME_LABEL, job.getMetadata().getName());
        labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
        labels.put("controller-uid", job.getMetadata().getUid());
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(job.getMetadata().getName() + "-" + "abcde".charAt(podCounter.getAndIncrement() % 5) + "x9q2")
                    .withLabels(labels).withCreationTimestamp(Instant.now().toString()).addNewOwnerReference()
                    .withApiVersion("batch/v1").withKind("Job").withName(job.getMetadata().getName())
                    .withUid(job.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase("Pending").endStatus()
                .build();
        client.pods().inNamespace(namespace).resource(pod).create();
        client.batch().v1().jobs().inNamespace(namespace).withName(job.getMetadata().getName())
                .editStatus(j -> { statusOf(j).setActive(1); j.getStatus().setStartTime(Instant.now().toString()); return j; });
    }

    private void startOrHold(Pod pod) {
        String name = pod.getMetadata().getName();
        Container container = pod.getSpec().getContainers().get(0);
        Map<String, String> selector = Optional.ofNullable(pod.getSpec().getNodeSelector()).orElse(Map.of());
        if (selector.containsKey(UNSCHEDULABLE)) {
            status(name, p -> p.getStatus().setConditions(List.of(new PodConditionBuilder().withType("PodScheduled")
                    .withStatus("False").withReason("Unschedulable")
                    .withMessage("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector").build())));
            return;
        }
        if (container.getImage().contains("missing")) {
            status(name, p -> p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder()
                    .withName(container.getName()).withImage(container.getImage()).withNewState().withNewWaiting()
                    .withReason("ImagePullBackOff").withMessage("Back-off pulling image \"" + container.getImage() + "\"")
                    .endWaiting().endState().build())));
            return;
        }
        List<String> argv = new ArrayList<>(Optional.ofNullable(container.getCommand()).orElse(List.of()));
        argv.addAll(Optional.ofNullable(container.getArgs()).orElse(List.of()));
        Predicate<String> oom = line -> container.getImage().contains("oom") && line.contains("allocating");
        FakeContainer running;
        try {
            running = FakeContainer.start(argv, environment(container), oom);
        } catch (java.io.IOException e) {
            terminated(name, container.getName(), 128, "StartError", "exec: \"" + argv + "\": " + e.getMessage());
            return;
        }
        containers.put(name, running);
        status(name, p -> {
            p.getStatus().setPhase("Running");
            p.getStatus().setStartTime(Instant.now().toString());
            p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName(container.getName())
                    .withImage(container.getImage()).withReady(true).withNewState().withNewRunning()
                    .withStartedAt(Instant.now().toString()).endRunning().endState().build()));
        });
        running.exit().thenAccept(code -> background(() -> {
            boolean oomKilled = running.outOfMemory();
            terminated(name, container.getName(), oomKilled ? 137 : code, oomKilled ? "OOMKilled" : code == 0 ? "Completed" : "Error", null);
            String job = pod.getMetadata().getLabels().get(KubernetesNames.JOB_NAME_LABEL);
            if (code == 0 && !oomKilled) {
                setJobCondition(job, "Complete", "Completed", "Reached expected number of succeeded pods", true);
            } else {
                setJobFailed(job, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
            }
            if (terminating.contains(name)) {
                client.pods().inNamespace(namespace).withName(name).delete();
            }
        }));
    }

    /** The environment as the kubelet builds it: envFrom (ConfigMaps, Secrets) first, then env. */
    private Map<String, String> environment(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (source.getConfigMapRef() != null) {
                env.putAll(client.configMaps().inNamespace(namespace).withName(source.getConfigMapRef().getName()).get().getData());
            }
            if (source.getSecretRef() != null) {
                client.secrets().inNamespace(namespace).withName(source.getSecretRef().getName()).get().getData()
                        .forEach((key, value) -> env.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
            }
        }
        Optional.ofNullable(container.getEnv()).orElse(List.of()).forEach(var -> env.put(var.getName(), var.getValue()));
        return env;
    }

    /**
     * A pod's deletion as the API server and kubelet do it: marked with a deletion timestamp, its container signalled
     * (SIGTERM, SIGKILL after the grace) and the pod removed once it has ended. False: nothing runs, delete it now.
     */
    boolean terminate(String podName, Long graceSeconds) {
        FakeContainer container = containers.get(podName);
        if (container == null || container.exit().isDone()) {
            if (container == null || terminating.add(podName)) {
                background(() -> client.pods().inNamespace(namespace).withName(podName).delete());
            }
            return container != null;
        }
        if (!terminating.add(podName)) {
            return true;
        }
        long grace = graceSeconds == null ? 30 : graceSeconds;
        gracesAsked.add(grace);
        background(() -> status(podName, p -> {
            p.getMetadata().setDeletionTimestamp(Instant.now().plusSeconds(grace).toString());
            p.getMetadata().setDeletionGracePeriodSeconds(grace);
        }));
        container.terminate(grace);
        return true;
    }

    /** The grace of each running container's termination, in order. */
    List<Long> gracesAsked() {
        return List.copyOf(gracesAsked);
    }

    /** The answer to {@code GET pods/{name}/log?...}. */
    MockResponse log(String podName, String query) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(pair.substring(0, equals), java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        FakeContainer container = containers.get(podName);
        if (container == null) {
            return new MockResponse().setResponseCode(400).setBody("{\"kind\":\"Status\",\"status\":\"Failure\",\"message\":"
                    + "\"container is waiting to start: ContainerCreating\",\"code\":400}");
        }
        byte[] body = container.log(Optional.ofNullable(parameters.get("sinceTime")).map(Instant::parse),
                "true".equals(parameters.get("timestamps")));
        int cut = cutLogsAfterLines;
        if (cut >= 0 && !container.exit().isDone()) {
            body = LogCut.afterLines(body, cut);
        }
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(body);
    }

    private void terminated(String podName, String containerName, int code, String reason, String message) {
        status(podName, p -> {
            p.getStatus().setPhase(code == 0 ? "Succeeded" : "Failed");
            p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName(containerName).withReady(false)
                    .withNewState().withNewTerminated().withExitCode(code).withReason(reason).withMessage(message)
                    .withFinishedAt(Instant.now().toString()).endTerminated().endState().build()));
        });
    }

    private void setJobFailed(String jobName, String reason, String message) {
        setJobCondition(jobName, "Failed", reason, message, false);
    }

    private void setJobCondition(String jobName, String type, String reason, String message, boolean succeeded) {
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
        if (job == null) {
            return;
        }
        client.batch().v1().jobs().inNamespace(namespace).withName(jobName).editStatus(j -> {
            statusOf(j).setActive(0);
            if (succeeded) {
                j.getStatus().setSucceeded(1);
            } else {
                j.getStatus().setFailed(1);
            }
            j.getStatus().setConditions(List.of(new JobConditionBuilder().withType(type).withStatus("True")
                    .withReason(reason).withMessage(message).build()));
            return j;
        });
    }

    private static io.fabric8.kubernetes.api.model.batch.v1.JobStatus statusOf(Job job) {
        if (job.getStatus() == null) {
            job.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatus());
        }
        return job.getStatus();
    }

    private void status(String podName, java.util.function.Consumer<Pod> change) {
        if (client.pods().inNamespace(namespace).withName(podName).get() == null) {
            return;
        }
        client.pods().inNamespace(namespace).withName(podName).editStatus(p -> {
            change.accept(p);
            return p;
        });
    }

    /** Off the mock's request thread, and quiet once the test is over. */
    private void background(Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                if (!closed) {
                    System.getLogger(FakeKubelet.class.getName()).log(System.Logger.Level.WARNING, "fake kubelet: " + e);
                }
            }
        }, "fake-kubelet-work");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        closed = true;
        loop.interrupt();
        containers.values().forEach(FakeContainer::kill);
    }
}
