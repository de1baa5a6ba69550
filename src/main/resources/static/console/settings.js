// Settings: the org's defaults (GET/PUT /api/settings) and a rep's "My Account" overrides
// (GET/PUT /api/reps/{id}/settings): every field, its default, the rep's value, what is in force and
// whether it is inherited. Templates list their dynamic fields and refuse an unknown one as you type.
import { get, put } from './api.js';
import { h, show, field, select, errorBox, announce, badge, details, time, newId } from './dom.js';
import { reps as loadReps, repPicker } from './lookups.js';

const ON_OFF = [['true', 'On'], ['false', 'Off']];
// the product's defaults (the schema's, README "The REST API")
const FIELDS = [
  { name: 'logEmailsViaApi', label: 'Log emails sent through the API', options: ON_OFF, productDefault: true },
  { name: 'logCalls', label: 'Log calls', options: ON_OFF, productDefault: true },
  { name: 'logEmailsViaBcc', label: 'Log emails captured by the BCC mailbox', options: ON_OFF, productDefault: true },
  { name: 'includeBody', label: 'Include the email body in the Task', options: ON_OFF, productDefault: true },
  { name: 'taskSyncMode', label: 'Reminder task sync',
    options: [['do_not_sync', 'Do not sync to Salesforce tasks'], ['sync', 'Sync with Salesforce tasks']], productDefault: 'do_not_sync' },
  { name: 'logAgainst', label: 'Log against',
    options: [['person_only', 'The person only'], ['each_open_opportunity', 'Each open opportunity of the contact'],
      ['latest_open_opportunity', 'The latest open opportunity']], productDefault: 'person_only' },
  { name: 'multipleMatches', label: 'When several records match',
    options: [['all', 'Log against all'], ['oldest', 'The oldest'], ['most_recently_active', 'The most recently active']],
    productDefault: 'all' },
  { name: 'subjectTemplate', label: 'Task subject template', template: true, productDefault: '{{activity_subject}}', max: 255 },
  { name: 'descriptionTemplate', label: 'Task description template', template: true, productDefault: '{{activity_body}}', max: 32000 },
];
// the dynamic fields a template may use (README "Activity logging")
export const TEMPLATE_FIELDS = ['activity_type', 'activity_subject', 'activity_body', 'sales_campaign_name',
  'sales_campaign_day', 'sales_campaign_step', 'call_outcome', 'call_reason'];

/** What is wrong with a template, in words, or null: unclosed braces, unknown or malformed field names. */
export function templateProblem(text) {
  if (!text) {
    return null;
  }
  const pattern = /\{\{([^{}]*)\}\}/g;
  let match;
  const unknown = [];
  while ((match = pattern.exec(text)) !== null) {
    const name = match[1];
    if (!TEMPLATE_FIELDS.includes(name)) {
      unknown.push(`{{${match[1]}}}`);
    }
  }
  if (unknown.length) {
    return `Unknown dynamic field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: use one of those listed`;
  }
  if (text.replace(pattern, '').includes('{{')) {
    return 'A {{ is not closed with }}';
  }
  return null;
}

function shown(definition, value) {
  if (value === null || value === undefined) {
    return '—';
  }
  const option = (definition.options || []).find(([v]) => v === String(value));
  return option ? option[1] : String(value);
}

function parse(definition, raw) {
  if (definition.options === ON_OFF) {
    return raw === 'true';
  }
  return raw;
}

/** A template textarea, its field list and its as-you-type check; answers {wrap, control, problem()}. */
function templateControl(definition, value, placeholder) {
  const control = h('textarea', { name: definition.name, rows: definition.name === 'subjectTemplate' ? 2 : 4,
    maxlength: definition.max, placeholder: placeholder || '' });
  control.value = value ?? '';
  const problemId = newId('problem');
  const problem = h('p', { class: 'field-problem', id: problemId, 'aria-live': 'polite' });
  const check = () => {
    const text = templateProblem(control.value);
    show(problem, text || '');
    if (text) {
      control.setAttribute('aria-invalid', 'true');
    } else {
      control.removeAttribute('aria-invalid');
    }
    return text;
  };
  control.addEventListener('input', check);
  const wrap = field(definition.label, control);
  control.setAttribute('aria-describedby', `${problemId} template-fields`);
  wrap.append(problem);
  return { wrap, control, check };
}

function fieldList() {
  return h('p', { class: 'hint', id: 'template-fields' }, 'Dynamic fields: ',
    TEMPLATE_FIELDS.map((name, index) => [index ? ', ' : '', h('code', {}, `{{${name}}}`)]));
}

async function orgPage(ctx, repList) {
  const current = await get('/api/settings');
  const message = h('div', { 'aria-live': 'polite' });
  const controls = {};
  const checks = [];
  const rows = FIELDS.map((definition) => {
    if (definition.template) {
      const t = templateControl(definition, current[definition.name]);
      controls[definition.name] = t.control;
      checks.push(t.check);
      return h('div', { class: 'setting' }, t.wrap, h('p', { class: 'hint' }, `Product default: ${definition.productDefault}`));
    }
    const control = select(definition.name, definition.options, String(current[definition.name]));
    controls[definition.name] = control;
    return h('div', { class: 'setting' }, field(definition.label, control, `Product default: ${shown(definition, definition.productDefault)}`));
  });
  const form = h('form', { class: 'card', 'aria-labelledby': 'org-title' },
    h('h2', { id: 'org-title' }, 'Org defaults'),
    h('p', {}, 'Every rep inherits these unless the rep overrides a value.'),
    rows, fieldList(), message,
    h('button', { type: 'submit', class: 'primary' }, 'Save org defaults'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (checks.map((c) => c()).some(Boolean)) {
      show(message, errorBox({ message: 'A template has a problem: see the field' }));
      return;
    }
    const body = Object.fromEntries(FIELDS.map((d) => [d.name, parse(d, controls[d.name].value)]));
    try {
      await put('/api/settings', body);
      show(message, h('p', { class: 'ok' }, 'Saved.'));
      announce('Org defaults saved');
    } catch (error) {
      show(message, errorBox(error));
    }
  });
  return h('div', {}, h('h1', {}, 'Settings'), chooser(ctx, repList, ''), form);
}

function chooser(ctx, repList, current) {
  const picker = repPicker(repList, current, 'Show the settings of', false, 'The org defaults');
  const control = picker.querySelector('select');
  const form = h('form', { class: 'filters', 'aria-label': 'Whose settings' }, picker,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.go('settings', [], { rep: control.value });
  });
  return form;
}

function firstSyncView(firstSync) {
  if (!firstSync) {
    return h('p', {}, 'Task sync was never on for this rep.');
  }
  return details([
    ['First sync', badge(firstSync.state)],
    ['Requested', time(firstSync.requestedAt)],
    ['Finished', time(firstSync.finishedAt)],
    ['Imported, updated, skipped', `${firstSync.imported}, ${firstSync.updated}, ${firstSync.skipped}`],
    firstSync.error && ['Why it failed', firstSync.error],
  ]);
}

async function repPage(ctx, repList, repId) {
  // the rep read by its id: it may be on another page than the picker's first
  const [answer, org, rep] = await Promise.all([get(`/api/reps/${encodeURIComponent(repId)}/settings`), get('/api/settings'),
    get(`/api/reps/${encodeURIComponent(repId)}`)]);
  const message = h('div', { 'aria-live': 'polite' });
  const syncBox = h('div', { 'aria-live': 'polite' }, firstSyncView(answer.firstSync));
  const controls = {};
  const checks = [];
  const effectiveCells = {};
  const rows = FIELDS.map((definition) => {
    const override = answer.overrides[definition.name];
    const inherited = override === null || override === undefined;
    const effective = h('span', {}, shown(definition, answer.effective[definition.name]), ' ',
      h('span', { class: 'inherited' }, inherited ? '(inherited from the org)' : '(the rep\'s own)'));
    effectiveCells[definition.name] = effective;
    let control;
    let wrap;
    if (definition.template) {
      const t = templateControl(definition, override, `Inherits: ${org[definition.name]}`);
      control = t.control;
      checks.push(t.check);
      wrap = t.wrap;
      wrap.append(h('p', { class: 'hint' }, 'Empty: inherit the org default.'));
    } else {
      control = select(definition.name, [['', `Inherit the org default (${shown(definition, org[definition.name])})`],
        ...definition.options], inherited ? '' : String(override));
      wrap = field(definition.label, control);
    }
    controls[definition.name] = control;
    return h('div', { class: 'setting' }, wrap,
      h('p', { class: 'effective' }, 'In force: ', effective));
  });
  const form = h('form', { class: 'card', 'aria-labelledby': 'rep-title' },
    h('h2', { id: 'rep-title' }, `My Account: ${rep ? `${rep.name} <${rep.email}>` : `rep ${repId}`}`),
    h('p', {}, 'A value left to inherit follows the org default.'),
    rows, fieldList(), message,
    h('button', { type: 'submit', class: 'primary' }, 'Save the rep\'s settings'));
  const poll = async (until) => {
    const latest = await get(`/api/reps/${encodeURIComponent(repId)}/settings`);
    show(syncBox, firstSyncView(latest.firstSync));
    const state = latest.firstSync && latest.firstSync.state;
    if ((state === 'requested' || state === 'running') && Date.now() < until && document.body.contains(syncBox)) {
      window.setTimeout(() => poll(until).catch((error) => show(syncBox, errorBox(error))), 1000);
    }
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (checks.map((c) => c()).some(Boolean)) {
      show(message, errorBox({ message: 'A template has a problem: see the field' }));
      return;
    }
    const body = Object.fromEntries(FIELDS.map((d) => {
      const raw = controls[d.name].value;
      return [d.name, raw === '' ? null : parse(d, raw)];
    }));
    try {
      const saved = await put(`/api/reps/${encodeURIComponent(repId)}/settings`, body);
      FIELDS.forEach((d) => {
        const inherited = saved.overrides[d.name] === null || saved.overrides[d.name] === undefined;
        show(effectiveCells[d.name], shown(d, saved.effective[d.name]), ' ',
          h('span', { class: 'inherited' }, inherited ? '(inherited from the org)' : '(the rep\'s own)'));
      });
      show(message, h('p', { class: 'ok' }, 'Saved.'));
      announce('The rep\'s settings are saved');
      show(syncBox, firstSyncView(saved.firstSync));
      poll(Date.now() + 60000).catch((error) => show(syncBox, errorBox(error)));
    } catch (error) {
      show(message, errorBox(error));
    }
  });
  return h('div', {}, h('h1', {}, 'Settings'), chooser(ctx, repList, repId), form,
    h('section', { class: 'card', 'aria-labelledby': 'sync-title' }, h('h2', { id: 'sync-title' }, 'Task sync'), syncBox));
}

export async function render(route, ctx) {
  const repList = await loadReps();
  const repId = route.params.get('rep');
  return repId ? repPage(ctx, repList, repId) : orgPage(ctx, repList);
}

