// The curator's tools: a stage's bulk advance, with a result per school, and the interview
// schedule, each shown to whoever the engine gives its capability (bulk_advance,
// interview_schedule); the router keeps the page from anyone with neither.
import { html, setHtml, $ } from '../html.js';
import { api } from '../api.js';
import { fmtDate, fmtNum, parseUserDate } from '../format.js';
import { schoolHref } from '../paths.js';
import { can } from '../session.js';
import { getCampaign, stageTitle } from '../campaign.js';
import { rememberMunicipalities, municipalityOptions } from '../municipalities.js';
import { documentItem } from '../documents.js';
import { setTitle, notify, showPageError, clearPageError, lockButtons } from '../feedback.js';

// The capabilities this page has a tool for.
export const CURATOR_TOOLS = ['bulk_advance', 'interview_schedule'];
const MAX_RESULT_ROWS = 1000;

export async function renderTools(ctx) {
  setTitle('Инструменты куратора');
  const bulk = can('bulk_advance');
  const [campaign, dash] = await Promise.all([getCampaign(), bulk ? dashboardOrNull() : null]);
  if (!ctx.alive()) return;
  if (dash) rememberMunicipalities(dash, '');
  setHtml(ctx.main, html`<div id="page-error" class="error-box" role="alert" hidden></div>
    <div class="page-head"><h1>Инструменты куратора</h1></div>
    ${bulk ? bulkPanel(campaign) : ''}
    ${can('interview_schedule') ? schedulePanel() : ''}`);
  bindTools(ctx, campaign);
}

// Only for the municipality select: the bulk advance works without it (all municipalities).
function dashboardOrNull() {
  return api('GET', '/api/dashboard').catch((err) => { if (err.handled) throw err; return null; });
}

function bulkPanel(campaign) {
  const stageOptions = (campaign.stages || []).map((s) => html`<option value="${s.id}">Этап ${s.id} — ${s.title}</option>`);
  return html`<section class="panel"><h2>Перевод школ этапа на следующий этап</h2>
    <p class="muted small">Переводятся все школы выбранного этапа (в выбранном муниципалитете), у которых выполнены условия перевода. По остальным будет указана причина отказа.</p>
    <form id="bulk-form" novalidate>
      <div class="form-grid">
        <label class="field"><span>Этап, с которого переводить</span><select name="stage">${stageOptions}</select></label>
        <label class="field"><span>Муниципалитет</span><select name="municipality">${municipalityOptions('')}</select></label>
        <label class="check"><input type="checkbox" name="force"> досрочно (до открытия окна)</label>
        <label class="field"><span>Причина досрочного перевода</span><input type="text" name="reason" maxlength="2000"></label>
      </div>
      <div class="form-actions"><button type="submit" class="btn" data-bulk-submit>Перевести школы</button></div>
    </form>
    <div id="bulk-results"></div></section>`;
}

function schedulePanel() {
  return html`<section class="panel"><h2>График собеседований</h2>
    <form id="schedule-form" novalidate>
      <div class="form-grid">
        <label class="field"><span>Дни собеседований (по одному в строке: ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)</span>
          <textarea name="days" rows="4" placeholder="04.03.2024&#10;05.03.2024"></textarea></label>
        <div class="field"><span>Добавить день из календаря</span>
          <div class="form-actions"><input type="date" name="pick"><button type="button" class="btn btn-light" data-add-day>Добавить</button></div></div>
        <label class="field"><span>Часы приёма</span><input type="text" name="hours" value="09:00-17:00" placeholder="09:00-17:00"></label>
        <label class="field"><span>Обед (пусто — без перерыва)</span><input type="text" name="lunch" value="13:00-14:00" placeholder="13:00-14:00"></label>
      </div>
      <div class="form-actions"><button type="submit" class="btn">Составить график</button></div>
    </form>
    <div id="schedule-results"></div></section>`;
}

function bindTools(ctx, campaign) {
  const bulk = $('#bulk-form');
  if (bulk) bulk.addEventListener('submit', (event) => { event.preventDefault(); submitBulk(ctx, bulk, campaign); });
  const schedule = $('#schedule-form');
  if (!schedule) return;
  schedule.addEventListener('submit', (event) => { event.preventDefault(); submitSchedule(ctx, schedule); });
  $('[data-add-day]', schedule).addEventListener('click', () => addPickedDay(schedule));
}

// The calendar's day goes into the list once, written as the user writes dates.
function addPickedDay(form) {
  const picked = form.elements.pick.value;
  if (!picked) return;
  const area = form.elements.days;
  const lines = area.value.split('\n').map((l) => l.trim()).filter(Boolean);
  if (!lines.some((l) => parseUserDate(l) === picked)) lines.push(fmtDate(picked));
  area.value = lines.join('\n');
}

async function submitBulk(ctx, form, campaign) {
  const stage = form.elements.stage.value;
  const municipality = form.elements.municipality.value;
  const force = form.elements.force.checked;
  const reason = form.elements.reason.value.trim();
  if (!stage) return;
  if (force && !reason) { showPageError('Для досрочного перевода укажите причину'); form.elements.reason.focus(); return; }
  const where = municipality ? `муниципалитета «${municipality}»` : 'всех муниципалитетов';
  const question = `Перевести школы этапа ${stage} (${stageTitle(campaign, stage)}) ${where} на следующий этап${force ? ' досрочно' : ''}?`;
  if (!window.confirm(question)) return;
  clearPageError();
  const target = $('#bulk-results');
  setHtml(target, html`<p class="loading">Переводим школы…</p>`);
  const unlock = lockButtons(form, $('[data-bulk-submit]', form));
  try {
    const started = await api('POST', `/api/stages/${encodeURIComponent(stage)}/advance`, { municipality, force, reason });
    const job = await followJob(ctx, started.job, (j) => setHtml(target, bulkProgress(j)));
    if (!job) return;
    if (job.state === 'failed') throw new Error(job.error || 'Перевод не завершён');
    const data = job.result;
    setHtml(target, bulkResults(data));
    notify('ok', `Переведено ${fmtNum(data.advanced)} из ${fmtNum(data.total)}`);
  } catch (err) {
    if (!ctx.alive() || err.handled) return;
    target.textContent = '';
    showPageError(err.message);
  } finally {
    unlock();
  }
}

// A long job's progress, asked for twice a second until it has finished; null when the user
// has left the page meanwhile.
async function followJob(ctx, job, show) {
  let current = job;
  while (current.state === 'running') {
    show(current);
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (!ctx.alive()) return null;
    current = (await api('GET', `/api/jobs/${encodeURIComponent(current.id)}`)).job;
  }
  return ctx.alive() ? current : null;
}

function bulkProgress(job) {
  const total = job.total || 0;
  const percent = total ? Math.round((100 * job.done) / total) : 0;
  return html`<div class="job-progress" role="status" aria-live="polite">
    <p class="loading">Переводим школы: обработано ${fmtNum(job.done)} из ${total ? fmtNum(total) : '…'}${job.refused ? html`, отказов — ${fmtNum(job.refused)}` : ''}</p>
    <progress max="100" value="${percent}">${percent} %</progress></div>`;
}

function bulkResults(data) {
  const results = data.results || [];
  // Refusals are what needs the curator's attention: they come first.
  const sorted = results.filter((r) => !r.applied).concat(results.filter((r) => r.applied));
  const shown = sorted.slice(0, MAX_RESULT_ROWS);
  const note = results.length > shown.length ? html`<p class="table-note warn">показаны ${fmtNum(shown.length)} из ${fmtNum(results.length)}</p>` : '';
  return html`<p class="result-summary">Переведено ${fmtNum(data.advanced)} из ${fmtNum(data.total)}</p>
    ${results.length ? html`<div class="table-wrap"><table class="data" id="bulk-table">
      <thead><tr><th>Код</th><th>Школа</th><th>Муниципалитет</th><th>Итог</th><th>Сообщение</th></tr></thead>
      <tbody>${shown.map(bulkRow)}</tbody></table></div>${note}` : html`<p class="empty">На этом этапе нет школ</p>`}`;
}

function bulkRow(r) {
  return html`<tr data-school="${r.school_code}" class="${r.applied ? 'applied' : 'refused'}">
    <td class="code"><a href="${schoolHref(r.school_code)}">${r.school_code}</a></td><td>${r.school_name}</td>
    <td>${r.municipality}</td><td>${r.applied ? html`<span class="badge applied">переведена</span>` : html`<span class="badge refused">отказ</span>`}</td>
    <td class="pre">${r.message}</td></tr>`;
}

// The days as ISO, sorted and without repeats; null (and the error shown) for a date the
// user mistyped or an empty list.
function scheduleDays(form) {
  const tokens = form.elements.days.value.split(/[\s,;]+/).filter(Boolean);
  const days = [];
  for (const token of tokens) {
    const iso = parseUserDate(token);
    if (!iso) { showPageError(`Не понимаю дату «${token}»: пишите ДД.ММ.ГГГГ или ГГГГ-ММ-ДД`); return null; }
    if (!days.includes(iso)) days.push(iso);
  }
  if (!days.length) { showPageError('Укажите хотя бы один день собеседований'); form.elements.days.focus(); return null; }
  return days.sort();
}

async function submitSchedule(ctx, form) {
  const days = scheduleDays(form);
  if (!days) return;
  const hours = form.elements.hours.value.trim() || '09:00-17:00';
  const lunch = form.elements.lunch.value.trim();
  clearPageError();
  const target = $('#schedule-results');
  const unlock = lockButtons(form, $('button[type=submit]', form));
  try {
    const data = await api('POST', '/api/interview-schedule', { days, hours, lunch });
    if (!ctx.alive()) return;
    const docs = data.documents || [];
    setHtml(target, html`<p class="result-summary">График составлен</p>
      ${docs.length ? html`<ul class="doc-list">${docs.map(documentItem)}</ul>` : html`<p class="empty">Документы не составлены</p>`}`);
    notify('ok', 'График собеседований составлен', docs);
  } catch (err) {
    if (!ctx.alive() || err.handled) return;
    target.textContent = '';
    showPageError(err.message);
  } finally {
    unlock();
  }
}
