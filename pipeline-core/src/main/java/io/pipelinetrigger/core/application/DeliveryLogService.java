package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobNotFoundException;
import io.pipelinetrigger.core.port.in.ListDeliveriesQuery;
import io.pipelinetrigger.core.port.out.Delivery;
import io.pipelinetrigger.core.port.out.DeliveryOutbox;
import io.pipelinetrigger.core.port.out.JobRepository;

import java.util.List;

/** Reads the outbox for {@code GET .../deliveries}; messages outlive their job, since retries last a day. */
final class DeliveryLogService implements ListDeliveriesQuery {

    private final JobRepository repository;
    private final DeliveryOutbox outbox;

    DeliveryLogService(JobRepository repository, DeliveryOutbox outbox) {
        this.repository = repository;
        this.outbox = outbox;
    }

    @Override
    public List<Delivery> deliveries(JobId id) {
        List<Delivery> deliveries = outbox.deliveriesOf(id);
        if (deliveries.isEmpty() && repository.findById(id).isEmpty()) {
            throw new JobNotFoundException(id);
        }
        return deliveries;
    }
}
