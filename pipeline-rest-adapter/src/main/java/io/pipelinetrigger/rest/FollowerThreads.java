package io.pipelinetrigger.rest;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Makes the followers' threads, at the lowest CPU priority (docs/architecture.md, "The event stream"): a step that
 * prints fast gets the cores before the followers watching it, who catch up once it is done. On Linux the priority
 * (nice) belongs to each thread and a new thread inherits its maker's, so one maker thread lowers its own once, with
 * {@code renice} (lowering needs no privilege), and makes every follower's thread; the hub readers those start
 * inherit it too. Where that cannot be done the followers run at normal priority, bounded by the write turns alone.
 */
final class FollowerThreads {

    private static final System.Logger LOG = System.getLogger(FollowerThreads.class.getName());
    /** The lowest priority on Linux. */
    private static final int NICE = 19;

    private final ExecutorService maker = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "pipeline-follower-maker");
        thread.setDaemon(true);
        return thread;
    });
    /** Only read and written on the maker's thread. */
    private boolean lowered;
    private long made;

    /** Starts {@code work} on a new daemon thread named {@code name-N}, at the followers' priority. */
    void start(String name, Runnable work) {
        maker.execute(() -> {
            if (!lowered) {
                lowered = true;
                lowerOwnPriority();
            }
            Thread thread = new Thread(work, name + "-" + ++made);
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static void lowerOwnPriority() {
        try {
            // "<pid>/task/<tid>": the kernel's id of this very thread
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(NICE), "-p", tid)
                    .redirectErrorStream(true).start();
            String said = new String(renice.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!renice.waitFor(10, TimeUnit.SECONDS) || renice.exitValue() != 0) {
                LOG.log(Level.WARNING, "Followers of event streams run at normal CPU priority: renice said " + said);
            }
        } catch (IOException | UnsupportedOperationException notLinux) {
            LOG.log(Level.INFO, "Followers of event streams run at normal CPU priority (" + notLinux + ")");
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }
}
