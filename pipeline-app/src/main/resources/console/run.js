// The run page: the job view, its step timeline, the live log (following the tail unless the reader scrolled
// up), the whole log as a download, and cancel after a confirmation.
import { json, P, query } from './api.js';
import { badge, duration, el, flagsText, isActive, show, stateOf, time } from './dom.js';
import { followLog, wholeLog } from './logview.js';
import { stepBar } from './runs.js';

function detail(term, value) {
  return [el('dt', { text: term }), el('dd', {}, value)];
}

function timeline(job) {
  return el('ol', { class: 'timeline', 'aria-label': 'Steps' }, (job.steps || []).map((step) =>
    el('li', { class: `step step-${step.status}` },
      el('div', { class: 'step-head' },
        el('strong', { text: step.name }), badge(step.status),
        step.exitCode !== null && step.exitCode !== undefined ? el('span', { class: 'muted', text: `exit ${step.exitCode}` }) : null),
      el('div', { class: 'step-times muted' }, time(step.startedAt), ' → ', time(step.finishedAt),
        step.startedAt ? ` (${duration(step.startedAt, step.finishedAt)})` : ''),
      step.reason ? el('p', { class: 'muted', text: step.reason }) : null)));
}

function summary(job) {
  return el('dl', { class: 'details' },
    detail('Pipeline', job.pipeline),
    detail('Command', job.pipeline === 'ingester' ? '—' : job.command),
    detail('Flags', flagsText(job)),
    detail('Trigger', job.trigger || 'api'),
    detail('Created', time(job.createdAt)),
    detail('Started', time(job.startedAt)),
    detail('Finished', time(job.finishedAt)),
    detail('Duration', duration(job.startedAt, job.finishedAt)),
    detail('Exit code', isActive(job) ? '—' : String(job.exitCode)),
    job.queuePosition ? detail('Queue position', String(job.queuePosition)) : null);
}

function confirmCancel(jobId) {
  const dialog = document.getElementById('confirm-dialog');
  document.getElementById('confirm-text').textContent =
    `${jobId} gets a stop signal; a step still running is killed after the stop grace.`;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
  });
}

export function renderRun(main, jobId) {
  let stopped = false;
  let stopLog = () => {};
  let refresh = null;
  let follow = true;
  const head = el('div', { class: 'page-head' });
  const error = el('p', { class: 'error', role: 'alert' });
  const facts = el('section', { class: 'card', 'aria-label': 'Run details' });
  const steps = el('section', { class: 'card', 'aria-label': 'Step timeline' });
  const log = el('pre', { class: 'log', id: 'log', tabindex: '0', role: 'log', 'aria-live': 'off', 'aria-label': 'Log' });
  const logState = el('span', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  const tail = el('button', { type: 'button', class: 'secondary', hidden: true, text: 'Follow the tail' });
  const download = el('button', { type: 'button', class: 'secondary', text: 'Download the whole log' });
  const cancel = el('button', { type: 'button', class: 'danger', hidden: true, text: 'Cancel run' });

  show(main, el('p', { class: 'crumbs' }, el('a', { href: '#/runs', text: '← Runs' })), head, error,
    el('div', { class: 'run-grid' }, facts, steps),
    el('section', { class: 'card log-card', 'aria-labelledby': 'log-title' },
      el('div', { class: 'log-head' }, el('h2', { id: 'log-title', text: 'Log' }), logState,
        el('div', { class: 'actions' }, tail, download)),
      log));

  function draw(job) {
    show(head, el('h1', { class: 'mono', text: job.jobId }), badge(stateOf(job)), stepBar(job), cancel);
    cancel.hidden = !isActive(job);
    show(facts, el('h2', { text: 'Details' }), summary(job),
      job.error ? el('p', { class: 'error', text: job.error }) : null);
    show(steps, el('h2', { text: 'Steps' }), timeline(job));
  }

  async function load() {
    clearTimeout(refresh);
    try {
      const job = await json(P + query({ jobId, output: 'false' }));
      draw(job);
      error.textContent = '';
      if (!stopped && isActive(job)) refresh = setTimeout(load, 2000);
    } catch (failure) {
      error.textContent = failure.message;
      if (!stopped && failure.status !== 404) refresh = setTimeout(load, 5000);
    }
  }

  log.addEventListener('scroll', () => {
    follow = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
    tail.hidden = follow;
  });
  tail.addEventListener('click', () => {
    follow = true;
    tail.hidden = true;
    log.scrollTop = log.scrollHeight;
  });
  download.addEventListener('click', async () => {
    try {
      const text = await wholeLog(jobId);
      const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
      const link = el('a', { href: url, download: `${jobId}.log` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (failure) {
      error.textContent = failure.message;
    }
  });
  cancel.addEventListener('click', async () => {
    if (!(await confirmCancel(jobId))) return;
    try {
      draw(await json(P + query({ jobId }), { method: 'DELETE' }));
    } catch (failure) {
      error.textContent = failure.message;
    }
    load();
  });

  logState.textContent = 'Following…';
  stopLog = followLog(jobId, {
    text(text) {
      log.append(document.createTextNode(text));
      if (follow) log.scrollTop = log.scrollHeight;
    },
    step() { load(); },
    end(job) {
      logState.textContent = 'Complete';
      log.dataset.complete = 'true';
      if (job) draw(job);
      load();
    },
    problem(sentence) {
      if (sentence) logState.textContent = sentence;
      else if (!log.dataset.complete) logState.textContent = 'Following…';
    },
  });
  load();
  return () => {
    stopped = true;
    clearTimeout(refresh);
    stopLog();
  };
}
