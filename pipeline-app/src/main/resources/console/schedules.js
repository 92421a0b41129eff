// The schedules page (on servers that have schedules): each with what it runs, its next and last run in the
// reader's time and in the schedule's own zone, and a link to the job it started last.
import { json, P } from './api.js';
import { el, showIfChanged, time } from './dom.js';

const REFRESH_MS = 30000;

function request(schedule) {
  const body = schedule.request || {};
  const parts = [body.pipeline, body.pipeline !== 'ingester' ? body.command : null];
  if (body.enableOpenlineage === false) parts.push('no lineage');
  if (body.enableElementary === false) parts.push('no report');
  if (body.enableOpenlineage === true) parts.push('lineage');
  if (body.enableElementary === true) parts.push('report');
  return parts.filter(Boolean).join(' · ');
}

/** What the schedule does when it fires: its busy policy and catch-up, where the server says them. */
function policy(schedule) {
  const parts = [];
  if (schedule.enabled === false) parts.push('paused');
  if (schedule.onBusy) parts.push(`when busy: ${schedule.onBusy}`);
  if (schedule.catchUp !== undefined && schedule.catchUp !== null) parts.push(`catch up: ${String(schedule.catchUp)}`);
  return parts.join(' · ') || '—';
}

/** What became of the last firing (started, queued, skipped and why), where the server says it. */
function lastResult(schedule) {
  if (!schedule.lastResult) return null;
  const why = schedule.lastSkipReason ? `: ${schedule.lastSkipReason}` : '';
  return el('span', { class: 'muted last-result', text: `${schedule.lastResult}${why}` });
}

const READER_ZONE = new Intl.DateTimeFormat().resolvedOptions().timeZone;

/** An instant as the reader's local time, and below it the same instant in the schedule's zone (when another). */
function when(iso, zone) {
  if (!iso || zone === READER_ZONE) return [time(iso)];
  let inZone = null;
  try {
    inZone = new Intl.DateTimeFormat(undefined, {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      timeZoneName: 'short',
    }).format(new Date(iso));
  } catch (unknownZone) {
    // a zone this browser does not know: the local time alone
  }
  return [time(iso), inZone ? el('span', { class: 'muted zone-time', text: ` (${inZone} in ${zone})` }) : null];
}

function row(s) {
  const last = s.lastJobId
    ? el('a', { href: `#/run/${encodeURIComponent(s.lastJobId)}`, class: 'mono', text: s.lastJobId })
    : el('span', { class: 'muted', text: 'none yet' });
  return el('tr', { class: s.enabled === false ? 'paused' : null },
    el('td', { 'data-label': 'Name' }, el('strong', { text: s.name })),
    el('td', { 'data-label': 'Cron', class: 'mono', text: s.cron }),
    el('td', { 'data-label': 'Time zone', text: s.timeZone }),
    el('td', { 'data-label': 'Runs', text: request(s) }),
    el('td', { 'data-label': 'Policy', text: policy(s) }),
    el('td', { 'data-label': 'Next run', class: 'next-run' }, when(s.enabled === false ? null : s.nextRunAt, s.timeZone)),
    el('td', { 'data-label': 'Last run', class: 'last-run' }, when(s.lastRunAt, s.timeZone), lastResult(s)),
    el('td', { 'data-label': 'Last job' }, last));
}

export function renderSchedules(main) {
  let stopped = false;
  let timer = null;
  const body = el('tbody');
  const error = el('p', { class: 'error', role: 'alert' });
  const status = el('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  main.replaceChildren(el('div', { class: 'page-head' }, el('h1', { text: 'Schedules' })), error,
    el('div', { class: 'table-wrap' }, el('table', { class: 'runs schedules' },
      el('caption', { class: 'visually-hidden', text: 'Schedules with their next and last run' }),
      el('thead', {}, el('tr', {}, ['Name', 'Cron', 'Time zone', 'Runs', 'Policy', 'Next run', 'Last run', 'Last job']
        .map((title) => el('th', { scope: 'col', text: title })))),
      body)), status);

  async function load() {
    try {
      const answer = await json(`${P}/schedules`);
      if (stopped) return;
      const schedules = Array.isArray(answer) ? answer : (answer.schedules || []);
      showIfChanged(body, JSON.stringify(schedules), schedules.length ? schedules.map(row)
        : el('tr', {}, el('td', { colspan: 8, class: 'empty', text: 'No schedules are configured.' })));
      status.textContent = `${schedules.length} schedule${schedules.length === 1 ? '' : 's'}; times in your zone (${READER_ZONE}), a schedule's own zone in brackets`;
      error.textContent = '';
    } catch (failure) {
      if (stopped) return;
      // a server without schedules answers 404: say so, and stop asking
      error.textContent = failure.status === 404 ? 'This server has no schedules.' : failure.message;
      if (failure.status === 404) return;
    }
    if (!stopped) timer = setTimeout(load, REFRESH_MS);
  }
  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
