package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogPage;
import io.pipelinetrigger.core.port.in.ReadLogCommand;
import io.pipelinetrigger.core.port.in.ReadLogQuery;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The archive's pages as {@code log} frames, the most recently read ones kept for other followers
 * (docs/architecture.md, "The event stream"). Followers that catch up from the archive read pages that end on
 * multiples of the page size, so however they fell behind, their reads meet after one page and the ones that
 * follow each other read, clean and frame a page once between them instead of once each.
 */
final class SharedPages {

    /** A page: its frame (empty when the read found nothing new), where the next one starts, and whether more comes. */
    record Page(Optional<SseFrame> frame, long nextOffset, boolean more) {
    }

    private record Key(JobId id, long from, int limit) {
    }

    /** The most bytes one UTF-8 character takes. */
    private static final int LONGEST_CHARACTER = 4;

    private final ReadLogQuery logs;
    private final int pageBytes;
    private final long keptBytes;
    private final Map<Key, Page> kept = new LinkedHashMap<>(64, 0.75f, true);
    private long keptSize;

    SharedPages(ReadLogQuery logs, int pageBytes, long keptBytes) {
        this.logs = logs;
        this.pageBytes = pageBytes;
        this.keptBytes = keptBytes;
    }

    /**
     * The page from {@code from}, ending at the next multiple of the page size or at {@code until}, if sooner.
     * A page of fewer bytes than a UTF-8 character could end inside one, so such a page takes a whole page size.
     */
    Page read(JobId id, long from, long until) {
        int toBoundary = (int) (pageBytes - from % pageBytes);
        int limit = (int) Math.min(toBoundary < LONGEST_CHARACTER ? pageBytes : toBoundary, until - from);
        Key key = new Key(id, from, limit);
        Optional<Page> known = known(key);
        if (known.isPresent()) {
            return known.get();
        }
        LogPage read = logs.readLog(new ReadLogCommand(id, Optional.empty(), from, limit));
        if (read.nextOffset() == from) {
            // nothing new yet: not kept, the next read may find more
            return new Page(Optional.empty(), from, read.more());
        }
        Page page = new Page(Optional.of(SseFrame.log(read)), read.nextOffset(), read.more());
        keep(key, page);
        return page;
    }

    private synchronized Optional<Page> known(Key key) {
        return Optional.ofNullable(kept.get(key));
    }

    private synchronized void keep(Key key, Page page) {
        Page replaced = kept.put(key, page);
        keptSize += size(page) - (replaced == null ? 0 : size(replaced));
        Iterator<Page> oldest = kept.values().iterator();
        while (keptSize > keptBytes && oldest.hasNext()) {
            keptSize -= size(oldest.next());
            oldest.remove();
        }
    }

    private static long size(Page page) {
        return page.frame().map(frame -> frame.bytes().length).orElse(0);
    }
}
