// Paging of a long list: the API answers one page as {total, offset, limit, …}; this draws the
// counter «Показаны 1–50 из 40 000» between the buttons to the pages before and after, and keeps
// the page's offset in the address, so «назад» from a school returns to the same page.
import { html, flag, $$ } from './html.js';
import { fmtNum } from './format.js';

export function pageCounter(data, shown) {
  if (!data.total || !shown) return `Найдено: ${fmtNum(data.total)}`;
  return `Показаны ${fmtNum(data.offset + 1)}–${fmtNum(data.offset + shown)} из ${fmtNum(data.total)}`;
}

export function pager(id, data, shown) {
  const before = data.offset > 0;
  const after = data.offset + shown < data.total;
  return html`<div class="pager" id="${id}">
    <button type="button" class="btn btn-light btn-small" data-page="before"${flag(!before, 'disabled')}>← Предыдущие</button>
    <span class="pager-count" aria-live="polite">${pageCounter(data, shown)}</span>
    <button type="button" class="btn btn-light btn-small" data-page="after"${flag(!after, 'disabled')}>Следующие →</button></div>`;
}

// The offset of the address, 0 when it has none or a bad one.
export function offsetParam() {
  const n = Number(new URLSearchParams(location.search).get('offset'));
  return Number.isInteger(n) && n > 0 ? n : 0;
}

// Sets (or, for 0, removes) the offset in the address without a new history entry.
export function setOffsetParam(offset) {
  const params = new URLSearchParams(location.search);
  if (offset > 0) params.set('offset', String(offset)); else params.delete('offset');
  const search = params.toString();
  history.replaceState(null, '', location.pathname + (search ? '?' + search : ''));
}

// Calls go(offset) with the page a pager button asks for.
export function bindPager(root, data, go) {
  for (const button of $$('[data-page]', root)) {
    button.addEventListener('click', () => {
      const step = button.dataset.page === 'after' ? data.limit : -data.limit;
      go(Math.max(0, data.offset + step));
    });
  }
}
