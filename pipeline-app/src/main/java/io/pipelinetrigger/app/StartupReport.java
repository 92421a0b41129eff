package io.pipelinetrigger.app;

import java.util.Optional;

/** What the log says before the server starts: the settings (never secrets), the runner, the warnings. */
final class StartupReport {

    private static final System.Logger LOG = System.getLogger(StartupReport.class.getName());

    private StartupReport() {
    }

    static void log(AppConfig config, Optional<DemoWorkload> demo) {
        LOG.log(System.Logger.Level.INFO, "configuration: PIPELINE_ENABLED=" + config.enabled()
                + ", HOST=" + config.host() + ", PORT=" + config.port()
                + ", ENABLE_OPENLINEAGE=" + config.defaultFlags().enableOpenlineage()
                + ", ENABLE_ELEMENTARY=" + config.defaultFlags().enableElementary()
                + ", PIPELINE_RUNNER=" + config.runner().name()
                + ", PIPELINE_JOB_RETENTION=" + config.jobRetention()
                + ", PIPELINE_OUTPUT_LIMIT_BYTES=" + config.outputLimitBytes());
        LOG.log(System.Logger.Level.INFO, "runner: " + config.runner().describe()
                + "; stop grace " + config.stopGrace()
                + config.stepTimeout().map(t -> ", step timeout " + t).orElse(", no step timeout"));
        LOG.log(System.Logger.Level.INFO, "store: " + config.store().describe());
        demo.ifPresent(workload -> LOG.log(System.Logger.Level.WARNING, "DEMO MODE: the ingester and dbt steps are a"
                + " SIMULATION (bundled scripts in " + workload.directory() + "): they print dlt-like and dbt-like"
                + " lines and move no data"));
        config.warnings().forEach(warning -> LOG.log(System.Logger.Level.WARNING, warning));
        if (!config.enabled()) {
            LOG.log(System.Logger.Level.WARNING, "THE PIPELINE API IS DISABLED: PIPELINE_ENABLED is not true, so every"
                    + " call answers 403; set PIPELINE_ENABLED=true to enable it");
        }
    }
}
