package io.pipelinetrigger.core.filearchive;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.LogStream;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.OutputArchive;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Keeps each step's whole output in {@code <directory>/<jobId>/<step>.log}, stdout and stderr interleaved as
 * they arrived. Every chunk is written straight to the file (no buffer in the JVM), so what a killed server had
 * received is on disk for the restart. Job ids are validated, so they are safe as directory names.
 */
public final class FileOutputArchive implements OutputArchive {

    private static final System.Logger LOG = System.getLogger(FileOutputArchive.class.getName());
    private static final int REPLAY_CHUNK_BYTES = 64 * 1024;

    private final Path directory;

    public FileOutputArchive(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output archive directory " + directory, e);
        }
    }

    public Path fileOf(JobId job, StepName step) {
        return directory.resolve(job.value()).resolve(step.wireName() + ".log");
    }

    @Override
    public StepOutputWriter open(JobId job, StepName step) {
        Path file = fileOf(job, step);
        try {
            Files.createDirectories(file.getParent());
            // a plain FileOutputStream rather than Files.newOutputStream's channel: the same one write(2) per chunk,
            // from a short native path instead of the channel's layers (docs/performance.md, "The output path")
            OutputStream out = new FileOutputStream(file.toFile(), true);
            return new FileWriter(job, file, out);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "job " + job + ": cannot archive the output of step "
                    + step.wireName() + " in " + file + "; only the tail is kept", e);
            return OutputArchive.NONE.open(job, step);
        }
    }

    @Override
    public long bytesKept(JobId job, StepName step) {
        try {
            return Files.size(fileOf(job, step));
        } catch (IOException missing) {
            return 0;
        }
    }

    @Override
    public boolean replay(JobId job, StepName step, LogSink sink) {
        try (InputStream in = Files.newInputStream(fileOf(job, step))) {
            byte[] buffer = new byte[REPLAY_CHUNK_BYTES];
            int read;
            while ((read = in.read(buffer)) != -1) {
                sink.accept(new LogChunk(step, LogStream.STDOUT, buffer, 0, read));
            }
            return true;
        } catch (NoSuchFileException missing) {
            return false;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "job " + job + ": cannot read the archived output of step " + step.wireName(), e);
            return false;
        }
    }

    @Override
    public byte[] read(JobId job, StepName step, long offset, int limit) {
        try (FileChannel file = FileChannel.open(fileOf(job, step), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, Math.min(limit, file.size() - offset)));
            while (buffer.hasRemaining() && file.read(buffer, offset + buffer.position()) > 0) {
                // a positional read may return fewer bytes than asked; go on until the buffer is full
            }
            return buffer.position() == buffer.capacity() ? buffer.array()
                    : java.util.Arrays.copyOf(buffer.array(), buffer.position());
        } catch (NoSuchFileException missing) {
            return new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the archived output of step " + step.wireName()
                    + " of job " + job, e);
        }
    }

    @Override
    public void delete(JobId job) {
        Path jobDirectory = directory.resolve(job.value());
        if (!Files.exists(jobDirectory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(jobDirectory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "job " + job + ": cannot delete its archived output in " + jobDirectory, e);
        }
    }

    /** Appends chunks to one step's file; a failed write is logged once and the tail still gets everything. */
    private static final class FileWriter implements StepOutputWriter {
        private final JobId job;
        private final Path file;
        private final OutputStream out;
        private boolean broken;

        FileWriter(JobId job, Path file, OutputStream out) {
            this.job = job;
            this.file = file;
            this.out = out;
        }

        @Override
        public synchronized void accept(LogChunk chunk) {
            if (broken) {
                return;
            }
            try {
                // each chunk straight to the file, unbuffered: it is as large as the runner read (64 KiB when a
                // step prints fast), and what the server received is on disk if it is killed (docs/performance.md)
                chunk.writeTo(out);
            } catch (IOException e) {
                broken = true;
                LOG.log(System.Logger.Level.WARNING, "job " + job + ": archiving output to " + file + " failed; only the tail is kept from here", e);
            }
        }

        @Override
        public synchronized void close() {
            try {
                out.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "job " + job + ": closing " + file + " failed", e);
            }
        }
    }
}
