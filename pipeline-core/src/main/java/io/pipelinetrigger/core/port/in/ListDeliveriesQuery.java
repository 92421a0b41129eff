package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.port.out.Delivery;

import java.util.List;

/** The webhook delivery log of one job: every message and each of its attempts (docs/webhooks.md). */
public interface ListDeliveriesQuery {

    /**
     * Oldest first; a job still known but with nothing to deliver has none.
     *
     * @throws io.pipelinetrigger.core.domain.JobNotFoundException when the job is unknown or expired and no
     *                                                             message of it is kept either
     */
    List<Delivery> deliveries(JobId id);
}
