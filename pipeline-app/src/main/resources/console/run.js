// The run page: the job view, its step timeline, the live log (following the tail unless the reader scrolled
// up), the whole log as a download, and cancel after a confirmation.
import { json, P, query } from './api.js';
import { badge, duration, el, flagsText, isActive, show, showIfChanged, stateOf, time } from './dom.js';
import { followLog, wholeLog } from './logview.js';
import { stepBar } from './runs.js';

const TERMS = ['Pipeline', 'Command', 'Flags', 'Trigger', 'Created', 'Started', 'Finished', 'Duration', 'Exit code',
  'Queue position'];

/** Each detail as [key, content]: the key says when its <dd> must be redrawn. */
function details(job) {
  const active = isActive(job);
  const at = (iso) => [iso || '', () => time(iso)];
  const text = (value) => [value, () => value];
  return {
    Pipeline: text(job.pipeline),
    Command: text(job.pipeline === 'ingester' ? '—' : job.command),
    Flags: text(flagsText(job)),
    Trigger: text(job.trigger || 'api'),
    Created: at(job.createdAt),
    Started: at(job.startedAt),
    Finished: at(job.finishedAt),
    Duration: text(duration(job.startedAt, job.finishedAt)),
    'Exit code': text(active ? '—' : String(job.exitCode)),
    'Queue position': text(job.queuePosition ? String(job.queuePosition) : ''),
  };
}

/** The step timeline: one <li> per step, kept while the step does not change (its running time ticks alone). */
function drawTimeline(list, job) {
  const steps = job.steps || [];
  while (list.children.length > steps.length) list.lastElementChild.remove();
  steps.forEach((step, index) => {
    let item = list.children[index];
    if (!item) item = list.appendChild(el('li', {}, el('div', { class: 'step-head' }), el('div', { class: 'step-times muted' }),
      el('p', { class: 'muted' })));
    const [head, times, reason] = item.children;
    item.className = `step step-${step.status}`;
    const hasExit = step.exitCode !== null && step.exitCode !== undefined;
    showIfChanged(head, `${step.name}|${step.status}|${step.exitCode}`, el('strong', { text: step.name }), badge(step.status),
      hasExit ? el('span', { class: 'muted', text: `exit ${step.exitCode}` }) : null);
    const took = step.startedAt ? ` (${duration(step.startedAt, step.finishedAt)})` : '';
    showIfChanged(times, `${step.startedAt}|${step.finishedAt}|${took}`, time(step.startedAt), ' → ', time(step.finishedAt), took);
    reason.textContent = step.reason || '';
    reason.hidden = !step.reason;
  });
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
  let refresh = null;
  let follow = true;
  let loading = false;
  let loadAgain = false;
  const state = el('span', { class: 'run-state', role: 'status', 'aria-live': 'polite', 'aria-label': 'Run status' });
  const bar = el('span', { class: 'run-bar' });
  const cancel = el('button', { type: 'button', class: 'danger', hidden: true, text: 'Cancel run' });
  const head = el('div', { class: 'page-head' }, el('h1', { class: 'mono', text: jobId }), state, bar, cancel);
  const error = el('p', { class: 'error', role: 'alert' });
  const problem = el('p', { class: 'error' });
  const dl = el('dl', { class: 'details' });
  const dd = {};
  for (const term of TERMS) {
    dd[term] = el('dd');
    dl.append(el('dt', { text: term }), dd[term]);
  }
  const facts = el('section', { class: 'card', 'aria-labelledby': 'details-title' },
    el('h2', { id: 'details-title', text: 'Details' }), dl, problem);
  const list = el('ol', { class: 'timeline', 'aria-labelledby': 'steps-title' });
  const steps = el('section', { class: 'card', 'aria-labelledby': 'steps-title' }, el('h2', { id: 'steps-title', text: 'Steps' }), list);
  // the log: one stable element, text appended as it comes (never re-rendered), its own label
  const log = el('pre', { class: 'log', id: 'log', tabindex: '0', role: 'log', 'aria-live': 'off', 'aria-labelledby': 'log-title' });
  const logState = el('span', { class: 'muted', id: 'log-state', role: 'status', 'aria-live': 'polite' });
  const tail = el('button', { type: 'button', class: 'secondary', hidden: true, text: 'Follow the tail' });
  const download = el('button', { type: 'button', class: 'secondary', text: 'Download the whole log' });

  show(main, el('p', { class: 'crumbs' }, el('a', { href: '#/runs', text: '← Runs' })), head, error,
    el('div', { class: 'run-grid' }, facts, steps),
    el('section', { class: 'card log-card', 'aria-labelledby': 'log-title' },
      el('div', { class: 'log-head' }, el('h2', { id: 'log-title', text: 'Log' }), logState,
        el('div', { class: 'actions' }, tail, download)),
      log));

  /** Brings the page to what job says, touching only the parts that changed. */
  function draw(job) {
    showIfChanged(state, stateOf(job), badge(stateOf(job)));
    showIfChanged(bar, JSON.stringify(job.steps || []) + (isActive(job) ? Date.now() : ''), stepBar(job));
    cancel.hidden = !isActive(job);
    for (const [term, [key, content]] of Object.entries(details(job))) {
      showIfChanged(dd[term], key, content());
      dd[term].hidden = !key;
      dd[term].previousElementSibling.hidden = !key;
    }
    problem.textContent = job.error || '';
    drawTimeline(list, job);
  }

  /** Reads the job view; a call while one is under way is folded into one more read after it. */
  async function load() {
    if (loading) {
      loadAgain = true;
      return;
    }
    loading = true;
    clearTimeout(refresh);
    try {
      const job = await json(P + query({ jobId, output: 'false' }));
      if (stopped) return;
      draw(job);
      error.textContent = '';
      if (isActive(job)) refresh = setTimeout(load, 2000);
    } catch (failure) {
      if (stopped) return;
      error.textContent = failure.message;
      if (failure.status !== 404) refresh = setTimeout(load, 5000);
    } finally {
      loading = false;
      if (loadAgain && !stopped) {
        loadAgain = false;
        load();
      }
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
    log.focus();
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
    const confirmed = await confirmCancel(jobId);
    cancel.focus(); // back where the keyboard was (the dialog gives the focus back too; this is explicit)
    if (!confirmed) return;
    try {
      draw(await json(P + query({ jobId }), { method: 'DELETE' }));
    } catch (failure) {
      error.textContent = failure.message;
    }
    load();
  });

  logState.textContent = 'Following…';
  const stopLog = followLog(jobId, {
    text(text) {
      log.append(text); // a text node: markup in the log stays characters
      if (follow) log.scrollTop = log.scrollHeight;
    },
    step() { load(); },
    end(job) {
      logState.textContent = 'Complete';
      log.dataset.complete = 'true';
      if (job && !stopped) draw(job);
      load();
    },
    problem(sentence) {
      if (sentence) logState.textContent = sentence;
      else if (!log.dataset.complete) logState.textContent = 'Following…';
    },
    source(kind) { log.dataset.source = kind; },
  });
  load();
  return () => {
    stopped = true;
    clearTimeout(refresh);
    stopLog();
  };
}
