// The dashboard's school list: its filters (kept in the address) and the table of cases.
import { html, flag, setHtml, $, $$ } from '../html.js';
import { api } from '../api.js';
import { fmtDate, fmtNum } from '../format.js';
import { query, schoolHref } from '../paths.js';
import { badge } from '../feedback.js';

const MAX_CASE_ROWS = 300;

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
export function syncCaseFilters(form) {
  const params = new URLSearchParams(location.search);
  const values = filterValues(form);
  for (const [key, value] of Object.entries(values)) {
    if (value) params.set(key, value); else params.delete(key);
  }
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
  target.classList.add('muted');
  try {
    const data = await api('GET', '/api/cases' + query(filter), null, { signal: controller.signal });
    if (!ctx.alive() || controller !== casesRequest) return;
    setHtml(target, casesTable(data));
  } catch (err) {
    if (err.name === 'AbortError' || err.handled || !ctx.alive()) return;
    setHtml(target, html`<div class="error-box" role="alert">${err.message}</div>`);
  } finally {
    target.classList.remove('muted');
    if (controller === casesRequest) casesRequest = null;
  }
}

// Up to 40 000 schools: the rows are one string, and only the first MAX_CASE_ROWS of them.
function casesTable(data) {
  const cases = data.cases || [];
  const total = data.total === undefined ? cases.length : data.total;
  if (!cases.length) return html`<p class="empty">Школ по этим условиям не найдено</p>`;
  const shown = cases.slice(0, MAX_CASE_ROWS);
  const rows = shown.map((c) => caseRow(c, data.today || ''));
  const note = total > shown.length
    ? html`<p class="table-note warn">показаны ${fmtNum(shown.length)} из ${fmtNum(total)}, уточните поиск</p>`
    : html`<p class="table-note">Найдено школ: ${fmtNum(total)}</p>`;
  return html`<div class="table-wrap"><table class="data" id="cases-table">
    <thead><tr><th>Код</th><th>Школа</th><th>Муниципалитет</th><th>Этап</th><th>Статус</th>
      <th class="num">Открытых задач</th><th class="num">Просрочено</th><th>Ближайший срок</th></tr></thead>
    <tbody>${rows}</tbody></table></div>${note}`;
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
