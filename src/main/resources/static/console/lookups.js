// The reps and people the pages offer in their pickers: the first 100 of each (the API's largest page).
import { get } from './api.js';
import { h, field } from './dom.js';

export async function reps() {
  return (await get('/api/reps?size=100')).items;
}

export async function people() {
  return (await get('/api/people?size=100')).items;
}

/** A labelled select of reps, "Name <email>", with the current id selected. */
export function repPicker(list, current, label = 'Rep', withAny = false) {
  const control = h('select', { name: 'rep' },
    withAny ? h('option', { value: '' }, 'Any rep') : h('option', { value: '' }, 'Choose a rep'),
    list.map((rep) => h('option', { value: rep.id, selected: String(rep.id) === String(current ?? '') },
      `${rep.name} <${rep.email}>`)));
  return field(label, control);
}

/** A labelled select of people, "Name <email>". */
export function personPicker(list, current, label = 'Person') {
  const control = h('select', { name: 'person' }, h('option', { value: '' }, 'Choose a person'),
    list.map((person) => h('option', { value: person.id, selected: String(person.id) === String(current ?? '') },
      `${person.name || '(no name)'} <${person.email || 'no address'}>`)));
  return field(label, control);
}
