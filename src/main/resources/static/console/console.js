// The console: sign-in, then hash routes (#/health, #/activities, ...), one module per page.
import { get, onUnauthorized, signIn, signOut, token, ApiError } from './api.js';
import { h, show, field, errorBox, announce } from './dom.js';
import * as health from './health.js';
import * as activities from './activities.js';
import * as settings from './settings.js';
import * as commandCenter from './command-center.js';
import * as diagnostics from './diagnostics.js';

const PAGES = {
  health: { title: 'Health', module: health },
  activities: { title: 'Activities', module: activities },
  settings: { title: 'Settings', module: settings },
  'command-center': { title: 'Command center', module: commandCenter },
  diagnostics: { title: 'Diagnostics', module: diagnostics },
};

let signInMessage = null;

/** "#/activities/12?state=failed" as {name: 'activities', rest: ['12'], params}. */
export function currentRoute() {
  const hash = window.location.hash.startsWith('#/') ? window.location.hash.slice(2) : '';
  const [path, search] = hash.split('?');
  const [name, ...rest] = path.split('/').filter(Boolean);
  return { name: name || 'health', rest, params: new URLSearchParams(search || '') };
}

/** Moves to a route; the page renders from the hash change. */
export function go(name, rest = [], params = {}) {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v !== null && v !== undefined));
  const text = search.toString();
  const hash = `#/${[name, ...rest].join('/')}${text ? `?${text}` : ''}`;
  if (window.location.hash === hash) {
    render(); // the same route again (e.g. Show with unchanged filters): read it afresh
  } else {
    window.location.hash = hash;
  }
}

function renderSignIn(main) {
  document.getElementById('nav').hidden = true;
  document.title = 'Sign in · Sync health console';
  const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', required: true, spellcheck: 'false' });
  const message = h('div', {});
  if (signInMessage) {
    show(message, errorBox(new ApiError(401, { message: signInMessage })));
  }
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    h('p', {}, 'Paste the API token (the server\'s sas.api.token; in the sandbox: sandbox-token). '
      + 'It is kept in this browser tab only, and sent with every call to the REST API.'),
    field('API token', input),
    message,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    signIn(input.value.trim());
    signInMessage = null;
    try {
      await get('/api/reps?size=1');
      announce('Signed in');
      const route = currentRoute();
      if (route.name === 'sign-in') {
        go('health');
      } else {
        render();
      }
    } catch (error) {
      signOut();
      show(message, errorBox(error));
      input.focus();
    }
  });
  show(main, form);
  input.focus();
}

function markCurrent(name) {
  document.querySelectorAll('#nav a').forEach((link) => {
    if (link.getAttribute('href') === `#/${name}`) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  });
}

let renderCount = 0;

async function render() {
  const main = document.getElementById('main');
  const route = currentRoute();
  if (!token() || route.name === 'sign-in') {
    renderSignIn(main);
    return;
  }
  const page = PAGES[route.name];
  document.getElementById('nav').hidden = false;
  if (!page) {
    show(main, h('h1', {}, 'No such page'), h('p', {}, 'Choose a page above.'));
    return;
  }
  markCurrent(route.name);
  document.title = `${page.title} · Sync health console`;
  const count = ++renderCount;
  show(main, h('p', { class: 'loading' }, `Loading ${page.title.toLowerCase()}…`));
  try {
    const content = await page.module.render(route, { go, refresh: render });
    if (count === renderCount) {
      show(main, content);
      main.dataset.page = route.name;
    }
  } catch (error) {
    if (count === renderCount && !(error instanceof ApiError && error.status === 401)) {
      show(main, h('h1', {}, page.title), errorBox(error));
    }
  }
}

onUnauthorized((message) => {
  signInMessage = message || 'The token is not valid for this server: sign in again.';
  renderSignIn(document.getElementById('main'));
});

window.addEventListener('hashchange', () => {
  // only #/... is a route; any other fragment is an in-page link
  if (window.location.hash && !window.location.hash.startsWith('#/')) {
    return;
  }
  render();
  document.getElementById('main').focus({ preventScroll: true });
});

// the skip link moves the focus without touching the route in the hash
document.querySelector('.skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main').focus();
});

document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  signInMessage = null;
  announce('Signed out');
  render();
});

render();
