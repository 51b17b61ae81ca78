// The outbox: the reminder letters, filtered by status and day. Only for users with the
// `outbox` capability: the router keeps the page from others.
import { html, flag, setHtml, $ } from '../html.js';
import { api } from '../api.js';
import { fmtDate, fmtNum } from '../format.js';
import { query } from '../paths.js';
import { setTitle, badge, showPageError, clearPageError } from '../feedback.js';
import { pager, bindPager, offsetParam } from '../pager.js';

const PAGE_SIZE = 50;

// The filter's choices; a letter itself shows the engine's word for its status (status_name), the
// one `shnor outbox` prints, and this word only from a server that does not send it yet.
const LETTER_STATUS = { planned: 'запланировано', sending: 'отправляется', sent: 'отправлено', failed: 'ошибка' };
// The API gives a recipient's role as its code only.
const RECIPIENT_ROLES = { administrator: 'администратор', curator: 'куратор', coordinator: 'координатор', school: 'школа', observer: 'наблюдатель' };

export async function renderOutbox(ctx) {
  setTitle('Рассылка напоминаний');
  const params = new URLSearchParams(location.search);
  setHtml(ctx.main, html`<div id="page-error" class="error-box" role="alert" hidden></div>
    <div class="page-head"><h1>Рассылка напоминаний</h1></div>
    <section class="panel">${outboxFilter(params.get('status') || '', params.get('day') || '')}
      <div id="outbox-result"><p class="loading">Загрузка…</p></div></section>`);
  const form = $('#outbox-filter');
  bindOutboxFilter(ctx, form);
  await loadOutbox(ctx, form, offsetParam());
}

function outboxFilter(status, day) {
  const options = [['', 'Все']].concat(Object.entries(LETTER_STATUS));
  return html`<form id="outbox-filter" class="filters" novalidate>
    <label class="field"><span>Статус</span><select name="status">${options.map(([v, t]) =>
      html`<option value="${v}"${flag(v === status, 'selected')}>${t}</option>`)}</select></label>
    <label class="field"><span>День</span><input type="date" name="day" value="${day}"></label>
    <button type="button" class="btn btn-light" data-reset>Сбросить</button></form>`;
}

function bindOutboxFilter(ctx, form) {
  form.addEventListener('change', () => loadOutbox(ctx, form));
  form.addEventListener('submit', (event) => { event.preventDefault(); loadOutbox(ctx, form); });
  $('[data-reset]', form).addEventListener('click', () => {
    form.elements.status.value = '';
    form.elements.day.value = '';
    loadOutbox(ctx, form);
  });
}

let outboxSeq = 0;

// Only the table reloads, so the date field keeps its focus; the filter and the page stay in the
// address. A changed filter starts from the first page.
async function loadOutbox(ctx, form, offset = 0) {
  const filter = { status: form.elements.status.value, day: form.elements.day.value };
  const page = { offset: offset || '' };
  history.replaceState(null, '', '/outbox' + query(Object.assign({}, filter, page)));
  const seq = ++outboxSeq; // an older answer arriving late must not replace a newer one
  const target = $('#outbox-result');
  target.classList.add('muted');
  try {
    const data = await api('GET', '/api/outbox' + query(Object.assign({}, filter, page, { limit: PAGE_SIZE })));
    if (!ctx.alive() || seq !== outboxSeq) return;
    if (!data.letters.length && offset > 0) return loadOutbox(ctx, form, 0); // fewer letters now
    clearPageError();
    setHtml(target, outboxTable(data));
    bindPager(target, data, (to) => loadOutbox(ctx, form, to));
  } catch (err) {
    if (!ctx.alive() || err.handled || seq !== outboxSeq) return;
    target.textContent = '';
    showPageError(err.message, { reload: err.status === 0 });
  } finally {
    target.classList.remove('muted');
  }
}

function outboxTable(data) {
  const counts = data.counts || {};
  const letters = data.letters || [];
  const summary = html`<div class="counts">
    <span>Запланировано: <strong>${fmtNum(counts.planned)}</strong></span>
    <span>Отправляются: <strong>${fmtNum(counts.sending || 0)}</strong></span>
    <span>Отправлено: <strong>${fmtNum(counts.sent)}</strong></span>
    <span>Ошибки: <strong class="${counts.failed ? 'late' : ''}">${fmtNum(counts.failed)}</strong></span></div>`;
  if (!letters.length) return html`${summary}<p class="empty">Писем по этим условиям нет</p>`;
  return html`${summary}<div class="list-bar">${pager('outbox-pager', data, letters.length)}</div>
    <div class="table-wrap"><table class="data" id="outbox-table">
    <thead><tr><th>День</th><th>Получатель</th><th>Роль</th><th>Тема</th><th class="num">Пунктов</th>
      <th>Статус</th><th class="num">Попыток</th><th>Последняя ошибка</th><th>Примечание</th></tr></thead>
    <tbody>${letters.map(letterRow)}</tbody></table></div>`;
}

function letterRow(l) {
  const r = l.recipient || {};
  return html`<tr data-letter="${l.id}"><td class="nowrap">${fmtDate(l.day)}</td>
    <td>${r.name}<div class="muted small">${r.email}</div></td><td>${RECIPIENT_ROLES[r.role] || r.role}</td>
    <td>${l.subject}</td><td class="num">${l.items}${l.escalations ? html`<div class="muted small">эскалаций: ${l.escalations}</div>` : ''}</td>
    <td>${badge({ code: l.status, name: l.status_name || LETTER_STATUS[l.status] || l.status })}</td>
    <td class="num">${l.attempts}</td><td class="pre small">${l.last_error}</td>
    <td class="small">${l.remark || ''}</td></tr>`;
}
