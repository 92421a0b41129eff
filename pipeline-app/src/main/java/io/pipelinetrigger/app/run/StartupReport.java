package io.pipelinetrigger.app.run;

import io.pipelinetrigger.app.config.AppConfig;
import io.pipelinetrigger.app.config.DemoWorkload;
import io.pipelinetrigger.app.config.Hosts;
import io.pipelinetrigger.app.config.RunnerChoice;
import io.pipelinetrigger.app.config.Variables;

import java.util.Optional;

/** What the log says before the server starts: the settings (never secrets), the runner, the warnings. */
public final class StartupReport {

    private static final System.Logger LOG = System.getLogger(StartupReport.class.getName());

    private StartupReport() {
    }

    /** Said loudly when the API needs no token and the server listens beyond this machine. */
    public static Optional<String> exposureWarning(AppConfig config) {
        if (!config.security().apiTokens().isEmpty() || Hosts.isLoopback(config.host())) {
            return Optional.empty();
        }
        return Optional.of("NO API TOKEN: the server listens on " + config.host() + ":" + config.port()
                + ", beyond this machine's loopback, and the API needs no token: anyone who can reach it can start"
                + " pipeline runs, " + (config.runner() instanceof RunnerChoice.Docker
                        ? "and the runs are started through the Docker engine, which is root on this host."
                        : config.runner() instanceof RunnerChoice.Kubernetes
                        ? "and the runs are Jobs started with this server's Kubernetes service account."
                        : "and the runs are programs on this host.")
                + " Set " + Variables.PIPELINE_API_TOKEN + " (or " + Variables.PIPELINE_API_TOKEN_FILE + "), or HOST=127.0.0.1;"
                + " see docs/security.md");
    }

    public static void log(AppConfig config, Optional<DemoWorkload> demo) {
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
        LOG.log(System.Logger.Level.INFO, "replica: " + config.replica().id()
                + (config.store().embedded() ? " (an embedded store: no other replica shares it)"
                        : "; jobs run by other replicas on the store are followed from it"));
        LOG.log(System.Logger.Level.INFO, "security: " + config.security().describe()
                + "; output redacts " + RedactedValues.of(config).size() + " secret value(s) in all");
        demo.ifPresent(workload -> LOG.log(System.Logger.Level.WARNING, "DEMO MODE: the ingester and dbt steps are a"
                + " SIMULATION (bundled scripts in " + workload.directory() + "): they print dlt-like and dbt-like"
                + " lines and move no data"));
        config.warnings().forEach(warning -> LOG.log(System.Logger.Level.WARNING, warning));
        exposureWarning(config).ifPresent(warning -> LOG.log(System.Logger.Level.WARNING, warning));
        if (!config.enabled()) {
            String enabling = config.runner() instanceof RunnerChoice.Unconfigured unconfigured
                    ? unconfigured.whatEnablingNeeds() : "set PIPELINE_ENABLED=true";
            LOG.log(System.Logger.Level.WARNING, "THE PIPELINE API IS DISABLED: PIPELINE_ENABLED is not true, so every"
                    + " call answers 403; to enable it, " + enabling);
        }
    }
}
