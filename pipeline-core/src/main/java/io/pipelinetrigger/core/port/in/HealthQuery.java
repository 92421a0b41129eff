package io.pipelinetrigger.core.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Whether the server can take and run pipeline jobs right now, check by check. */
public interface HealthQuery {

    /** The names of the checks, in the order {@link Health#checks()} holds them (docs/operations.md, "Health"). */
    String STORE = "store";
    String RUNNER = "runner";
    String IMAGES = "images";
    String NETWORK = "network";

    Health health();

    /** Every check by name; healthy when each passed. */
    record Health(List<Check> checks) {

        public Health {
            checks = List.copyOf(checks);
        }

        public boolean healthy() {
            return checks.stream().allMatch(Check::passed);
        }

        /** One sentence per failed check, {@code "<name>: <reason>"}: for the server log. */
        public List<String> problems() {
            return checks.stream().filter(check -> !check.passed())
                    .map(check -> check.name() + ": " + check.problem().orElseThrow()).toList();
        }
    }

    /** One check: passed when {@code problem} is empty, else the one-line reason it failed. */
    record Check(String name, Optional<String> problem) {

        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(problem, "problem");
        }

        public static Check ok(String name) {
            return new Check(name, Optional.empty());
        }

        public static Check failed(String name, String reason) {
            return new Check(name, Optional.of(reason));
        }

        public boolean passed() {
            return problem.isEmpty();
        }
    }
}
