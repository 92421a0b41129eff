package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.port.in.GetJobQuery;
import io.pipelinetrigger.core.port.in.TriggerAnswer;

import java.util.OptionalInt;

/** The view a trigger answers with: the new, attached or queued job (docs/api.md, "When the pipeline is busy"). */
final class TriggerAnswers {

    private TriggerAnswers() {
    }

    /** A poll's view of a queued job also shows where it waits. */
    static JobResponse withQueuePosition(Job job, JobResponse view, GetJobQuery queries) {
        if (job.status() != JobStatus.QUEUED) {
            return view;
        }
        OptionalInt position = queries.queuePosition(job.id());
        return position.isPresent() ? view.withQueuePosition(position.getAsInt()) : view;
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
