// The runs page: the history, newest first, filtered (on the server where it filters, and here either way).
import { json, P, query } from './api.js';
import { badge, duration, el, flagsText, isActive, seconds, show, stateOf, time } from './dom.js';

const FILTERS = {
  status: ['running', 'queued', 'completed', 'failed', 'cancelled'],
  pipeline: ['ingester', 'dbt', 'full'],
  outcome: ['succeeded', 'errored', 'failed', 'timed_out', 'cancelled'],
};
const PAGE = 50;
const filters = { status: '', pipeline: '', outcome: '' }; // kept while the tab lives

function matches(job) {
  return Object.entries(filters).every(([name, wanted]) => !wanted || job[name] === wanted);
}

/** A bar per step, each as long as the step took (a pending or skipped step gets a sliver). */
export function stepBar(job) {
  const bar = el('span', { class: 'stepbar', role: 'img' });
  const words = [];
  for (const step of job.steps || []) {
    const length = Math.max(seconds(step.startedAt, step.finishedAt), 1);
    const segment = el('span', { class: `segment step-${step.status}${step.exitCode ? ' nonzero' : ''}` });
    segment.style.flexGrow = String(length);
    segment.title = `${step.name}: ${step.status}${step.exitCode !== null && step.exitCode !== undefined ? `, exit ${step.exitCode}` : ''}`;
    bar.append(segment);
    words.push(segment.title);
  }
  bar.setAttribute('aria-label', words.join('; ') || 'no steps');
  return bar;
}

function row(job) {
  const link = el('a', { href: `#/run/${encodeURIComponent(job.jobId)}`, class: 'mono', text: job.jobId });
  const exit = job.status === 'running' || job.status === 'queued' ? '—' : String(job.exitCode);
  return el('tr', { class: `run state-row-${stateOf(job)}` },
    el('td', { 'data-label': 'State' }, badge(stateOf(job))),
    el('td', { 'data-label': 'Run' }, link),
    el('td', { 'data-label': 'Pipeline', text: job.pipeline }),
    el('td', { 'data-label': 'Command', text: job.pipeline === 'ingester' ? '—' : job.command }),
    el('td', { 'data-label': 'Flags', text: flagsText(job) }),
    el('td', { 'data-label': 'Trigger', text: job.trigger || 'api' }),
    el('td', { 'data-label': 'Started' }, time(job.startedAt || job.createdAt)),
    el('td', { 'data-label': 'Duration', text: duration(job.startedAt, job.finishedAt) }),
    el('td', { 'data-label': 'Exit', class: 'num', text: exit }),
    el('td', { 'data-label': 'Steps' }, stepBar(job)));
}

function select(name, label) {
  const control = el('select', { id: `filter-${name}`, name },
    el('option', { value: '', text: 'Any' }),
    FILTERS[name].map((value) => el('option', { value, text: value.replace('_', ' ') })));
  control.value = filters[name];
  return el('div', { class: 'field' }, el('label', { for: control.id, text: label }), control);
}

export function renderRuns(main) {
  let timer = null;
  let stopped = false;
  let jobs = [];
  let next = null;
  const body = el('tbody');
  const status = el('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  const error = el('p', { class: 'error', role: 'alert' });
  const more = el('button', { type: 'button', class: 'secondary', hidden: true, text: 'Load older runs' });
  const form = el('form', { class: 'filters', 'aria-label': 'Filter runs' },
    select('status', 'Status'), select('pipeline', 'Pipeline'), select('outcome', 'Outcome'));

  show(main,
    el('div', { class: 'page-head' },
      el('h1', { text: 'Runs' }),
      el('a', { class: 'button primary', href: '#/start', text: 'Start a run' })),
    form, error,
    el('div', { class: 'table-wrap' },
      el('table', { class: 'runs' },
        el('caption', { class: 'visually-hidden', text: 'Pipeline runs, newest first' }),
        el('thead', {}, el('tr', {}, ['State', 'Run', 'Pipeline', 'Command', 'Flags', 'Trigger', 'Started',
          'Duration', 'Exit', 'Steps'].map((title) => el('th', { scope: 'col', text: title })))),
        body)),
    more, status);

  const rows = new Map(); // jobId -> its <tr>, kept (focus, a reader's place) while the run shows the same
  function rowOf(job) {
    const key = JSON.stringify(job) + duration(job.startedAt, job.finishedAt);
    const kept = rows.get(job.jobId);
    if (kept && kept.dataset.shown === key) return kept;
    const fresh = row(job);
    fresh.dataset.shown = key;
    if (kept && kept.isConnected) kept.replaceWith(fresh);
    rows.set(job.jobId, fresh);
    return fresh;
  }

  function draw() {
    const shown = jobs.filter(matches).sort((a, b) => (b.createdAt || '').localeCompare(a.createdAt || ''));
    const wanted = shown.map(rowOf);
    const same = wanted.length > 0 && wanted.length === body.children.length && wanted.every((tr, index) => body.children[index] === tr);
    if (!same) {
      show(body, wanted.length ? wanted
        : el('tr', {}, el('td', { colspan: 10, class: 'empty', text: 'No runs match. Start one, or change the filters.' })));
    }
    more.hidden = !next;
    status.textContent = `${shown.length} run${shown.length === 1 ? '' : 's'} shown`;
  }

  async function load(older = false) {
    clearTimeout(timer);
    try {
      const page = await json(P + query({ ...filters, limit: PAGE, output: 'false', before: older ? next : null }));
      jobs = older ? jobs.concat(page.jobs || []) : (page.jobs || []);
      next = page.next || null;
      error.textContent = '';
      draw();
    } catch (failure) {
      error.textContent = failure.message;
    }
    if (!stopped) timer = setTimeout(() => load(), jobs.some(isActive) ? 2000 : 30000);
  }

  form.addEventListener('change', (event) => {
    filters[event.target.name] = event.target.value;
    load();
  });
  more.addEventListener('click', () => load(true));
  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
