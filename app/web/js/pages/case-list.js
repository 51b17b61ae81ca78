// The dashboard's school list: its filters and page (kept in the address), one page of the table
// of cases, and the whole list with the same filters as a CSV or XLSX download.
import { html, flag, setHtml, $, $$ } from '../html.js';
import { api } from '../api.js';
import { fmtDate } from '../format.js';
import { query, schoolHref } from '../paths.js';
import { badge } from '../feedback.js';
import { pager, bindPager, offsetParam, setOffsetParam } from '../pager.js';

const PAGE_SIZE = 50;

// The case filter's choices: the API filters by these codes.
const CASE_STATUSES = [['', 'Все'], ['active', 'В работе'], ['completed', 'Завершили'], ['withdrawn', 'Выведены']];

export function caseFilters(campaign, params) {
  const stage = params.get('stage') || '';
  const status = params.get('status') || '';
  return html`<form id="cases-filter" class="filters" novalidate>
    <label class="field"><span>Этап</span><select name="stage"><option value="">Все этапы</option>
      ${(campaign.stages || []).map((s) => html`<option value="${s.id}"${flag(s.id === stage, 'selected')}>Этап ${s.id} — ${s.title}</option>`)}</select></label>
    <label class="field"><span>Статус</span><select name="status">
      ${CASE_STATUSES.map(([v, t]) => html`<option value="${v}"${flag(v === status, 'selected')}>${t}</option>`)}</select></label>
    <label class="check"><input type="checkbox" name="overdue"${flag(params.get('overdue') === '1', 'checked')}> только просроченные</label>
    <label class="field"><span>Поиск</span><input type="search" name="q" value="${params.get('q') || ''}" placeholder="название или код школы" size="30"></label>
  </form>`;
}

function filterValues(form) {
  return { stage: form.elements.stage.value, status: form.elements.status.value,
    overdue: form.elements.overdue.checked ? '1' : '', q: form.elements.q.value.trim() };
}

// The list filters live in the address too, so «назад» from a school returns to the same list.
// A changed filter starts again from the first page.
export function syncCaseFilters(form) {
  const params = new URLSearchParams(location.search);
  const values = filterValues(form);
  for (const [key, value] of Object.entries(values)) {
    if (value) params.set(key, value); else params.delete(key);
  }
  params.delete('offset');
  history.replaceState(null, '', '/' + query(Object.fromEntries(params)));
  for (const c of $$('.stage-card')) c.classList.toggle('selected', c.dataset.stage === values.stage);
}

let casesRequest = null;

export async function loadCases(ctx) {
  const form = $('#cases-filter');
  const target = $('#cases-result');
  if (!form || !target) return;
  if (casesRequest) casesRequest.abort(); // typing fast must not let an old answer win
  const controller = new AbortController();
  casesRequest = controller;
  const municipality = new URLSearchParams(location.search).get('municipality') || '';
  const filter = Object.assign({ municipality }, filterValues(form));
  const offset = offsetParam();
  target.classList.add('muted');
  try {
    const page = { offset: offset || '', limit: PAGE_SIZE };
    const data = await api('GET', '/api/cases' + query(Object.assign({}, filter, page)), null, { signal: controller.signal });
    if (!ctx.alive() || controller !== casesRequest) return;
    if (!data.cases.length && offset > 0) { // the list got shorter since the address was made
      setOffsetParam(0);
      casesRequest = null;
      return loadCases(ctx);
    }
    setHtml(target, casesTable(data, filter));
    bindPager(target, data, (to) => { setOffsetParam(to); loadCases(ctx); });
  } catch (err) {
    if (err.name === 'AbortError' || err.handled || !ctx.alive()) return;
    setHtml(target, html`<div class="error-box" role="alert">${err.message}</div>`);
  } finally {
    target.classList.remove('muted');
    if (controller === casesRequest) casesRequest = null;
  }
}

function casesTable(data, filter) {
  const cases = data.cases || [];
  if (!cases.length) return html`<p class="empty">Школ по этим условиям не найдено</p>`;
  const rows = cases.map((c) => caseRow(c, data.today || ''));
  return html`<div class="list-bar">${pager('cases-pager', data, cases.length)}${downloads(filter)}</div>
    <div class="table-wrap"><table class="data" id="cases-table">
    <thead><tr><th>Код</th><th>Школа</th><th>Муниципалитет</th><th>Этап</th><th>Статус</th>
      <th class="num">Открытых задач</th><th class="num">Просрочено</th><th>Ближайший срок</th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

// The whole list with the same filters, every page of it.
function downloads(filter) {
  const q = query(filter);
  return html`<div class="downloads" id="cases-downloads">
    <a class="download" href="/api/cases/export.csv${q}" download data-export="csv">Скачать CSV</a>
    <a class="download" href="/api/cases/export.xlsx${q}" download data-export="xlsx">Скачать XLSX</a></div>`;
}

function caseRow(c, today) {
  const href = schoolHref(c.code);
  const late = c.next_due && today && c.next_due < today;
  return html`<tr data-school="${c.code}"><td class="code"><a href="${href}">${c.code}</a></td>
    <td><a href="${href}">${c.name}</a></td><td>${c.municipality}</td><td class="nowrap">${c.stage}</td>
    <td>${badge(c.status)}</td><td class="num">${c.open_tasks}</td>
    <td class="num${c.overdue_tasks ? ' late' : ''}">${c.overdue_tasks}</td>
    <td class="nowrap${late ? ' late' : ''}">${fmtDate(c.next_due)}</td></tr>`;
}
