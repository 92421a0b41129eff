// Talking to this server only: the API under P, the health check. The token lives in sessionStorage (this tab).
export const P = '/api/data-analytics/pipeline/trigger';
const TOKEN_KEY = 'pipeline-trigger.token';

let pendingPrompt = null;

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

function headers(extra = {}) {
  const all = { ...extra };
  const known = token();
  if (known) all.Authorization = `Bearer ${known}`;
  return all;
}

/** The server's error sentence from a JSON error body, else a plain one. */
export async function errorOf(response) {
  try {
    const body = await response.clone().json();
    if (body && typeof body.error === 'string') return body.error;
  } catch (ignored) {
    // not JSON: say what we know
  }
  return `The server answered ${response.status} ${response.statusText}.`.replace(' .', '.');
}

/** Asks for a token (once for every caller waiting at the same time); resolves when one was given. */
function askForToken(reason) {
  if (pendingPrompt) {
    // a second refused call may arrive first, without a reason: the refusal's sentence still shows
    if (reason) document.getElementById('token-error').textContent = reason;
    return pendingPrompt;
  }
  const dialog = document.getElementById('token-dialog');
  const form = document.getElementById('token-form');
  const input = document.getElementById('token-input');
  document.getElementById('token-error').textContent = reason;
  input.value = '';
  pendingPrompt = new Promise((resolve) => {
    const done = (event) => {
      event.preventDefault();
      const given = input.value.trim();
      if (!given) return;
      sessionStorage.setItem(TOKEN_KEY, given);
      form.removeEventListener('submit', done);
      dialog.close();
      pendingPrompt = null;
      resolve();
    };
    form.addEventListener('submit', done);
    dialog.addEventListener('cancel', (event) => event.preventDefault()); // no way on without a token
  });
  dialog.showModal();
  input.focus();
  return pendingPrompt;
}

/**
 * fetch() against this server with the bearer token; a 401 forgets the token, asks for one and tries again.
 * Answers the Response of any other status for the caller to judge.
 */
export async function call(path, options = {}) {
  for (;;) {
    const response = await fetch(path, {
      ...options,
      headers: headers(options.headers),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    if (response.status !== 401) return response;
    const hadToken = token() !== null;
    sessionStorage.removeItem(TOKEN_KEY);
    const reason = hadToken ? `That token was refused: ${await errorOf(response)}` : '';
    await askForToken(reason);
  }
}

/** A JSON answer of the API; throws an Error with the server's sentence (and status) for anything not 2xx. */
export async function json(path, options = {}) {
  const response = await call(path, options);
  if (!response.ok) {
    const error = new Error(await errorOf(response));
    error.status = response.status;
    error.body = await response.json().catch(() => ({}));
    throw error;
  }
  return response.json();
}

export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The health check: 'ok', 'unavailable' (503) or 'unreachable'. No token needed. */
export async function health() {
  try {
    const response = await fetch('/healthz', { cache: 'no-store', credentials: 'omit' });
    return response.ok ? 'ok' : 'unavailable';
  } catch (unreachable) {
    return 'unreachable';
  }
}
