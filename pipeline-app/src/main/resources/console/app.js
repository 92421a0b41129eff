// The console's router: #/runs, #/run/<jobId>, #/start, #/schedules. Each page returns a function that stops it.
import { call, health, P } from './api.js';
import { renderRuns } from './runs.js';
import { renderRun } from './run.js';
import { renderStart } from './start.js';
import { renderSchedules } from './schedules.js';

const main = document.getElementById('main');
let stopPage = () => {};

function route() {
  stopPage();
  const hash = location.hash || '#/runs';
  const run = /^#\/run\/([A-Za-z0-9._-]+)$/.exec(hash);
  let page = 'runs';
  if (run) {
    page = 'runs';
    stopPage = renderRun(main, run[1]);
  } else if (hash.startsWith('#/start')) {
    page = 'start';
    stopPage = renderStart(main, new URLSearchParams(hash.split('?')[1] || ''));
  } else if (hash === '#/schedules') {
    page = 'schedules';
    stopPage = renderSchedules(main);
  } else {
    stopPage = renderRuns(main);
  }
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

const HEALTH_TEXT = { ok: 'Healthy', unavailable: 'Unavailable', unreachable: 'Server unreachable' };

async function showHealth() {
  const state = await health();
  const indicator = document.getElementById('health');
  indicator.dataset.state = state;
  indicator.querySelector('.health-text').textContent = HEALTH_TEXT[state];
  indicator.title = state === 'ok' ? 'The server, its runner and its store answer.'
    : 'The health check /healthz does not answer 200.';
}

/** The schedules page exists only once the server has schedules. */
async function detectSchedules() {
  try {
    const response = await call(`${P}/schedules`);
    document.getElementById('nav-schedules').hidden = response.status !== 200;
  } catch (ignored) {
    // unreachable: the health indicator says so
  }
}

// "Skip to content" moves the focus without touching the hash (the hash is the router's)
document.querySelector('a.skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', () => {
  route();
  main.focus({ preventScroll: true });
});
route();
showHealth();
setInterval(showHealth, 15000);
detectSchedules();
