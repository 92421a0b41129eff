package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobNotFoundException;
import io.pipelinetrigger.core.domain.LogPage;
import io.pipelinetrigger.core.domain.LogWindow;
import io.pipelinetrigger.core.domain.OutputSanitizer;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.in.ReadLogCommand;
import io.pipelinetrigger.core.port.in.ReadLogQuery;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.OutputArchive;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a job's log from the archive. The whole log is the steps' archives one after the other in pipeline
 * order: steps run one at a time, so a step's archive is final before the next one's begins, and an offset into
 * the whole log means the same bytes on every call.
 */
final class ReadLogService implements ReadLogQuery {

    private final JobRepository repository;
    private final OutputArchive archive;
    private final OutputSanitizer sanitizer;

    ReadLogService(JobRepository repository, OutputArchive archive, OutputSanitizer sanitizer) {
        this.repository = repository;
        this.archive = archive;
        this.sanitizer = sanitizer;
    }

    @Override
    public LogPage readLog(ReadLogCommand command) {
        Job job = repository.findById(command.jobId()).orElseThrow(() -> new JobNotFoundException(command.jobId()));
        List<StepName> steps = job.spec().pipeline().steps();
        boolean live = !job.status().isTerminal();
        if (command.step().isPresent()) {
            StepName step = command.step().get();
            if (!steps.contains(step)) {
                throw new InvalidRequestException("Job " + job.id() + " has no step " + step.wireName() + "; its steps are "
                        + steps.stream().map(StepName::wireName).collect(Collectors.joining(", ")) + ".");
            }
            steps = List.of(step);
            live = live && !job.step(step).status().isTerminal();
        }
        // sizes first: bytes appended after this point belong to the next page
        long[] sizes = steps.stream().mapToLong(step -> archive.bytesKept(job.id(), step)).toArray();
        long total = Arrays.stream(sizes).sum();
        List<StepName> parts = steps;
        return LogWindow.page((from, length) -> read(job, parts, sizes, from, length), total, live,
                command.offset(), command.limit(), sanitizer);
    }

    /** {@code length} bytes from {@code from} of the steps' archives joined. */
    private byte[] read(Job job, List<StepName> steps, long[] sizes, long from, int length) {
        long stepStart = 0;
        for (int i = 0; i < steps.size(); i++) {
            long stepEnd = stepStart + sizes[i];
            if (from >= stepStart && from < stepEnd && from + length <= stepEnd) {
                // within one step's archive (nearly every read): the archive's own array, not a copy of it
                byte[] part = archive.read(job.id(), steps.get(i), from - stepStart, length);
                return part.length == length ? part : Arrays.copyOf(part, length);
            }
            stepStart = stepEnd;
        }
        byte[] bytes = new byte[length];
        int filled = 0;
        long partStart = 0;
        for (int i = 0; i < steps.size() && filled < length; i++) {
            long partEnd = partStart + sizes[i];
            long position = from + filled;
            if (position < partEnd) {
                int wanted = (int) Math.min(length - filled, partEnd - position);
                byte[] part = archive.read(job.id(), steps.get(i), position - partStart, wanted);
                System.arraycopy(part, 0, bytes, filled, part.length);
                filled += part.length;
                if (part.length < wanted) {
                    break; // the archive holds less than it said: leave the rest zero rather than guess
                }
            }
            partStart = partEnd;
        }
        return bytes;
    }
}
