package io.pipelinetrigger.core.domain;

/** The two per-run toggles of the dbt step; also used for the server defaults. */
public record FeatureFlags(boolean enableOpenlineage, boolean enableElementary) {

    public static final FeatureFlags ALL_ENABLED = new FeatureFlags(true, true);
}
