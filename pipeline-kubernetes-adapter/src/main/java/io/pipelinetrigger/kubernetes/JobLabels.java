package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.util.Map;
import java.util.Optional;

/** Reads our labels back from a Job: whose step it is, so that another server's Job is never adopted or deleted. */
final class JobLabels {

    private JobLabels() {
    }

    static Optional<String> label(HasMetadata resource, String key) {
        Map<String, String> labels = resource.getMetadata().getLabels();
        return Optional.ofNullable(labels == null ? null : labels.get(key));
    }

    static boolean ofInstance(HasMetadata resource, String instance) {
        return label(resource, KubernetesNames.INSTANCE_LABEL).equals(Optional.of(instance));
    }

    /** Whether this is the Job our instance made for that step of that job (by its labels, not only its name). */
    static boolean runs(HasMetadata resource, StepSpec spec, String instance) {
        return ofInstance(resource, instance)
                && label(resource, KubernetesNames.JOB_ID_LABEL).equals(Optional.of(spec.jobId().value()))
                && label(resource, KubernetesNames.STEP_LABEL).equals(Optional.of(spec.step().wireName()));
    }
}
