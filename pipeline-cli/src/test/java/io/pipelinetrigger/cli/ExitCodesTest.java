package io.pipelinetrigger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExitCodesTest {

    private static JobView job(String status, String outcome, int exitCode) throws Exception {
        return JobView.of(new ObjectMapper().readTree(FakeApiServer.view("j", status, outcome, exitCode)));
    }

    @Test
    void eachOutcomeHasItsCode() throws Exception {
        assertThat(ExitCodes.forJob(job("completed", "succeeded", 0))).isEqualTo(0);
        assertThat(ExitCodes.forJob(job("failed", "errored", 3))).isEqualTo(3);
        assertThat(ExitCodes.forJob(job("failed", "errored", 255))).isEqualTo(255);
        assertThat(ExitCodes.forJob(job("failed", "timed_out", -1))).isEqualTo(124);
        assertThat(ExitCodes.forJob(job("cancelled", "cancelled", -1))).isEqualTo(130);
        assertThat(ExitCodes.forJob(job("failed", "failed", -1))).isEqualTo(70);
    }

    @Test
    void anErroredRunWithACodeNoProcessHasNeverReadsAsSuccess() throws Exception {
        assertThat(ExitCodes.forJob(job("failed", "errored", 0))).isEqualTo(70);
        assertThat(ExitCodes.forJob(job("failed", "errored", 300))).isEqualTo(70);
    }

    @Test
    void aServerWithoutOutcomeIsReadFromStatusAndExitCode() throws Exception {
        assertThat(ExitCodes.forJob(job("completed", null, 0))).isEqualTo(0);
        assertThat(ExitCodes.forJob(job("failed", null, 2))).isEqualTo(2);
        assertThat(ExitCodes.forJob(job("failed", null, -1))).isEqualTo(70);
        assertThat(ExitCodes.forJob(job("cancelled", null, -1))).isEqualTo(130);
        JobView timedOut = JobView.of(new ObjectMapper().readTree(FakeApiServer.view("j", "failed", null, 143)
                .replace("\"error\":null", "\"error\":\"Step ingester timed out after 1s.\"")));
        assertThat(ExitCodes.forJob(timedOut)).isEqualTo(124);
    }

    @Test
    void eachRefusalHasItsCode() {
        assertThat(ExitCodes.forRefusal(400)).isEqualTo(64);
        assertThat(ExitCodes.forRefusal(401)).isEqualTo(77);
        assertThat(ExitCodes.forRefusal(403)).isEqualTo(77);
        assertThat(ExitCodes.forRefusal(409)).isEqualTo(75);
        assertThat(ExitCodes.forRefusal(500)).isEqualTo(69);
        assertThat(ExitCodes.forRefusal(503)).isEqualTo(69);
    }
}
