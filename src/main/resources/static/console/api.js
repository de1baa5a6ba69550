// The console's only way to the product: the REST API (and /actuator/health), with the token the
// user signed in with. The token lives in sessionStorage: gone when the browser tab closes.

const TOKEN_KEY = 'sas.console.token';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function signIn(value) {
  sessionStorage.setItem(TOKEN_KEY, value);
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** An answer the API refused: its JSON error's message and errors[] (field, message), in words. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `The server answered ${status} without an explanation`);
    this.status = status;
    this.errors = body && Array.isArray(body.errors) ? body.errors : [];
  }
}

/** Listeners called when the API says the token is not (or no longer) valid. */
const unauthorizedListeners = [];
export function onUnauthorized(listener) {
  unauthorizedListeners.push(listener);
}

/**
 * Calls the API: method, path (with its query), an optional JSON body. Answers the parsed JSON
 * (null for 204); throws ApiError for any error status, except those listed in options.accept
 * (health answers 503 with its components when a component is DOWN).
 */
export async function call(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  const current = token();
  if (current) {
    headers.Authorization = `Bearer ${current}`;
  }
  const init = { method, headers, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { message: `The server cannot be reached (${e.message}); is the application running?` });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = { message: `The server answered ${response.status} with something that is not JSON` };
    }
  }
  if (response.status === 401) {
    signOut();
    unauthorizedListeners.forEach((listener) => listener(json && json.message));
    throw new ApiError(401, json);
  }
  if (!response.ok && !(options.accept || []).includes(response.status)) {
    throw new ApiError(response.status, json);
  }
  return json;
}

export const get = (path, options) => call('GET', path, undefined, options);
export const post = (path, body) => call('POST', path, body === undefined ? {} : body);
export const put = (path, body) => call('PUT', path, body);
export const del = (path) => call('DELETE', path);

/** A query string of the values that are set: query({state: 'failed', rep: ''}) is "?state=failed". */
export function query(values) {
  const params = new URLSearchParams();
  Object.entries(values).forEach(([key, value]) => {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  });
  const text = params.toString();
  return text ? `?${text}` : '';
}
