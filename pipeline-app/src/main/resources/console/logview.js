// Following a run's log: the /events stream read with fetch (the token travels in a header, which EventSource
// cannot send), resumed from the last log event's id after a dropped connection; where the server has no
// /events, pages of /log polled by offset. Either way the text is handed on exactly as the server sent it.
import { call, errorOf, P, query } from './api.js';
import { parseEvents } from './sse.js';

const RETRY_MS = 1000;
const POLL_MS = 1000;
// the stream escapes a carriage return (an SSE line break) as these four characters; /log sends it raw
const ESCAPED_CR = '\\x0d';

function pause(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

/** One page of /log from offset: { text, nextOffset, more }. */
async function logPage(jobId, offset, signal) {
  const response = await call(`${P}/log${query({ jobId, offset })}`, { signal });
  if (!response.ok) throw new Error(await errorOf(response));
  const text = await response.text();
  const nextOffset = Number(response.headers.get('X-Log-Next-Offset'));
  return {
    text,
    nextOffset: Number.isFinite(nextOffset) ? nextOffset : offset,
    more: response.headers.get('X-Log-More') === 'true',
  };
}

/**
 * Follows the log of jobId from byte 0. handlers: text(string) for new log text, step(view) and end(view)
 * for the stream's step and end events (with polling: end(null) once the log is complete), problem(sentence|null),
 * source('events'|'log') saying which way the log is read. Returns a function that stops following.
 */
export function followLog(jobId, handlers) {
  const controller = new AbortController();
  const { signal } = controller;
  let offset = 0; // where the next log byte starts: the id of the last log event, or /log's X-Log-Next-Offset
  let useEvents = true;

  /** Reads /log pages from offset up to (at least) upTo: the exact text of a stream page that held a `\x0d`. */
  async function catchUp(upTo) {
    while (offset < upTo) {
      const page = await logPage(jobId, offset, signal);
      if (page.nextOffset <= offset) return;
      offset = page.nextOffset;
      if (page.text) handlers.text(page.text);
    }
  }

  /**
   * One connection to /events; 'end', 'resume' (dropped: read on from offset), 'again' (connect again at once, at
   * the offset /log reached) or 'poll' (no stream on this server).
   */
  async function viaEvents() {
    // the same URL on every connection; the header says where this reader stands (the server prefers it)
    const response = await call(`${P}/events${query({ jobId })}`, {
      signal, headers: { Accept: 'text/event-stream', 'Last-Event-ID': String(offset) },
    });
    if (response.status === 404 || response.status === 405) return 'poll'; // no stream here (or no such job: /log says)
    if (!response.ok) throw new Error(await errorOf(response));
    const type = response.headers.get('Content-Type') || '';
    if (!type.startsWith('text/event-stream') || !response.body) return 'poll';
    handlers.source('events');
    handlers.problem(null);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for await (const event of parseEvents(reader)) {
        if (event.type === 'log') {
          const next = /^\d+$/.test(event.id) ? Number(event.id) : offset;
          if (event.data.includes(ESCAPED_CR)) {
            // the escape cannot be told from those four characters written by the step: take /log's exact text
            await catchUp(next);
            if (offset !== next) return 'again'; // /log read past this event: stream on from where it ended
          } else {
            if (event.data) handlers.text(event.data);
            offset = next;
          }
        } else if (event.type === 'step') {
          handlers.step(JSON.parse(event.data));
        } else if (event.type === 'end') {
          handlers.end(JSON.parse(event.data));
          return 'end';
        }
      }
    } finally {
      reader.cancel().catch(() => {});
    }
    return 'resume'; // closed without an end event
  }

  async function viaLog() {
    handlers.source('log');
    for (;;) {
      const page = await logPage(jobId, offset, signal);
      handlers.problem(null);
      offset = page.nextOffset;
      if (page.text) handlers.text(page.text);
      if (!page.more) {
        handlers.end(null);
        return 'end';
      }
      if (!page.text) await pause(POLL_MS, signal);
      if (signal.aborted) return 'end';
    }
  }

  (async () => {
    while (!signal.aborted) {
      try {
        const next = useEvents ? await viaEvents() : await viaLog();
        if (next === 'end') return;
        if (next === 'poll') useEvents = false;
        if (next === 'poll' || next === 'again') continue;
        handlers.problem('The log stream closed early; resuming…');
      } catch (failure) {
        if (signal.aborted) return;
        handlers.problem(`The log connection dropped (${failure.message}); resuming…`);
      }
      await pause(RETRY_MS, signal);
    }
  })();
  return () => controller.abort();
}

/** The whole log, page after page of /log, as one string. */
export async function wholeLog(jobId) {
  let offset = 0;
  let text = '';
  for (;;) {
    const response = await call(`${P}/log${query({ jobId, offset })}`);
    if (!response.ok) throw new Error(await errorOf(response));
    const page = await response.text();
    const nextOffset = Number(response.headers.get('X-Log-Next-Offset'));
    text += page;
    if (!page || !Number.isFinite(nextOffset) || nextOffset <= offset) return text;
    offset = nextOffset;
  }
}
