// Command center: a rep's tasks due today and tomorrow in the rep's time zone
// (GET /api/command-center?rep=), to create, edit, complete, reopen and delete through /api/tasks.
import { get, post, put, del } from './api.js';
import { h, show, field, select, errorBox, announce, badge, confirmButton } from './dom.js';
import { reps as loadReps, people as loadPeople, repPicker, personPicker } from './lookups.js';

const PRIORITIES = [['normal', 'Normal'], ['high', 'High']];

// peopleList: a new task's person picker (an edit keeps the task's person: PUT does not take it)
function taskForm(task, days, onSave, onCancel, peopleList) {
  const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 255, value: task ? task.name : '' });
  const dueDate = h('input', { type: 'date', name: 'dueDate', value: task ? (task.dueDate || '') : days.today });
  const priority = select('priority', PRIORITIES, task ? task.priority : 'normal');
  const detailsInput = h('textarea', { name: 'details', rows: 2, maxlength: 32000 });
  detailsInput.value = task ? (task.details || '') : '';
  const message = h('div', { 'aria-live': 'polite' });
  const person = peopleList ? personPicker(peopleList, '', 'About (optional)', 'Nobody in particular', 'personId') : null;
  const form = h('form', { class: 'task-form', 'aria-label': task ? `Edit ${task.name}` : 'New task' },
    field('Task', name), field('Due', dueDate, `Today is ${days.today}, tomorrow ${days.tomorrow} (${days.timeZone})`),
    field('Priority', priority), person, field('Details', detailsInput), message,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, task ? 'Save the task' : 'Add the task'),
      onCancel ? h('button', { type: 'button', onClick: onCancel }, 'Cancel') : null));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: name.value, dueDate: dueDate.value || null, priority: priority.value,
      details: detailsInput.value || null };
    const personId = person && person.querySelector('select').value;
    if (personId) {
      body.personId = Number(personId);
    }
    try {
      await onSave(body);
    } catch (error) {
      show(message, errorBox(error));
    }
  });
  return form;
}

function taskItem(task, days, ctx) {
  const message = h('div', { 'aria-live': 'polite' });
  const item = h('li', { class: `task ${task.status}`, 'data-task': task.id });
  const act = async (action, words) => {
    try {
      await action();
      announce(words);
      ctx.refresh();
    } catch (error) {
      show(message, errorBox(error));
    }
  };
  const view = () => show(item,
    h('div', { class: 'task-head' },
      h('strong', {}, task.name), ' ',
      task.priority === 'high' ? badge('high') : null, ' ', badge(task.status), ' ',
      h('span', { class: 'sync' }, 'Salesforce: ', badge(task.syncState))),
    task.personId ? h('p', { class: 'hint' }, 'About ', h('a', { href: `#/diagnostics?person=${encodeURIComponent(task.personId)}` },
      `person #${task.personId}`)) : null,
    task.details ? h('p', {}, task.details) : null,
    task.syncError ? h('p', { class: 'reason' }, 'Sync error: ', task.syncError) : null,
    h('div', { class: 'actions' },
      task.status === 'open'
        ? h('button', { type: 'button', class: 'primary', 'aria-label': `Complete ${task.name}`,
          onClick: () => act(() => post(`/api/tasks/${task.id}/complete`), `${task.name} completed`) }, 'Complete')
        : h('button', { type: 'button', 'aria-label': `Reopen ${task.name}`,
          onClick: () => act(() => post(`/api/tasks/${task.id}/reopen`), `${task.name} reopened`) }, 'Reopen'),
      h('button', { type: 'button', 'aria-label': `Edit ${task.name}`, onClick: () => edit() }, 'Edit'),
      confirmButton('Delete', 'Press again to delete', () => act(() => del(`/api/tasks/${task.id}`), `${task.name} deleted`))),
    message);
  const edit = () => {
    const form = taskForm(task, days, async (body) => {
      await put(`/api/tasks/${task.id}`, { ...body, status: task.status });
      announce(`${body.name} saved`);
      ctx.refresh();
    }, view);
    show(item, form);
    form.querySelector('input').focus();
  };
  view();
  return item;
}

function day(title, date, tasks, days, ctx) {
  const id = `day-${date}`;
  return h('section', { class: 'card', 'aria-labelledby': id },
    h('h2', { id }, `${title}, ${date}`),
    tasks.length ? h('ul', { class: 'tasks' }, tasks.map((task) => taskItem(task, days, ctx))) : h('p', {}, 'No tasks.'));
}

export async function render(route, ctx) {
  const [repList, peopleList] = await Promise.all([loadReps(), loadPeople()]);
  const repId = route.params.get('rep') || (repList.page.totalItems === 1 ? String(repList.items[0].id) : '');
  const picker = repPicker(repList, repId, 'Rep');
  const chooser = h('form', { class: 'filters', 'aria-label': 'Whose day' }, picker,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show')));
  chooser.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.go('command-center', [], { rep: picker.querySelector('select').value });
  });
  const page = h('div', {}, h('h1', {}, 'Command center'),
    h('p', {}, 'A rep\'s tasks due today and tomorrow, in the rep\'s time zone. Changes sync like any other when the rep\'s task sync is on.'),
    chooser);
  if (!repId) {
    page.append(h('p', {}, 'Choose a rep.'));
    return page;
  }
  let days;
  try {
    days = await get(`/api/command-center?rep=${encodeURIComponent(repId)}`);
  } catch (error) {
    if (error.status === 401) {
      throw error;
    }
    // the picker stays, to choose another rep
    page.append(errorBox(error));
    return page;
  }
  const today = days.tasks.filter((task) => task.dueDate === days.today);
  const tomorrow = days.tasks.filter((task) => task.dueDate === days.tomorrow);
  const create = taskForm(null, days, async (body) => {
    await post('/api/tasks', { ...body, repId: Number(repId) });
    announce(`${body.name} added`);
    ctx.refresh();
  }, null, peopleList);
  page.append(
    h('p', {}, `Time zone ${days.timeZone}.`),
    day('Today', days.today, today, days, ctx),
    day('Tomorrow', days.tomorrow, tomorrow, days, ctx),
    h('section', { class: 'card', 'aria-labelledby': 'new-task' }, h('h2', { id: 'new-task' }, 'New task'), create));
  return page;
}
