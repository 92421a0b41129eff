package io.pipelinetrigger.core.filearchive;

import io.pipelinetrigger.core.fixtures.OutputArchiveContract;
import io.pipelinetrigger.core.port.out.OutputArchive;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The archive contract on files in one directory; another server's archive is another instance over it. */
class FileOutputArchiveContractTest extends OutputArchiveContract {

    @TempDir
    Path directory;

    private FileOutputArchive archive;

    @Override
    protected OutputArchive archive() {
        if (archive == null) {
            archive = new FileOutputArchive(directory);
        }
        return archive;
    }

    @Override
    protected OutputArchive anotherServersArchive() {
        return new FileOutputArchive(directory);
    }
}
