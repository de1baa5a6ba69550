// Health: /actuator/health with the token (every component and its details), and each rep's
// Salesforce connection from /api/reps.
import { get, query } from './api.js';
import { h, show, badge, details, jsonValue, time, table, pager, errorBox } from './dom.js';

const REPS_PAGE = 20;

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
  folder: 'Folder read',
  messages: 'Emails in the folder',
  unseen: 'Backlog (unseen emails)',
  oldestUnseenReceivedAt: 'Oldest unprocessed email arrived',
  checkedAt: 'Checked',
  error: 'Error',
  stream: 'Stream',
  channel: 'Channel',
  subscribedAt: 'Subscribed since',
  lastEventCommittedAt: 'Last change in Salesforce',
  lastEventAppliedAt: 'Last change applied',
  lag: 'Lag',
  replayId: 'Replay id',
  restarts: 'Restarts',
  database: 'Database',
  validationQuery: 'Validation',
};

// an ISO-8601 duration as Java writes it (PT0.42S, PT3M7.5S, PT2H) in words
export function durationInWords(iso) {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(String(iso));
  if (!match) {
    return String(iso);
  }
  const seconds = Number(match[1] || 0) * 3600 + Number(match[2] || 0) * 60 + Number(match[3] || 0);
  if (seconds < 10) {
    return `${Math.round(seconds * 10) / 10} s`;
  }
  if (seconds < 120) {
    return `${Math.round(seconds)} s`;
  }
  if (seconds < 7200) {
    return `${Math.round(seconds / 60)} min`;
  }
  return `${Math.round(seconds / 360) / 10} h`;
}

// the details in the order a reader asks about them; the rest after, as they come
const DETAIL_ORDER = ['server', 'account', 'folder', 'unseen', 'oldestUnseenReceivedAt', 'messages',
  'stream', 'channel', 'subscribedAt', 'lastEventCommittedAt', 'lastEventAppliedAt', 'lag'];

function componentDetails(name, d) {
  if (name === 'camelHealth') {
    const data = d['context.data'] || {};
    return details([['Camel context', `${d.context || '?'} (${data['context.status'] || '?'}, Camel ${data['context.version'] || '?'})`]]);
  }
  const keys = Object.keys(d).sort((a, b) => (DETAIL_ORDER.indexOf(a) + 1 || 99) - (DETAIL_ORDER.indexOf(b) + 1 || 99));
  const rows = keys.map((key) => [DETAIL_LABELS[key] || key,
    key === 'lag' ? durationInWords(d[key])
      : key.endsWith('At') && typeof d[key] === 'string' ? time(d[key]) : jsonValue(d[key])]);
  if (name === 'taskStream' && d.stream === undefined && d.subscribedAt === undefined) {
    rows.unshift(['Subscribed', 'no']);
  }
  if (name === 'taskStream' && d.subscribedAt !== undefined && d.lag === undefined) {
    rows.push(['Lag', 'no change applied since the product started']);
  }
  return details(rows);
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

// the reps' connections, 20 a page (the list stays in place when paged)
function connections(answer) {
  const section = h('section', { class: 'card', 'aria-labelledby': 'health-reps' });
  const fill = (current) => show(section, h('h2', { id: 'health-reps', tabindex: -1 }, 'Reps connected to Salesforce'),
    connectionTable(current.items),
    current.page.totalPages > 1 ? pager(current.page, async (number) => {
      try {
        fill(await get(`/api/reps${query({ page: number, size: REPS_PAGE })}`));
        section.querySelector('h2').focus();
      } catch (error) {
        section.append(errorBox(error));
      }
    }) : null);
  fill(answer);
  return section;
}

function connectionTable(reps) {
  return reps.length === 0 ? h('p', {}, 'No reps yet.') : table('Each rep\'s Salesforce connection',
      ['Rep', 'Connection', 'Salesforce user', 'Why not', 'Checked'],
      reps.map((rep) => [
        [h('a', { href: `#/diagnostics?rep=${rep.id}` }, rep.name), h('br'), h('small', {}, rep.email)],
        badge(rep.connection && rep.connection.state),
        (rep.connection && rep.connection.userId) || rep.salesforceUserId || '—',
        (rep.connection && rep.connection.reason) || '—',
        time(rep.connection && rep.connection.checkedAt)]));
}

export async function render() {
  // 503 still carries the components: that is when they matter most
  const [healthAnswer, repsAnswer] = await Promise.all([
    get('/actuator/health', { accept: [503] }),
    get(`/api/reps${query({ page: 0, size: REPS_PAGE })}`),
  ]);
  const components = healthAnswer.components || {};
  const main = Object.keys(TITLES).filter((name) => components[name]);
  const rest = Object.keys(components).filter((name) => !main.includes(name)).sort();
  return h('div', {},
    h('h1', {}, 'Health ', badge(healthAnswer.status)),
    h('p', {}, 'What the product reports about itself now (GET /actuator/health). ',
      h('button', { type: 'button', onClick: () => window.dispatchEvent(new HashChangeEvent('hashchange')) }, 'Check again')),
    h('div', { class: 'grid' }, main.map((name) => componentCard(name, components[name]))),
    connections(repsAnswer),
    rest.length ? h('section', { class: 'card', 'aria-labelledby': 'health-more' },
      h('h2', { id: 'health-more' }, 'Other checks'),
      h('ul', { class: 'plain' }, rest.map((name) => h('li', {}, name, ' ', badge(components[name].status), ' ',
        reasonOf(components[name]) || '')))) : null);
}
