// Starting a run: pipeline, dbt command, the two toggles (with the usual combinations as presets), the busy policy.
import { call, errorOf, P } from './api.js';
import { el, show } from './dom.js';

const PIPELINES = [
  ['full', 'Full', 'the ingester, then dbt when it succeeded'],
  ['dbt', 'dbt only', 'the dbt step alone'],
  ['ingester', 'Ingester only', 'the ingester alone; the dbt command and toggles do not apply'],
];
const COMMANDS = ['daily', 'run', 'build', 'test', 'deps', 'elementary'];
// the toggle combinations as the API's documentation lists them; null = the server's default
const PRESETS = [
  ['normal', 'Normal daily run', null, null],
  ['no-lineage', 'Skip Marquez lineage', false, null],
  ['no-report', 'Skip report generation', null, false],
  ['fastest', 'Fastest — plain dbt only', false, false],
  ['lineage-only', 'Lineage only, no report', true, false],
];
const BUSY = [
  ['reject', 'Refuse (409) while another run is active'],
  ['attach', 'Attach to an identical active run'],
  ['queue', 'Queue behind the active run'],
];

function toggle(name, label) {
  const control = el('select', { id: name, name },
    el('option', { value: '', text: 'Server default' }), el('option', { value: 'true', text: 'On' }),
    el('option', { value: 'false', text: 'Off' }));
  return el('div', { class: 'field' }, el('label', { for: name, text: label }), control);
}

const asValue = (flag) => (flag === null ? '' : String(flag));

export function renderStart(main, parameters) {
  const result = el('div', { class: 'result', role: 'alert' });
  const submit = el('button', { type: 'submit', class: 'primary', text: 'Start the run' });
  const form = el('form', { class: 'card start', 'aria-labelledby': 'start-title', novalidate: true },
    el('fieldset', {}, el('legend', { text: 'Pipeline' }),
      PIPELINES.map(([value, label, hint], index) => el('label', { class: 'choice' },
        el('input', { type: 'radio', name: 'pipeline', value, checked: index === 0 }),
        el('span', {}, el('strong', { text: label }), el('span', { class: 'muted', text: ` — ${hint}` }))))),
    el('div', { class: 'field' }, el('label', { for: 'command', text: 'dbt command' }),
      el('select', { id: 'command', name: 'command' }, COMMANDS.map((c) => el('option', { value: c, text: c })))),
    el('fieldset', {}, el('legend', { text: 'Preset' }),
      el('div', { class: 'presets' }, PRESETS.map(([value, label], index) => el('label', { class: 'chip' },
        el('input', { type: 'radio', name: 'preset', value, checked: index === 0 }), el('span', { text: label }))))),
    el('div', { class: 'row' }, toggle('enableOpenlineage', 'OpenLineage (Marquez lineage)'),
      toggle('enableElementary', 'Elementary (report)')),
    el('div', { class: 'field' }, el('label', { for: 'onBusy', text: 'When another run is active' }),
      el('select', { id: 'onBusy', name: 'onBusy' }, BUSY.map(([value, label]) => el('option', { value, text: label })))),
    el('div', { class: 'actions' }, submit),
    result);

  show(main, el('div', { class: 'page-head' }, el('h1', { id: 'start-title', text: 'Start a run' })), form);
  const field = (name) => form.elements.namedItem(name);
  if (parameters.get('pipeline')) field('pipeline').value = parameters.get('pipeline');

  function applyPreset() {
    const preset = PRESETS.find(([value]) => value === field('preset').value);
    if (!preset) return;
    field('enableOpenlineage').value = asValue(preset[2]);
    field('enableElementary').value = asValue(preset[3]);
  }
  function matchPreset() {
    const ol = field('enableOpenlineage').value;
    const el2 = field('enableElementary').value;
    const preset = PRESETS.find(([, , a, b]) => asValue(a) === ol && asValue(b) === el2);
    for (const radio of form.querySelectorAll('input[name=preset]')) radio.checked = preset ? radio.value === preset[0] : false;
  }
  function dbtApplies() {
    const ingesterOnly = field('pipeline').value === 'ingester';
    for (const name of ['command', 'enableOpenlineage', 'enableElementary']) field(name).disabled = ingesterOnly;
    for (const radio of form.querySelectorAll('input[name=preset]')) radio.disabled = ingesterOnly;
  }
  form.addEventListener('change', (event) => {
    if (event.target.name === 'preset') applyPreset();
    if (event.target.name === 'enableOpenlineage' || event.target.name === 'enableElementary') matchPreset();
    if (event.target.name === 'pipeline') dbtApplies();
  });
  applyPreset();
  dbtApplies();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { pipeline: field('pipeline').value };
    if (body.pipeline !== 'ingester') {
      body.command = field('command').value;
      for (const name of ['enableOpenlineage', 'enableElementary']) {
        if (field(name).value) body[name] = field(name).value === 'true';
      }
    }
    if (field('onBusy').value !== 'reject') body.onBusy = field('onBusy').value; // only servers with a policy know it
    submit.disabled = true;
    show(result);
    try {
      const response = await call(P, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      const answer = await response.clone().json().catch(() => ({}));
      if (response.ok && answer.jobId) {
        location.hash = `#/run/${encodeURIComponent(answer.jobId)}`;
        return;
      }
      const sentence = await errorOf(response);
      if (response.status === 409 && answer.runningJobId) {
        show(result, el('p', { class: 'error busy' }, 'Another run is active: ',
          el('a', { href: `#/run/${encodeURIComponent(answer.runningJobId)}`, class: 'mono', text: answer.runningJobId }),
          '. Wait for it to end, cancel it, or choose to queue behind it. ',
          el('span', { class: 'muted', text: `(${sentence})` })));
      } else {
        show(result, el('p', { class: 'error', text: sentence }));
      }
    } catch (failure) {
      show(result, el('p', { class: 'error', text: `The server could not be reached: ${failure.message}` }));
    } finally {
      submit.disabled = false;
    }
  });
  return () => {};
}
