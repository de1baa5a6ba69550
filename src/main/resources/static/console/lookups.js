// The reps and people the pages offer in their pickers, a page of 100 at a time (the API's largest
// page): a picker steps through the pages in place, and a chosen record that is not on the page
// shown stays chosen (read by its id).
import { get, query } from './api.js';
import { h, field, show, errorBox } from './dom.js';

const PAGE_SIZE = 100;

async function firstPage(path) {
  const answer = await get(`${path}${query({ page: 0, size: PAGE_SIZE })}`);
  return { path, items: answer.items, page: answer.page };
}

/** The first page of reps, by id: {path, items, page}. */
export function reps() {
  return firstPage('/api/reps');
}

/** The first page of people, by id: {path, items, page}. */
export function people() {
  return firstPage('/api/people');
}

const describeRep = (rep) => `${rep.name} <${rep.email}>`;
const describePerson = (person) => `${person.name || '(no name)'} <${person.email || 'no address'}>`;

function picker(name, kind, list, current, label, firstOption, describe) {
  const control = h('select', { name });
  const status = h('div', { class: 'picker-status', 'aria-live': 'polite' });
  let chosen = current === undefined || current === null ? '' : String(current);
  let { items, page } = list;
  const previous = h('button', { type: 'button', class: 'small' }, `Previous ${PAGE_SIZE}`);
  const next = h('button', { type: 'button', class: 'small' }, `Next ${PAGE_SIZE}`);
  const where = h('span', { class: 'hint' });
  const fill = () => {
    const options = [h('option', { value: '' }, firstOption),
      ...items.map((item) => h('option', { value: item.id, selected: String(item.id) === chosen }, describe(item)))];
    if (chosen && !items.some((item) => String(item.id) === chosen)) {
      // the chosen one is on another page: it stays chosen, named once it is read
      const option = h('option', { value: chosen, selected: true }, `${kind} #${chosen}`);
      options.splice(1, 0, option);
      get(`${list.path}/${encodeURIComponent(chosen)}`).then((record) => {
        option.textContent = describe(record);
      }, (error) => {
        option.textContent = `${kind} #${chosen} (${error.status === 404 ? 'no such record' : error.message})`;
      });
    }
    show(control, options);
    const last = Math.max(page.totalPages - 1, 0);
    previous.disabled = page.number <= 0;
    next.disabled = page.number >= last;
    where.textContent = `${page.number * PAGE_SIZE + 1}–${page.number * PAGE_SIZE + items.length} of ${page.totalItems}`;
  };
  const go = async (number) => {
    try {
      const answer = await get(`${list.path}${query({ page: number, size: PAGE_SIZE })}`);
      ({ items, page } = answer);
      fill();
      show(status);
      control.focus();
    } catch (error) {
      show(status, errorBox(error));
    }
  };
  control.addEventListener('change', () => {
    chosen = control.value;
  });
  previous.addEventListener('click', () => go(page.number - 1));
  next.addEventListener('click', () => go(page.number + 1));
  fill();
  const wrapper = field(label, control);
  if (page.totalPages > 1) {
    wrapper.append(h('div', { class: 'picker-pages', role: 'group', 'aria-label': `Pages of the ${kind} list` },
      previous, ' ', where, ' ', next), status);
  }
  return wrapper;
}

/** A labelled select of reps, "Name <email>", with the current id selected; paged by 100. */
export function repPicker(list, current, label = 'Rep', withAny = false, firstOption = undefined) {
  return picker('rep', 'rep', list, current, label, firstOption || (withAny ? 'Any rep' : 'Choose a rep'), describeRep);
}

/** A labelled select of people, "Name <email>"; paged by 100. */
export function personPicker(list, current, label = 'Person', firstOption = 'Choose a person', name = 'person') {
  return picker(name, 'person', list, current, label, firstOption, describePerson);
}
