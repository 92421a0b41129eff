package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.port.in.TriggerAnswer;

/** The view a trigger answers with: the new, attached or queued job (docs/api.md, "When the pipeline is busy"). */
final class TriggerAnswers {

    private TriggerAnswers() {
    }

    static JobResponse view(TriggerAnswer answer) {
        Job job = answer.job();
        if (job.status() == JobStatus.QUEUED) {
            JobResponse queued = JobResponse.withOutput(job, "Pipeline \"" + job.spec().pipeline().wireName()
                    + "\" queued: it starts when the active run has ended.");
            return answer.queuePosition().isPresent() ? queued.withQueuePosition(answer.queuePosition().getAsInt()) : queued;
        }
        if (answer.attached()) {
            return JobResponse.of(job);
        }
        return job.status().isTerminal() ? JobResponse.of(job) : JobResponse.accepted(job);
    }
}
