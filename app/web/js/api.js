// Every call to the JSON API: the CSRF header on commands, the server's Russian error message
// as an ApiError, and the sign-in page when the session has ended.
import { session, setSession } from './session.js';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;  // 0 when the server could not be reached
    this.code = code;
    this.handled = false; // set when the 401 already sent the user to the login page
  }
}

// What a 401 does: set by main.js, which knows the router (this module must not import it).
let onSessionEnded = () => {};

export function whenSessionEnds(handler) {
  onSessionEnded = handler;
}

// options: {signal} to abort, {allow401} where a 401 is an answer (login, logout, start).
export async function api(method, path, body, options) {
  const opts = options || {};
  const response = await send(method, path, body, opts.signal);
  const data = await response.json().catch(() => null);
  if (response.ok) {
    if (data === null) throw new ApiError(response.status, 'bad_response', 'Сервер прислал непонятный ответ');
    return data;
  }
  const error = errorOf(response, data);
  // The token may have been rotated by a new session in another tab: take the fresh one, once.
  if (error.code === 'csrf' && !opts.retried && method !== 'GET') {
    setSession(await api('GET', '/api/me'));
    return api(method, path, body, Object.assign({}, opts, { retried: true }));
  }
  if (response.status === 401 && !opts.allow401) {
    error.handled = true;
    onSessionEnded();
  }
  throw error;
}

async function send(method, path, body, signal) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' }, signal };
  if (method !== 'GET') {
    init.headers['Content-Type'] = 'application/json';
    if (session.csrf) init.headers['X-CSRF-Token'] = session.csrf;
    init.body = JSON.stringify(body || {});
  }
  try {
    return await fetch(path, init);
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Сервер недоступен');
  }
}

// The API's errors are {"error": {"code", "message"}}; a proxy's page has neither.
function errorOf(response, data) {
  const info = (data && data.error) || {};
  return new ApiError(response.status, info.code || 'http',
    info.message || `Ошибка сервера (HTTP ${response.status})`);
}
