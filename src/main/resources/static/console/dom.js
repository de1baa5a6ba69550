// Small DOM helpers: every text goes in as text (never as HTML), so data from the API cannot
// become markup.

/** h('p', {class: 'x'}, 'text', child): an element with attributes, properties (on*, value, ...) and children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([key, value]) => {
    if (value === undefined || value === null || value === false) {
      return;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'value' || key === 'checked' || key === 'selected') {
      element[key] = value;
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  });
  append(element, children);
  return element;
}

function append(element, children) {
  children.flat(Infinity).forEach((child) => {
    if (child === undefined || child === null || child === false) {
      return;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  });
}

/** Replaces the element's content. */
export function show(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let uniqueId = 0;
/** An id for a label's for= and an input's id. */
export function newId(prefix) {
  uniqueId += 1;
  return `${prefix}-${uniqueId}`;
}

/** A labelled control: <div class="field"><label for>..</label>control hint</div>. */
export function field(label, control, hint) {
  if (!control.id) {
    control.id = newId('field');
  }
  const parts = [h('label', { for: control.id }, label), control];
  if (hint) {
    const hintId = newId('hint');
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('p', { class: 'hint', id: hintId }, hint));
  }
  return h('div', { class: 'field' }, parts);
}

/** A select with [value, label] options and the current value selected. */
export function select(name, options, current) {
  return h('select', { name }, options.map(([value, label]) =>
    h('option', { value, selected: String(value) === String(current ?? '') }, label)));
}

/** An API error (or any error) in words: the message, then each field's problem. */
export function errorBox(error) {
  const box = h('div', { class: 'error', role: 'alert' },
    h('p', {}, h('strong', {}, error.status ? `Error ${error.status}: ` : 'Error: '), error.message));
  if (error.errors && error.errors.length) {
    box.append(h('ul', {}, error.errors.map((problem) =>
      h('li', {}, problem.field ? h('code', {}, problem.field) : null, problem.field ? ' ' : null, problem.message))));
  }
  return box;
}

/** A short notice for the live region at the bottom of the page (read by screen readers). */
export function announce(text) {
  const status = document.getElementById('status');
  if (status) {
    status.textContent = '';
    window.setTimeout(() => { status.textContent = text; }, 50);
  }
}

/** A status badge: UP, DOWN, logged, failed... in words with a colour class. */
export function badge(text) {
  const value = String(text ?? 'unknown');
  return h('span', { class: `badge badge-${value.toLowerCase().replace(/[^a-z_]/g, '')}` }, value);
}

/** ISO time in the browser's locale, with the ISO text kept as a tooltip. */
export function time(iso) {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return h('time', { datetime: iso, title: iso }, date.toLocaleString());
}

/** A definition list of label/value pairs; values may be nodes; empty values show a dash. */
export function details(pairs) {
  return h('dl', { class: 'pairs' }, pairs.filter(Boolean).flatMap(([label, value]) =>
    [h('dt', {}, label), h('dd', {}, value === undefined || value === null || value === '' ? '—' : value)]));
}

/** Any JSON value readably: objects as nested lists, arrays joined. */
export function jsonValue(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item !== 'object' || item === null)) {
      return value.length ? value.join(', ') : 'none';
    }
    return h('ul', {}, value.map((item) => h('li', {}, jsonValue(item))));
  }
  if (typeof value === 'object') {
    return details(Object.entries(value).map(([key, inner]) => [key, jsonValue(inner)]));
  }
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  return String(value);
}

/** Previous / next for a page of the API ({number, size, totalItems, totalPages}). */
export function pager(page, go) {
  const last = Math.max(page.totalPages - 1, 0);
  return h('nav', { class: 'pager', 'aria-label': 'Pages of the list' },
    h('button', { type: 'button', disabled: page.number <= 0, onClick: () => go(page.number - 1) }, 'Previous page'),
    h('span', {}, `Page ${page.number + 1} of ${last + 1} (${page.totalItems} in all)`),
    h('button', { type: 'button', disabled: page.number >= last, onClick: () => go(page.number + 1) }, 'Next page'));
}

/** A button that asks once more before it acts: the first press arms it, the second does it. */
export function confirmButton(label, confirmLabel, action) {
  const button = h('button', { type: 'button', class: 'danger' }, label);
  let armed = false;
  button.addEventListener('click', async () => {
    if (!armed) {
      armed = true;
      button.textContent = confirmLabel;
      return;
    }
    button.disabled = true;
    await action();
  });
  button.addEventListener('blur', () => {
    armed = false;
    button.textContent = label;
  });
  return button;
}

/**
 * A table that becomes a list of labelled blocks on a narrow screen: headers, then rows of cells
 * (each cell any node or text); rowAttributes(index) gives a row's attributes.
 */
export function table(caption, headers, rows, rowAttributes = () => ({})) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'stacking' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, headers.map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, rows.map((cells, index) => h('tr', rowAttributes(index),
      cells.map((cell, column) => h('td', { 'data-label': headers[column] }, cell)))))));
}
