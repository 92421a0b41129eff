package io.pipelinetrigger.core.domain;

import java.util.Locale;

/** The two kinds of step a pipeline is made of. */
public enum StepName {
    INGESTER, DBT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
