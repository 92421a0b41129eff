// Building the page: every text from the server goes in as text (textContent), never as HTML.

/** An element with attributes and children; strings become text nodes, null/false children are skipped. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces what a container shows. */
export function show(container, ...children) {
  container.replaceChildren();
  return append(container, children);
}

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** An ISO-8601 instant as a <time> in the reader's zone, or a dash. */
export function time(iso) {
  if (!iso) return el('span', { class: 'muted', text: '—' });
  return el('time', { datetime: iso, title: iso, text: dateTime.format(new Date(iso)) });
}

/** How long from one instant to another (or to now while running), as "1 h 02 min", "3 min 04 s", "12 s". */
export function duration(startIso, endIso) {
  if (!startIso) return '—';
  const end = endIso ? new Date(endIso) : new Date();
  let seconds = Math.max(0, Math.round((end - new Date(startIso)) / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  seconds %= 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  if (minutes > 0) return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
  return `${seconds} s`;
}

export function seconds(startIso, endIso) {
  if (!startIso) return 0;
  const end = endIso ? new Date(endIso) : new Date();
  return Math.max(0, (end - new Date(startIso)) / 1000);
}

/** The one word a run is in: its outcome once ended, else its status (running, queued). */
export function stateOf(job) {
  return job.outcome || job.status;
}

const STATE_TEXT = {
  running: 'Running', queued: 'Queued', succeeded: 'Succeeded', errored: 'Errored', failed: 'Failed',
  timed_out: 'Timed out', cancelled: 'Cancelled', completed: 'Completed', pending: 'Pending', skipped: 'Skipped',
};

/** A coloured badge with the state in words (colour is never the only sign). */
export function badge(state) {
  const known = Object.hasOwn(STATE_TEXT, state) ? state : 'unknown';
  return el('span', { class: `badge state-${known}`, text: STATE_TEXT[state] || String(state) });
}

export function flagsText(job) {
  if (job.pipeline === 'ingester') return '—';
  const on = [];
  if (job.enableOpenlineage) on.push('lineage');
  if (job.enableElementary) on.push('report');
  return on.length ? on.join(' + ') : 'plain dbt';
}

export function isActive(job) {
  return job.status === 'running' || job.status === 'queued';
}

/**
 * Shows children in container only when key differs from what it shows now: a page refreshed every few
 * seconds keeps its elements (focus, a screen reader's place, a test's reference) unless their content changed.
 */
export function showIfChanged(container, key, ...children) {
  if (container.dataset.shown === key) return false;
  container.dataset.shown = key;
  show(container, ...children);
  return true;
}
