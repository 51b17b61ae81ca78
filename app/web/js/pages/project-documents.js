// The project's documents: the regional order, the reports and the interview schedule with every
// version, and the interview protocols of the user's schools; the roles the engine allows
// (project_documents) make a new version of the order or a report from here.
import { html, setHtml, $, $$ } from '../html.js';
import { api } from '../api.js';
import { fmtDate } from '../format.js';
import { query, schoolHref } from '../paths.js';
import { kindName, formatName } from '../documents.js';
import { setTitle, notify, showPageError, clearPageError, lockButtons } from '../feedback.js';
import { pager, bindPager, offsetParam } from '../pager.js';

const PAGE_SIZE = 50;

export async function renderProjectDocuments(ctx) {
  setTitle('Документы проекта');
  setHtml(ctx.main, html`<div id="page-error" class="error-box" role="alert" hidden></div>
    <div class="page-head"><h1>Документы проекта</h1></div>
    <div id="project-kinds"><p class="loading">Загрузка…</p></div>
    <section class="panel"><h2>Протоколы собеседований</h2>
      <form id="protocol-filter" class="filters" novalidate>
        <label class="field"><span>Код школы</span><input type="search" name="school" value="${new URLSearchParams(location.search).get('school') || ''}"></label>
        <button type="submit" class="btn btn-light">Показать</button></form>
      <div id="protocols"></div></section>`);
  const form = $('#protocol-filter');
  form.addEventListener('submit', (event) => { event.preventDefault(); load(ctx, form, 0); });
  ctx.reload = () => load(ctx, form, offsetParam());
  await load(ctx, form, offsetParam());
}

async function load(ctx, form, offset) {
  const school = form.elements.school.value.trim();
  history.replaceState(null, '', '/documents' + query({ school, offset: offset || '' }));
  try {
    const data = await api('GET', '/api/documents' + query({ school, offset: offset || '', limit: PAGE_SIZE }));
    if (!ctx.alive()) return;
    clearPageError();
    setHtml($('#project-kinds'), html`${data.kinds.map(kindPanel)}`);
    bindMake(ctx, form);
    const target = $('#protocols');
    setHtml(target, protocolTable(data.protocols));
    bindPager(target, data.protocols, (to) => load(ctx, form, to));
  } catch (err) {
    if (!ctx.alive() || err.handled) return;
    showPageError(err.message, { reload: err.status === 0 });
  }
}

// The files of one issue (number and version) side by side: PDF, DOCX, XLSX.
function issues(documents) {
  const byIssue = new Map();
  for (const d of documents) {
    const key = d.number + '\u0000' + d.version + '\u0000' + d.stage;
    if (!byIssue.has(key)) byIssue.set(key, []);
    byIssue.get(key).push(d);
  }
  return [...byIssue.values()];
}

function fileLinks(files) {
  return html`${files.map((d) => html`<a class="download" href="${d.url}" download>${formatName(d)}</a> `)}`;
}

function kindPanel(kind) {
  const rows = issues(kind.documents);
  const make = kind.may_make
    ? html`<button type="button" class="btn" data-make="${kind.kind}">${rows.length ? 'Составить новую версию' : 'Составить'}</button>`
    : kind.kind === 'interview-schedule' ? html`<a href="/tools">Составить в инструментах куратора</a>` : '';
  const table = rows.length
    ? html`<div class="table-wrap"><table class="data" data-kind="${kind.kind}"><thead><tr><th>№</th><th>Дата</th><th class="num">Версия</th><th>Файлы</th></tr></thead>
      <tbody>${rows.map((files, i) => html`<tr${i ? ' class="muted"' : ''}><td class="nowrap">${files[0].number}</td>
        <td class="nowrap">${fmtDate(files[0].date)}</td><td class="num">${files[0].version}${i ? '' : html` <span class="small">(действующая)</span>`}</td>
        <td>${fileLinks(files)}</td></tr>`)}</tbody></table></div>`
    : html`<p class="empty">Ещё не составлен</p>`;
  return html`<section class="panel"><div class="panel-head"><h2>${kindName(kind.kind)}</h2>${make}</div>${table}</section>`;
}

function protocolTable(page) {
  const rows = page.rows || [];
  if (!rows.length) return html`<p class="empty">Протоколов нет</p>`;
  return html`<div class="list-bar">${pager('protocol-pager', page, rows.length)}</div>
    <div class="table-wrap"><table class="data" id="protocol-table"><thead><tr><th>Школа</th><th>Этап</th><th>№</th><th>Дата</th><th class="num">Версия</th><th>Файлы</th></tr></thead>
    <tbody>${rows.map((r) => protocolRow(r, r.files[0]))}</tbody></table></div>`;
}

function protocolRow(r, d) {
  return html`<tr><td><a href="${schoolHref(r.school)}">${r.school_name}</a><div class="muted small">${r.school}</div></td>
    <td>${d.stage}</td><td class="nowrap">${d.number}</td><td class="nowrap">${fmtDate(d.date)}</td>
    <td class="num">${d.version}</td><td>${fileLinks(r.files)}</td></tr>`;
}

function bindMake(ctx, form) {
  for (const button of $$('[data-make]')) {
    button.addEventListener('click', () => make(ctx, form, button));
  }
}

async function make(ctx, form, button) {
  const kind = button.dataset.make;
  const question = `Составить новую версию документа «${kindName(kind)}»? Он будет внесён в реестр под тем же номером, прежняя версия сохранится.`;
  if (!window.confirm(question)) return;
  const unlock = lockButtons($('#project-kinds'), button);
  try {
    const data = await api('POST', '/api/documents', { template: kind });
    if (!ctx.alive()) return;
    notify('ok', `Составлен документ «${kindName(kind)}»`, data.documents);
    await load(ctx, form, offsetParam());
  } catch (err) {
    if (!ctx.alive() || err.handled) return;
    showPageError(err.message);
  } finally {
    unlock();
  }
}
