// Diagnostics: seed 004's questions answered now for a rep (GET /api/diagnostics/reps/{id}) or a
// person (GET /api/diagnostics/people/{id}): each check's verdict, finding and details.
import { get } from './api.js';
import { h, badge, details, jsonValue, time, errorBox } from './dom.js';
import { reps as loadReps, people as loadPeople, repPicker, personPicker } from './lookups.js';

const CHECK_TITLES = {
  connected: 'Connected to Salesforce?',
  loggingSettings: 'Logging settings on?',
  activityFields: 'Activity fields the integration user cannot edit',
  salesforce: 'Calls to Salesforce',
  salesforceId: 'What the Salesforce id resolves to',
  email: 'What the address resolves to',
};

function check(name, value) {
  return h('section', { class: `card check ${value.ok ? 'check-ok' : 'check-problem'}`, 'aria-labelledby': `check-${name}` },
    h('h2', { id: `check-${name}` }, CHECK_TITLES[name] || name, ' ', badge(value.ok ? 'ok' : 'problem')),
    h('p', {}, value.finding),
    value.details && Object.keys(value.details).length ? h('details', {}, h('summary', {}, 'Details'), jsonValue(value.details)) : null);
}

function problems(list) {
  return h('section', { class: 'card', 'aria-labelledby': 'last-problems' },
    h('h2', { id: 'last-problems' }, 'Last problems'),
    !list || list.length === 0 ? h('p', {}, 'None.') : h('ul', { class: 'plain' }, list.map((problem) => h('li', {},
      h('a', { href: `#/activities/${problem.activityId}` }, `Activity #${problem.activityId}`), ' ', badge(problem.state), ' ',
      problem.reason || '', problem.error ? [' ', jsonValue(problem.error)] : null, ' ', time(problem.at)))));
}

function report(answer) {
  const checks = Object.entries(answer).filter(([, value]) => value && typeof value === 'object' && 'ok' in value);
  return h('div', {}, h('div', { class: 'grid' }, checks.map(([name, value]) => check(name, value))), problems(answer.lastProblems));
}

export async function render(route, ctx) {
  const [repList, peopleList] = await Promise.all([loadReps(), loadPeople()]);
  const repId = route.params.get('rep');
  const personId = route.params.get('person');
  const repForm = h('form', { class: 'filters', 'aria-label': 'Diagnose a rep' }, repPicker(repList, repId, 'Rep'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Diagnose the rep')));
  repForm.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.go('diagnostics', [], { rep: repForm.querySelector('select').value });
  });
  const personForm = h('form', { class: 'filters', 'aria-label': 'Diagnose a person' }, personPicker(peopleList, personId, 'Person'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Diagnose the person')));
  personForm.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.go('diagnostics', [], { person: personForm.querySelector('select').value });
  });
  const page = h('div', {}, h('h1', {}, 'Diagnostics'),
    h('p', {}, 'Why isn\'t the activity syncing? Checked now against Salesforce.'),
    h('div', { class: 'grid two' }, repForm, personForm));
  try {
    if (repId) {
      const answer = await get(`/api/diagnostics/reps/${encodeURIComponent(repId)}`);
      page.append(h('h2', {}, `Rep: ${answer.rep.name} <${answer.rep.email}>`), report(answer));
    } else if (personId) {
      const answer = await get(`/api/diagnostics/people/${encodeURIComponent(personId)}`);
      page.append(h('h2', {}, `Person: ${answer.person.name || ''} <${answer.person.email || 'no address'}>`),
        details([['Salesforce id', answer.person.salesforceId], ['Type', answer.person.type], ['Account', answer.person.accountName]]),
        report(answer));
    }
  } catch (error) {
    if (error.status === 401) {
      throw error;
    }
    // the forms stay, to choose another rep or person
    page.append(errorBox(error));
  }
  return page;
}
