package io.pipelinetrigger.core.inmemory;

import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.JobRepositoryContract;

class InMemoryJobRepositoryTest extends JobRepositoryContract {

    @Override
    protected JobRepository emptyRepository() {
        return new InMemoryJobRepository();
    }
}
