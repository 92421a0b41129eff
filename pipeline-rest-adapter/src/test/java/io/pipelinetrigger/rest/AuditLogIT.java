package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** One audit line per trigger, cancel and refused call: time, client, token id (never the token), method, outcome. */
class AuditLogIT {

    private static final String TOKEN = "3f9c2a7d51e84b06a1c9d2e7f0b3a845";
    private static final String TIME = "time=\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    // System.Logger goes to java.util.logging here (no other backend on this module's test classpath)
    private final Logger audit = Logger.getLogger(AuditLog.LOGGER_NAME);
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final FakeContainerRunner runner = new FakeContainerRunner();
    private ApiServer server;
    private ApiClient api;

    @BeforeEach
    void start() {
        audit.addHandler(capture);
        server = ApiServer.with(runner, options -> options.apiEnabled(true).tokens(ApiTokens.of(List.of(TOKEN)))
                .clientAddress(request -> "192.0.2.10"));
        api = server.client();
    }

    @AfterEach
    void stop() {
        server.close();
        audit.removeHandler(capture);
    }

    @Test
    void aTriggerAndItsCancelAreOneLineEachWithTheTokenIdAndTheJob() {
        FakeStep dbt = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, dbt);
        String jobId = api.call("POST", ApiClient.PATH, "{\"pipeline\": \"dbt\"}", "Content-Type", "application/json",
                "Authorization", "Bearer " + TOKEN).json().get("jobId").asText();
        api.call("DELETE", ApiClient.PATH + "?jobId=" + jobId, null, "Authorization", "Bearer " + TOKEN);

        String id = ApiTokens.fingerprint(TOKEN);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches(TIME + " client=192\\.0\\.2\\.10 token=" + id + " method=POST outcome=202 jobId=" + jobId);
        assertThat(lines.get(1)).matches(TIME + " client=192\\.0\\.2\\.10 token=" + id + " method=DELETE outcome=202 jobId=" + jobId);
    }

    @Test
    void refusedCallsAreLoggedWithTheirSentenceAndNeverTheToken() {
        api.call("GET", ApiClient.PATH, null);
        api.call("GET", ApiClient.PATH, null, "Authorization", "Bearer " + TOKEN.replace('3', '4'));
        api.call("POST", ApiClient.PATH, "{\"pipeline\": \"spark\"}", "Content-Type", "application/json",
                "Authorization", "Bearer " + TOKEN);
        api.call("GET", ApiClient.PATH + "?jobId=dbt-1710460800000-abc123", null, "Authorization", "Bearer " + TOKEN);

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("token=- method=GET outcome=401 error=\"" + BearerTokenFilter.MISSING.replace("\"", "\\\"") + "\"");
        assertThat(lines.get(1)).contains("token=- method=GET outcome=401");
        assertThat(lines.get(2)).contains("token=" + ApiTokens.fingerprint(TOKEN), "method=POST outcome=400",
                "error=\"Field 'pipeline' must be one of");
        assertThat(lines.get(3)).contains("method=GET outcome=404 jobId=dbt-1710460800000-abc123");
        assertThat(String.join("\n", lines)).doesNotContain(TOKEN, TOKEN.replace('3', '4'));
    }

    @Test
    void successfulPollsAreNotLogged() {
        api.call("GET", ApiClient.PATH, null, "Authorization", "Bearer " + TOKEN);

        assertThat(lines).isEmpty();
    }

    @Test
    void whatTheClientSentCannotBreakTheLineOrForgeAnother() {
        api.call("POST", ApiClient.PATH, "{\"pipeline\": \"dbt\", \"x\\n time=forged\\u001b[31m\": 1}",
                "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN);
        api.call("GET", ApiClient.PATH + "?jobId=%0Atime%3Dforged", null, "Authorization", "Bearer " + TOKEN);

        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).doesNotContain("\n", "\u001b"));
        assertThat(lines.get(1)).doesNotContain("jobId=");
    }
}
