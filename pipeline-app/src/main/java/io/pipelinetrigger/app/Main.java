package io.pipelinetrigger.app;

import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar pipeline-app.jar [--demo] [--env-file PATH]}. Exit code 2 when the configuration is wrong
 * (one sentence on stderr), 1 when the server cannot start; on SIGTERM/SIGINT it stops gracefully.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        routeJavaUtilLoggingToSlf4j();
        PipelineApplication application;
        try {
            CommandLine commandLine = CommandLine.parse(args);
            if (commandLine.help()) {
                System.out.println(CommandLine.USAGE);
                return;
            }
            Map<String, String> environment = ServerEnvironment.load(commandLine.envFile(), System.getenv());
            Optional<DemoWorkload> demo = commandLine.demo() ? Optional.of(DemoWorkload.install()) : Optional.empty();
            if (demo.isPresent()) {
                environment = demo.get().applyTo(environment);
            }
            AppConfig config = AppConfig.fromEnvironment(environment);
            StartupReport.log(config, demo);
            application = PipelineApplication.start(config);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("pipeline-trigger could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(application::stop, "pipeline-trigger-shutdown"));
        application.awaitStopped();
    }

    // Jersey and Grizzly log through java.util.logging; one backend keeps one log format
    private static void routeJavaUtilLoggingToSlf4j() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
