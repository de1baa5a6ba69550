// Activities: the log (GET /api/activities) by state, rep and time, a page at a time; the
// unresolved and failed ones grouped by reason, each and all retryable; one activity's details and
// matching decision (GET /api/activities/{id}).
import { get, post, query } from './api.js';
import { h, show, field, select, errorBox, announce, badge, details, jsonValue, time, pager, table } from './dom.js';
import { reps as loadReps, repPicker } from './lookups.js';

const STATES = ['pending', 'logged', 'not_logged', 'unresolved', 'rejected', 'failed'];
const RETRYABLE = ['not_logged', 'unresolved', 'rejected', 'failed'];
const GROUPED = ['unresolved', 'failed'];
const PAGE_SIZE = 20;

async function retry(id) {
  return post(`/api/activities/${id}/retry`);
}

function retryButton(activity, ctx, label = 'Retry') {
  const message = h('span', { class: 'inline-message' });
  const button = h('button', { type: 'button', 'data-retry': activity.id,
    'aria-label': `${label} activity ${activity.id}`,
    onClick: async () => {
      button.disabled = true;
      try {
        const answer = await retry(activity.id);
        announce(`Activity ${activity.id} is ${answer.state} again`);
        ctx.refresh();
      } catch (error) {
        button.disabled = false;
        show(message, errorBox(error));
      }
    } }, label);
  return h('span', {}, button, message);
}

// a group's activities: every page of the list filtered by its state and reason (ids only kept)
async function groupIds(group, filter) {
  const ids = [];
  for (let page = 0; ; page += 1) {
    const answer = await get(`/api/activities${query({ ...filter, state: group.state, reason: group.reason, page, size: 100 })}`);
    ids.push(...answer.items.map((activity) => activity.id));
    if (page + 1 >= answer.page.totalPages) {
      return ids;
    }
  }
}

function groupActivities(group, filter, ctx) {
  const list = h('div', { 'aria-live': 'polite' }, h('p', { class: 'hint' }, 'Loading…'));
  const more = h('details', {}, h('summary', {}, 'The activities'), list);
  let loaded = false;
  more.addEventListener('toggle', async () => {
    if (!more.open || loaded) {
      return;
    }
    loaded = true;
    try {
      const answer = await get(`/api/activities${query({ ...filter, state: group.state, reason: group.reason, size: 50 })}`);
      show(list, h('ul', { class: 'plain' }, answer.items.map((activity) => h('li', {},
        h('a', { href: `#/activities/${activity.id}` }, `#${activity.id}`), ' ', activity.subject || '(no subject)', ' · ',
        activity.repEmail, ' → ', personText(activity), ' ', retryButton(activity, ctx)))),
      answer.page.totalItems > answer.items.length
        ? h('p', { class: 'hint' }, `and ${answer.page.totalItems - answer.items.length} more`) : null);
    } catch (error) {
      loaded = false;
      show(list, errorBox(error));
    }
  });
  return more;
}

function retryAllButton(group, filter, ctx, result) {
  const button = h('button', { type: 'button', class: 'primary',
    onClick: async () => {
      button.disabled = true;
      const failures = [];
      let ids;
      try {
        // every id first: a retried activity may come back to the same group before the loop ends
        ids = await groupIds(group, filter);
      } catch (error) {
        button.disabled = false;
        show(result, errorBox(error));
        return;
      }
      let done = 0;
      for (const id of ids) {
        try {
          await retry(id);
          done += 1;
        } catch (error) {
          failures.push(`activity ${id}: ${error.message}`);
        }
      }
      announce(`${done} of ${ids.length} sent to be retried`);
      if (failures.length) {
        show(result, errorBox({ message: `${failures.length} could not be retried`,
          errors: failures.map((message) => ({ message })) }));
        button.disabled = false;
      } else {
        ctx.refresh();
      }
    } }, `Retry all ${group.count}`);
  return button;
}

// GET /api/activities/summary: the database counts the unresolved and failed activities by reason
// (the 50 largest reasons of each state), for the rep, source and time the log is filtered by
async function groups(route, ctx) {
  const params = route.params;
  const filter = { rep: params.get('rep'), source: params.get('source'), since: params.get('since'), until: params.get('until') };
  const section = h('section', { class: 'card', 'aria-labelledby': 'groups-title' },
    h('h2', { id: 'groups-title' }, 'Needs attention: unresolved and failed, by reason'));
  let summary;
  try {
    summary = await get(`/api/activities/summary${query(filter)}`);
  } catch (error) {
    if (error.status === 401) {
      throw error;
    }
    section.append(errorBox(error));
    return section;
  }
  const filtered = Object.values(filter).some((value) => value);
  section.append(h('p', { class: 'hint' }, `${summary.total} activities${filtered ? ' match the filters below' : ' in all'}: `,
    STATES.filter((state) => summary.byState[state]).map((state) => `${summary.byState[state]} ${state.replace('_', ' ')}`).join(', ')
      || 'none', '.'));
  const all = GROUPED.flatMap((state) => ((summary.reasons[state] || {}).groups || [])
    .map((group) => ({ state, reason: group.reason, count: group.count })));
  if (all.length === 0) {
    section.append(h('p', {}, 'Nothing unresolved or failed.'));
    return section;
  }
  all.sort((a, b) => b.count - a.count);
  section.append(h('ul', { class: 'groups' }, all.map((group) => {
    const result = h('div', { class: 'group-result', 'aria-live': 'polite' });
    // a reason never recorded cannot be asked for by ?reason=: its activities are in the log by state
    const reachable = group.reason !== null && group.reason !== undefined && group.reason !== '';
    return h('li', { class: 'group' },
      h('p', {}, badge(group.state), ' ', h('strong', { class: 'count' }, String(group.count)), ' ',
        reachable ? group.reason : '(no reason recorded)'),
      reachable ? [groupActivities(group, filter, ctx), retryAllButton(group, filter, ctx, result), result]
        : h('p', { class: 'hint' }, h('a', { href: `#/activities${query({ ...filter, state: group.state })}` },
          `Show the ${group.state} activities in the log`)));
  })));
  const left = GROUPED.map((state) => [state, summary.reasons[state]])
    .filter(([, reasons]) => reasons && reasons.totalGroups > reasons.groups.length)
    .map(([state, reasons]) => `${reasons.totalGroups - reasons.groups.length} other reasons of ${state} activities`);
  if (left.length) {
    section.append(h('p', { class: 'hint' }, `The largest 50 reasons of each state are listed; ${left.join(' and ')} are not.`));
  }
  return section;
}

function filters(route, repList, ctx) {
  const params = route.params;
  const state = select('state', [['', 'Any state'], ...STATES.map((s) => [s, s.replace('_', ' ')])], params.get('state'));
  const rep = repPicker(repList, params.get('rep'), 'Rep', true);
  const source = select('source', [['', 'API and BCC'], ['api', 'The REST API'], ['bcc', 'The BCC mailbox']], params.get('source'));
  const since = h('input', { type: 'datetime-local', name: 'since', value: toLocalInput(params.get('since')) });
  const until = h('input', { type: 'datetime-local', name: 'until', value: toLocalInput(params.get('until')) });
  const form = h('form', { class: 'filters', 'aria-label': 'Filter the activities' },
    field('State', state), rep, field('Source', source),
    field('Taken in from', since, 'Your local time, included'), field('Taken in until', until, 'Your local time, not included'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Show'),
      h('button', { type: 'button', onClick: () => ctx.go('activities') }, 'Clear')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.go('activities', [], {
      state: state.value,
      rep: rep.querySelector('select').value,
      source: source.value,
      since: since.value ? new Date(since.value).toISOString() : '',
      until: until.value ? new Date(until.value).toISOString() : '',
    });
  });
  return form;
}

function toLocalInput(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}

function personText(activity) {
  const person = activity.person || {};
  return person.email || person.salesforceId || (person.id ? `person ${person.id}` : '—');
}

/** The matching decision in a line: the records and the rule, e.g. "Contact 003... by the person's Salesforce id". */
function matchedTo(decision) {
  const person = decision && decision.person;
  if (!person || !person.recordIds || person.recordIds.length === 0) {
    return null;
  }
  return h('p', { class: 'hint' }, `Matched ${person.recordType || ''} ${person.recordIds.join(', ')}`,
    person.rule ? ` (${person.rule})` : '');
}

function activityTable(answer, route, ctx) {
  if (answer.items.length === 0) {
    return h('p', {}, 'No activities match.');
  }
  const params = Object.fromEntries(route.params.entries());
  return h('div', {},
    table('Activities, newest first', ['Activity', 'State and reason', 'Rep → person', 'When', 'Retry'],
      answer.items.map((activity) => [
        [h('a', { href: `#/activities/${activity.id}` }, `#${activity.id} ${activity.subject || '(no subject)'}`),
          h('br'), h('small', {}, `${activity.type} via ${activity.source}`)],
        [badge(activity.state), activity.reason ? h('p', { class: 'reason' }, activity.reason) : null,
          matchedTo(activity.matching)],
        [activity.repEmail, ' → ', personText(activity)],
        time(activity.occurredAt),
        RETRYABLE.includes(activity.state) ? retryButton(activity, ctx) : '—']),
      (index) => ({ 'data-activity': answer.items[index].id })),
    pager(answer.page, (page) => ctx.go('activities', [], { ...params, page })));
}

async function list(route, ctx) {
  const params = route.params;
  // a refused filter is shown in words under the form, which stays there to be corrected
  const listed = get(`/api/activities${query({ state: params.get('state'), rep: params.get('rep'), source: params.get('source'),
    since: params.get('since'), until: params.get('until'), page: params.get('page'), size: PAGE_SIZE })}`)
    .then((answer) => activityTable(answer, route, ctx), (error) => {
      if (error.status === 401) {
        throw error;
      }
      return errorBox(error);
    });
  const [repList, log, grouped] = await Promise.all([loadReps(), listed, groups(route, ctx)]);
  return h('div', {},
    h('h1', {}, 'Activities'),
    h('p', {}, 'Emails, calls and replies taken in through the API and the BCC mailbox, newest first.'),
    grouped,
    h('section', { class: 'card', 'aria-labelledby': 'log-title' },
      h('h2', { id: 'log-title' }, 'The log'),
      filters(route, repList, ctx),
      log));
}

function matching(decision) {
  if (!decision) {
    return h('p', {}, 'Not matched yet.');
  }
  const rep = decision.rep || {};
  const person = decision.person || {};
  const opportunities = decision.opportunities;
  return details([
    ['Rep\'s Salesforce user', rep.userId ? `${rep.userId} (found by ${String(rep.matchedBy || '?').replace('_', ' ')})` : (rep.reason || '—')],
    ['Person\'s records', person.recordIds && person.recordIds.length
      ? `${person.recordType || ''} ${person.recordIds.join(', ')}` : 'none'],
    ['Rule that picked them', person.rule || person.reason || '—'],
    ['Found by', person.matchedBy ? person.matchedBy.replace('_', ' ') : '—'],
    opportunities && ['Opportunities', `${opportunities.setting}: ${(opportunities.recordIds || []).join(', ') || 'none'}`],
    ['Everything the decision holds', jsonValue(decision)],
  ]);
}

async function one(id, ctx) {
  const activity = await get(`/api/activities/${encodeURIComponent(id)}`);
  return h('div', {},
    h('p', {}, h('a', { href: '#/activities' }, '← All activities')),
    h('h1', {}, `Activity #${activity.id} `, badge(activity.state)),
    activity.reason ? h('p', { class: 'reason' }, h('strong', {}, 'Reason: '), activity.reason) : null,
    RETRYABLE.includes(activity.state) ? h('p', {}, retryButton(activity, { refresh: ctx.refresh })) : null,
    h('section', { class: 'card', 'aria-labelledby': 'what-title' }, h('h2', { id: 'what-title' }, 'What it is'),
      details([
        ['Type and source', `${activity.type} via ${activity.source}`],
        ['Subject', activity.subject],
        ['Rep', activity.repId ? h('a', { href: `#/diagnostics?rep=${activity.repId}` }, activity.repEmail) : activity.repEmail],
        ['Person', activity.personId ? h('a', { href: `#/diagnostics?person=${activity.personId}` }, personText(activity)) : personText(activity)],
        ['Occurred', time(activity.occurredAt)],
        ['Message-ID', activity.messageId],
        ['Taken in', time(activity.createdAt)],
      ])),
    h('section', { class: 'card', 'aria-labelledby': 'outcome-title' }, h('h2', { id: 'outcome-title' }, 'Outcome'),
      details([
        ['Salesforce Tasks', (activity.salesforceTaskIds || []).join(', ') || 'none'],
        ['Fields left out', (activity.fieldsLeftOut || []).join(', ') || 'none'],
        ['Error', activity.error ? jsonValue(activity.error) : 'none'],
        ['Attempts', String(activity.attempts)],
        activity.state === 'pending' && ['Next attempt', time(activity.nextAttemptAt)],
        ['Logged', time(activity.loggedAt)],
      ])),
    h('section', { class: 'card', 'aria-labelledby': 'matching-title' }, h('h2', { id: 'matching-title' }, 'Matching decision'),
      matching(activity.matching)));
}

export async function render(route, ctx) {
  if (route.rest.length) {
    return one(route.rest[0], ctx);
  }
  return list(route, ctx);
}
