// Markup built from template strings, escaped by default, and the two DOM look-ups every page uses.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value) {
  return String(value === null || value === undefined ? '' : value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// Markup that is already safe. The html`` tag escapes every interpolated value unless it is
// Safe, so forgetting esc() cannot let a school name like «<b>» into the page.
export class Safe {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
}

function piece(value) {
  if (value instanceof Safe) return value.text;
  if (Array.isArray(value)) return value.map(piece).join('');
  if (value === null || value === undefined || value === false) return '';
  return esc(value);
}

export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1];
  return new Safe(out);
}

// An attribute written only when `on`: html`<option${flag(x, 'selected')}>`.
export function flag(on, attribute) {
  return on ? new Safe(' ' + attribute) : '';
}

export function setHtml(element, markup) {
  element.innerHTML = piece(markup);
}

export const $ = (selector, root) => (root || document).querySelector(selector);
export const $$ = (selector, root) => Array.from((root || document).querySelectorAll(selector));
