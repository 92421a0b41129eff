package io.pipelinetrigger.kubernetes;

import io.pipelinetrigger.core.port.out.StepSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The names and labels of what this runner creates, and the checks of names the operator gives. */
final class KubernetesNames {

    static final String JOB_ID_LABEL = "pipeline-trigger.job-id";
    static final String STEP_LABEL = "pipeline-trigger.step";
    static final String INSTANCE_LABEL = "pipeline-trigger.instance";
    /** The label the Job controller puts on the pods of a Job. */
    static final String JOB_NAME_LABEL = "job-name";

    /** A Job's name becomes a label value on its pods, so it must fit in 63 characters. */
    private static final int MAX_JOB_NAME = 63;
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private KubernetesNames() {
    }

    /**
     * Deterministic, so a create retried after a lost answer meets its own Job instead of making a second:
     * {@code pipeline-<step>-<jobId>}, with the instance before the step unless it is the default one. An instance
     * too long to fit is replaced by a short digest of it (the instance label still names it in full).
     */
    static String jobName(StepSpec spec, String instance) {
        String stepAndJob = spec.step().wireName() + "-" + spec.jobId().value();
        if (instance.equals(KubernetesRunnerConfig.DEFAULT_INSTANCE)) {
            return "pipeline-" + stepAndJob;
        }
        String named = "pipeline-" + instance + "-" + stepAndJob;
        return named.length() <= MAX_JOB_NAME ? named : "pipeline-" + digest(instance) + "-" + stepAndJob;
    }

    static void requireObjectName(String name, String kind) {
        if (name == null || !DNS_SUBDOMAIN.matcher(name).matches()) {
            throw new IllegalArgumentException("A " + kind + " name is lower-case letters, digits, '-' or '.', starting and"
                    + " ending with a letter or digit (e.g. \"dbt-settings\"); got \"" + name + "\".");
        }
    }

    static void requireNamespace(String name) {
        if (name == null || !DNS_LABEL.matcher(name).matches()) {
            throw new IllegalArgumentException("A namespace is 1 to 63 lower-case letters, digits or '-', starting and ending"
                    + " with a letter or digit (e.g. \"pipelines\"); got \"" + name + "\".");
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
