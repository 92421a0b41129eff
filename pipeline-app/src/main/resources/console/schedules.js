// The schedules page (on servers that have schedules): each with its next and last run.
import { json, P } from './api.js';
import { el, show, time } from './dom.js';

function request(schedule) {
  const body = schedule.request || {};
  const parts = [body.pipeline, body.pipeline !== 'ingester' ? body.command : null];
  if (body.enableOpenlineage === false) parts.push('no lineage');
  if (body.enableElementary === false) parts.push('no report');
  return parts.filter(Boolean).join(' · ');
}

export function renderSchedules(main) {
  const body = el('tbody');
  const error = el('p', { class: 'error', role: 'alert' });
  show(main, el('div', { class: 'page-head' }, el('h1', { text: 'Schedules' })), error,
    el('div', { class: 'table-wrap' }, el('table', { class: 'runs' },
      el('caption', { class: 'visually-hidden', text: 'Schedules with their next and last run' }),
      el('thead', {}, el('tr', {}, ['Name', 'Cron', 'Time zone', 'Runs', 'Next run', 'Last run']
        .map((title) => el('th', { scope: 'col', text: title })))),
      body)));
  json(`${P}/schedules`).then((answer) => {
    const schedules = answer.schedules || [];
    show(body, schedules.length ? schedules.map((s) => el('tr', {},
      el('td', { 'data-label': 'Name', text: s.name }),
      el('td', { 'data-label': 'Cron', class: 'mono', text: s.cron }),
      el('td', { 'data-label': 'Time zone', text: s.timeZone }),
      el('td', { 'data-label': 'Runs', text: request(s) }),
      el('td', { 'data-label': 'Next run' }, time(s.nextRunAt)),
      el('td', { 'data-label': 'Last run' }, time(s.lastRunAt), s.lastJobId ? ' ' : null,
        s.lastJobId ? el('a', { href: `#/run/${encodeURIComponent(s.lastJobId)}`, class: 'mono', text: s.lastJobId }) : null)))
      : el('tr', {}, el('td', { colspan: 6, class: 'empty', text: 'No schedules are configured.' })));
  }).catch((failure) => { error.textContent = failure.message; });
  return () => {};
}
