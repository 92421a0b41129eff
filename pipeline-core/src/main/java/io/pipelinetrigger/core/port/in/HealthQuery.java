package io.pipelinetrigger.core.port.in;

/** Whether the server can take and run pipeline jobs right now. */
public interface HealthQuery {

    Health health();

    /** {@code problems} is empty when healthy; each entry is one sentence for the server log, not for clients. */
    record Health(boolean runnerReachable, boolean storeWritable, java.util.List<String> problems) {

        public Health {
            problems = java.util.List.copyOf(problems);
        }

        public boolean healthy() {
            return runnerReachable && storeWritable;
        }
    }
}
