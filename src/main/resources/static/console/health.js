// Health: /actuator/health with the token (every component and its details), and each rep's
// Salesforce connection from /api/reps.
import { get } from './api.js';
import { h, badge, details, jsonValue, time, table } from './dom.js';

const TITLES = {
  salesforceApi: 'Salesforce API',
  bccMailbox: 'BCC mailbox',
  taskStream: 'Task stream (Salesforce to product)',
  db: 'Database',
  camelHealth: 'Camel routes',
};
const REASON_KEYS = ['reason', 'error', 'stream', 'message'];

function percent(used, allowed) {
  return allowed ? `${Math.round((used / allowed) * 1000) / 10} %` : '—';
}

function salesforceCard(component) {
  const d = component.details || {};
  const rows = [
    ['Calls enabled', jsonValue(d.enabled)],
    d.orgId && ['Org', d.orgId],
    d.integrationUserId && ['Integration user', d.integrationUserId],
    d.instanceUrl && ['Instance', d.instanceUrl],
    d.enabled && !d.integrationUserId && ['Logged in', 'not yet'],
    d.apiRequestsAllowed !== undefined && ['API requests today',
      `${d.apiRequestsUsed} of ${d.apiRequestsAllowed} (${percent(d.apiRequestsUsed, d.apiRequestsAllowed)})`],
    d.pauseAtApiUsage !== undefined && ['Calls pause at', `${Math.round(d.pauseAtApiUsage * 100)} % of the daily allowance`],
    d.observedAt && ['Usage last reported', time(d.observedAt)],
  ];
  const meter = d.apiRequestsAllowed
    ? h('meter', { min: 0, max: d.apiRequestsAllowed, high: Math.round(d.apiRequestsAllowed * (d.pauseAtApiUsage || 0.9)),
      value: d.apiRequestsUsed, 'aria-label': 'API requests used today' })
    : null;
  return [meter, details(rows)];
}

// the details the product's own checks report, in words; any other detail is shown as it comes
const DETAIL_LABELS = {
  server: 'Server',
  account: 'Account',
  inboxMessages: 'Emails waiting in the INBOX',
  checkedAt: 'Checked',
  error: 'Error',
  stream: 'Stream',
  channel: 'Channel',
  subscribedAt: 'Subscribed since',
  lastEventCommittedAt: 'Last event applied',
  replayId: 'Replay id',
  restarts: 'Restarts',
  database: 'Database',
  validationQuery: 'Validation',
};

function componentDetails(name, d) {
  if (name === 'camelHealth') {
    const data = d['context.data'] || {};
    return details([['Camel context', `${d.context || '?'} (${data['context.status'] || '?'}, Camel ${data['context.version'] || '?'})`]]);
  }
  return details(Object.entries(d).map(([key, value]) => [DETAIL_LABELS[key] || key,
    key.endsWith('At') && typeof value === 'string' ? time(value) : jsonValue(value)]));
}

function reasonOf(component) {
  const d = component.details || {};
  const key = REASON_KEYS.find((k) => typeof d[k] === 'string');
  return key ? d[key] : null;
}

function componentCard(name, component) {
  const status = component.status || 'UNKNOWN';
  const reason = status === 'UP' ? null : reasonOf(component);
  const other = Object.fromEntries(Object.entries(component.details || {}));
  return h('section', { class: `card status-${status.toLowerCase()}`, 'aria-labelledby': `health-${name}` },
    h('h2', { id: `health-${name}` }, TITLES[name] || name, ' ', badge(status)),
    reason ? h('p', { class: 'reason' }, h('strong', {}, 'Why: '), reason) : null,
    name === 'salesforceApi' ? salesforceCard(component) : (Object.keys(other).length ? componentDetails(name, other) : null));
}

function connections(reps) {
  return h('section', { class: 'card', 'aria-labelledby': 'health-reps' },
    h('h2', { id: 'health-reps' }, 'Reps connected to Salesforce'),
    reps.length === 0 ? h('p', {}, 'No reps yet.') : table('Each rep\'s Salesforce connection',
      ['Rep', 'Connection', 'Salesforce user', 'Why not', 'Checked'],
      reps.map((rep) => [
        [h('a', { href: `#/diagnostics?rep=${rep.id}` }, rep.name), h('br'), h('small', {}, rep.email)],
        badge(rep.connection && rep.connection.state),
        (rep.connection && rep.connection.userId) || rep.salesforceUserId || '—',
        (rep.connection && rep.connection.reason) || '—',
        time(rep.connection && rep.connection.checkedAt)])));
}

export async function render() {
  // 503 still carries the components: that is when they matter most
  const [healthAnswer, repsAnswer] = await Promise.all([
    get('/actuator/health', { accept: [503] }),
    get('/api/reps?size=100'),
  ]);
  const components = healthAnswer.components || {};
  const main = Object.keys(TITLES).filter((name) => components[name]);
  const rest = Object.keys(components).filter((name) => !main.includes(name)).sort();
  return h('div', {},
    h('h1', {}, 'Health ', badge(healthAnswer.status)),
    h('p', {}, 'What the product reports about itself now (GET /actuator/health). ',
      h('button', { type: 'button', onClick: () => window.dispatchEvent(new HashChangeEvent('hashchange')) }, 'Check again')),
    h('div', { class: 'grid' }, main.map((name) => componentCard(name, components[name]))),
    connections(repsAnswer.items),
    rest.length ? h('section', { class: 'card', 'aria-labelledby': 'health-more' },
      h('h2', { id: 'health-more' }, 'Other checks'),
      h('ul', { class: 'plain' }, rest.map((name) => h('li', {}, name, ' ', badge(components[name].status), ' ',
        reasonOf(components[name]) || '')))) : null);
}
