package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.RecoveredStep;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request the runner makes of the API mock, over everything it does (run, stop, decline, recover, the 409
 * check, leftovers, the health check), turned into the RBAC rule it needs (API group, resource, verb), and held
 * against the shipped Role: it must grant exactly those, nothing less and nothing more.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RoleGrantsExactlyWhatTheRunnerUsesTest {

    private static final Pattern RESOURCE_PATH = Pattern.compile(
            "/(?:api/v1|apis/([^/]+)/[^/]+)/namespaces/[^/]+/([^/?]+)(/[^/?]+)?(/[^/?]+)?(\\?.*)?");

    @Test
    void the_shipped_role_grants_exactly_the_verbs_the_runners_requests_use() throws Exception {
        Set<String> used;
        try (MockCluster cluster = new MockCluster()) {
            exerciseEverything(cluster);
            used = rulesNeeded(cluster.requests());
        }
        Role role = ShippedManifestsTest.load(ShippedManifestsTest.MANIFESTS.resolve("rbac.yaml")).stream()
                .filter(Role.class::isInstance).map(Role.class::cast).findFirst().orElseThrow();
        Set<String> granted = new TreeSet<>();
        role.getRules().forEach(rule -> rule.getApiGroups().forEach(group -> rule.getResources().forEach(resource ->
                rule.getVerbs().forEach(verb -> granted.add(group + "/" + resource + ":" + verb)))));

        assertThat(granted).isEqualTo(used);
    }

    @Test
    void requests_are_read_as_the_api_server_authorizes_them() {
        assertThat(rulesNeeded(List.of(
                new MockCluster.Request("GET", "/apis/batch/v1/namespaces/p/jobs?labelSelector=a%3Db"),
                new MockCluster.Request("GET", "/apis/batch/v1/namespaces/p/jobs/x"),
                new MockCluster.Request("PATCH", "/apis/batch/v1/namespaces/p/jobs/x"),
                new MockCluster.Request("GET", "/api/v1/namespaces/p/pods/x/log?follow=true"),
                new MockCluster.Request("GET", "/api/v1/namespaces/p/pods?watch=true"),
                new MockCluster.Request("GET", "/version"))))
                .containsExactly("/pods/log:get", "/pods:watch", "batch/jobs:get", "batch/jobs:list", "batch/jobs:patch");
    }

    private static void exerciseEverything(MockCluster cluster) throws Exception {
        StepSpec first = new StepSpec(JobId.of("dbt-1710460800000-rbac01"), StepName.DBT, Map.of(), List.of("run"));
        StepSpec second = new StepSpec(JobId.of("dbt-1710460800000-rbac02"), StepName.DBT, Map.of(), List.of());
        StepSpec declined = new StepSpec(JobId.of("dbt-1710460800000-rbac03"), StepName.DBT, Map.of(), List.of());
        KubernetesRunnerConfig config = TestConfigs.running(StepName.DBT, "echo started; sleep 5; echo done", "busybox:1.36")
                .conflictSelector("app=dbt").build();
        try (KubernetesContainerRunner runner = new KubernetesContainerRunner(config, cluster.client())) {
            runner.checkReachable();
            runner.findConflictingRun();
            try (RunningStep step = runner.start(first, chunk -> { }, name -> true).orElseThrow()) {
                step.awaitExit();
            }
            assertThat(runner.start(declined, chunk -> { }, name -> false)).isEmpty();
            RunningStep stopped = runner.start(second, chunk -> { }, name -> true).orElseThrow();
            stopped.detach();
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            RecoveredStep found = runner.recover(second, Optional.of(stopped.id()), chunk -> started.countDown());
            try (RunningStep again = ((RecoveredStep.Reattached) found).step()) {
                started.await(); // its pod runs: the stop deletes it with the grace
                again.stop(Duration.ofSeconds(1));
                again.awaitExit();
            }
            runner.removeLeftovers(Set.of(), Duration.ZERO);
        }
    }

    /** {@code group/resource:verb} for each request, as the API server's authorizer reads it. */
    static Set<String> rulesNeeded(List<MockCluster.Request> requests) {
        Set<String> rules = new TreeSet<>();
        for (MockCluster.Request request : requests) {
            Matcher path = RESOURCE_PATH.matcher(request.path());
            if (!path.matches()) {
                continue; // /version and the like: non-resource URLs every authenticated client may read
            }
            String group = path.group(1) == null ? "" : path.group(1);
            boolean named = path.group(3) != null;
            String resource = path.group(2) + (path.group(4) == null ? "" : path.group(4));
            String query = path.group(5) == null ? "" : path.group(5);
            String verb = switch (request.method()) {
                case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
                case "POST" -> "create";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> named ? "delete" : "deletecollection";
                default -> request.method();
            };
            rules.add(group + "/" + resource + ":" + verb);
        }
        return rules;
    }
}
