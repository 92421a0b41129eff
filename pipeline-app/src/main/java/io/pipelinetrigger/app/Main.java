package io.pipelinetrigger.app;

import io.pipelinetrigger.app.config.AppConfig;
import io.pipelinetrigger.app.config.CommandLine;
import io.pipelinetrigger.app.config.ConfigException;
import io.pipelinetrigger.app.config.DemoWorkload;
import io.pipelinetrigger.app.config.ServerEnvironment;
import io.pipelinetrigger.app.run.PipelineApplication;
import io.pipelinetrigger.app.run.StartupReport;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code java -jar pipeline-app.jar [--demo] [--env-file PATH]}. Exit code 2 when the configuration is wrong
 * (one sentence on stderr), 1 when the server cannot start; on SIGTERM/SIGINT it stops gracefully and exits 0.
 */
public final class Main {

    static final int CONFIGURATION_ERROR = 2;
    static final int START_ERROR = 1;

    private Main() {
    }

    public static void main(String[] args) {
        routeJavaUtilLoggingToSlf4j();
        Launch launch = launch(args, System.getenv(), System.out, System.err);
        if (launch.application().isEmpty()) {
            if (launch.exitCode() != 0) {
                System.exit(launch.exitCode());
            }
            return;
        }
        PipelineApplication application = launch.application().get();
        StopSignals.onGracefulStop(application::stop);
        Runtime.getRuntime().addShutdownHook(new Thread(application::stop, "pipeline-trigger-shutdown"));
        application.awaitStopped();
    }

    /** The server started, or the exit code to end with at once (0 after {@code --help}). */
    record Launch(int exitCode, Optional<PipelineApplication> application) {
        Launch {
            Objects.requireNonNull(application, "application");
        }
    }

    /** Everything {@link #main} does before it waits for the stop signal; how tests run it in-process. */
    static Launch launch(String[] args, Map<String, String> realEnvironment, PrintStream out, PrintStream err) {
        try {
            CommandLine commandLine = CommandLine.parse(args);
            if (commandLine.help()) {
                out.println(CommandLine.USAGE);
                return new Launch(0, Optional.empty());
            }
            Map<String, String> environment = ServerEnvironment.load(commandLine.envFile(), realEnvironment);
            Optional<DemoWorkload> demo = commandLine.demo() ? Optional.of(DemoWorkload.install()) : Optional.empty();
            if (demo.isPresent()) {
                environment = demo.get().applyTo(environment);
            }
            AppConfig config = AppConfig.fromEnvironment(environment);
            StartupReport.log(config, demo);
            return new Launch(0, Optional.of(PipelineApplication.start(config)));
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return new Launch(CONFIGURATION_ERROR, Optional.empty());
        } catch (RuntimeException e) {
            err.println("pipeline-trigger could not start: " + e.getMessage());
            return new Launch(START_ERROR, Optional.empty());
        }
    }

    // Jersey and Grizzly log through java.util.logging; one backend keeps one log format
    private static void routeJavaUtilLoggingToSlf4j() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
