package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.pipelinetrigger.core.port.out.StepOutcome;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What one look at a step's Job and pod tells, read from the container's own status (the end of its log stream
 * says nothing): still waiting (and why, when it is stuck), running, ended with an outcome, or gone. Pure.
 */
final class PodObservation {

    /** What one look found. */
    sealed interface Seen {
    }

    /** Waiting reasons that never clear by themselves: no point in waiting the pending limit out. */
    static final Set<String> HOPELESS = Set.of("InvalidImageName", "ErrImageNeverPull");
    /** Waiting reasons that may clear (a registry back, a Secret created) but usually do not: bounded by the pending limit. */
    static final Set<String> STUCK = Set.of("ErrImagePull", "ImagePullBackOff", "CreateContainerConfigError", "CreateContainerError",
            "RunContainerError");

    /** Not running yet; {@code problem} is a sentence when the pod is stuck, {@code hopeless} when it will stay so. */
    record Waiting(Optional<String> problem, boolean hopeless) implements Seen {
    }

    record Running() implements Seen {
    }

    record Ended(StepOutcome outcome) implements Seen {
    }

    record Gone(String reason) implements Seen {
    }

    private PodObservation() {
    }

    static Seen of(String step, Optional<Job> job, Optional<Pod> pod) {
        Optional<ContainerStatus> status = pod.flatMap(p -> containerStatus(p, step));
        Optional<ContainerStateTerminated> terminated = status.map(s -> s.getState())
                .map(state -> state == null ? null : state.getTerminated());
        if (terminated.isPresent()) {
            return new Ended(outcome(step, terminated.get(), pod.get()));
        }
        Optional<JobCondition> failed = job.flatMap(j -> condition(j, "Failed"));
        if (failed.isPresent() && "DeadlineExceeded".equals(failed.get().getReason())) {
            return new Gone("Step " + step + " ran past its Job's active deadline of "
                    + job.get().getSpec().getActiveDeadlineSeconds() + " s, so Kubernetes stopped it.");
        }
        if (pod.isEmpty()) {
            if (job.isEmpty()) {
                return new Gone("The Job of step " + step + " and its pod were deleted before the step's end could be read;"
                        + " were they removed by someone else?");
            }
            if (failed.isPresent()) {
                return new Gone("The Job of step " + step + " failed without a pod to tell why: "
                        + sentence(Optional.ofNullable(failed.get().getMessage()).orElse(failed.get().getReason())));
            }
            return new Waiting(Optional.empty(), false); // the Job controller has not made the pod yet
        }
        if (status.map(s -> s.getState() != null && s.getState().getRunning() != null).orElse(false)) {
            return new Running();
        }
        Optional<ContainerStateWaiting> waiting = status.map(s -> s.getState() == null ? null : s.getState().getWaiting());
        if (waiting.isPresent() && waiting.get().getReason() != null) {
            String reason = waiting.get().getReason();
            String message = Optional.ofNullable(waiting.get().getMessage()).orElse(reason);
            if (reason.contains("Image") || HOPELESS.contains(reason)) {
                String image = pod.get().getSpec().getContainers().get(0).getImage();
                return new Waiting(Optional.of("The image " + image + " of step " + step + " could not be pulled (" + reason
                        + "): " + sentence(message)), HOPELESS.contains(reason));
            }
            if (STUCK.contains(reason)) {
                return new Waiting(Optional.of("The container of step " + step + " could not be created (" + reason + "): "
                        + sentence(message)), false);
            }
        }
        Optional<PodCondition> scheduled = pod.get().getStatus() == null ? Optional.empty()
                : conditions(pod.get().getStatus().getConditions()).stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst();
        if (scheduled.isPresent() && "False".equals(scheduled.get().getStatus()) && "Unschedulable".equals(scheduled.get().getReason())) {
            return new Waiting(Optional.of("No node can run the pod of step " + step + ": "
                    + sentence(Optional.ofNullable(scheduled.get().getMessage()).orElse("Unschedulable"))), false);
        }
        String phase = pod.get().getStatus() == null ? "" : String.valueOf(pod.get().getStatus().getPhase());
        if (phase.equals("Failed") || phase.equals("Succeeded")) {
            String why = Optional.ofNullable(pod.get().getStatus().getMessage()).or(() -> Optional.ofNullable(pod.get().getStatus().getReason()))
                    .orElse("no reason given");
            return new Gone("The pod of step " + step + " ended (" + phase + ") before its container ran: " + sentence(why));
        }
        return new Waiting(Optional.empty(), false);
    }

    private static StepOutcome outcome(String step, ContainerStateTerminated terminated, Pod pod) {
        int code = terminated.getExitCode() == null ? -1 : terminated.getExitCode();
        String reason = Optional.ofNullable(terminated.getReason()).orElse("");
        if (reason.equals("OOMKilled")) {
            int exit = code == 0 ? 137 : code;
            Optional<String> limit = pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(step)).findFirst()
                    .map(c -> c.getResources() == null || c.getResources().getLimits() == null ? null
                            : c.getResources().getLimits().get("memory")).map(Quantity::toString);
            return new StepOutcome.Failed("Step " + step + " was killed because it ran out of memory"
                    + limit.map(l -> " (limit " + l + ")").orElse("") + ", exit code " + exit + ".", OptionalInt.of(exit));
        }
        if (reason.equals("ContainerCannotRun") || reason.equals("StartError")) {
            return new StepOutcome.Failed("The container of step " + step + " could not run its program: "
                    + sentence(Optional.ofNullable(terminated.getMessage()).orElse(reason)), OptionalInt.of(code));
        }
        return new StepOutcome.Exited(code);
    }

    static Optional<ContainerStatus> containerStatus(Pod pod, String container) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream().filter(s -> container.equals(s.getName())).findFirst();
    }

    static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    /** A Job is over once Kubernetes says it completed or failed. */
    static boolean finished(Job job) {
        return condition(job, "Complete").isPresent() || condition(job, "Failed").isPresent();
    }

    private static List<PodCondition> conditions(List<PodCondition> conditions) {
        return conditions == null ? List.of() : conditions;
    }

    static String sentence(String text) {
        String stripped = text == null ? "" : text.strip();
        return stripped.endsWith(".") ? stripped : stripped + ".";
    }
}
