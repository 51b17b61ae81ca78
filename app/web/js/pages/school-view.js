// The school page's panels, drawn from the case (GET /api/cases/SCHOOL) and the campaign. Which
// buttons appear is the engine's answer: the case's `actions` (what this case allows now), within
// the user's capabilities from /api/me (what the user may do at all); nothing here decides it.
import { html, flag } from '../html.js';
import { fmtDate, fmtDateTime } from '../format.js';
import { caseApi, query } from '../paths.js';
import { stageTitle, stageIds } from '../campaign.js';
import { kindName, formatName } from '../documents.js';
import { badge } from '../feedback.js';
import { can } from '../session.js';

const TASK_ACTIONS = { submit: 'Сдать', approve: 'Утвердить', return: 'Вернуть на доработку' };
const OVERRIDE_SUFFIX = ' за другого участника';

// The audit log names a command by its code only.
const COMMAND_NAMES = {
  advance: 'перевод на следующий этап', return: 'возврат на предыдущий этап', withdraw: 'вывод из проекта',
  reinstate: 'возврат в проект', complete: 'завершение проекта', 'task-submit': 'задача сдана',
  'task-approve': 'задача утверждена', 'task-return': 'задача возвращена на доработку',
  'task-extend': 'срок задачи продлён', recompute: 'пересчёт сроков'
};

export function schoolMarkup(school) {
  const d = school.data;
  const c = school.campaign;
  return html`${schoolHeader(d, c)}
    <section class="panel"><h2>Этапы</h2>${timeline(d, c)}</section>
    ${caseActions(d)}
    <section class="panel"><h2>Задачи</h2>${taskSections(school)}</section>
    <section class="panel"><h2>Документы</h2>${documentsBlock(d)}</section>
    ${peopleBlock(d)}
    <section class="panel"><h2>История</h2>${historyTable(d)}</section>`;
}

function schoolHeader(d, c) {
  const s = d.school || {};
  const stage = d.stage || {};
  const title = stage.title || stageTitle(c, stage.id);
  const win = stage.window ? ` (${fmtDate(stage.window.from)} – ${fmtDate(stage.window.to)})` : '';
  return html`<section class="panel"><a class="back" href="/">← Сводка</a>
    <div class="school-head"><div><h1>${s.name || s.code}</h1>
      <dl class="facts"><dt>Код</dt><dd class="code">${s.code}</dd>
        <dt>Муниципалитет</dt><dd>${s.municipality || '—'}</dd>
        <dt>Список</dt><dd>${s.list || '—'}</dd>
        <dt>Школа-партнёр</dt><dd>${s.partner_school || '—'}</dd></dl></div>
      <div class="case-state"><div>${badge(d.status)}</div>
        <p id="case-stage" class="case-stage">Этап ${stage.id}${title ? ' — ' + title : ''}</p>
        <div class="muted small">${win}</div>
        <div class="muted small">версия дела <span id="case-version">${d.version}</span></div></div></div></section>`;
}

function timeline(d, c) {
  const stages = (c && c.stages && c.stages.length) ? c.stages : [d.stage || {}];
  const current = stages.findIndex((s) => s.id === (d.stage && d.stage.id));
  const completed = d.status && d.status.code === 'completed';
  return html`<ol class="timeline">${stages.map((s, i) => {
    const cls = completed || i < current ? 'done' : i === current ? 'current' : 'future';
    const mark = cls === 'done' ? '✓ пройден' : cls === 'current' ? 'текущий' : '';
    const win = s.window ? `${fmtDate(s.window.from)} – ${fmtDate(s.window.to)}` : '';
    return html`<li class="${cls}" data-stage="${s.id}"${flag(cls === 'current', 'aria-current="step"')}>
      <span class="tl-mark">${mark}</span><span class="tl-id">Этап ${s.id}</span>
      <div>${s.title}</div><div class="tl-window">${win}</div></li>`;
  })}</ol>`;
}

function caseActions(d) {
  const a = d.actions || {};
  if (!can('change_cases')) return '';
  const buttons = [];
  if (a.advance) {
    buttons.push(html`<span class="advance-group" id="advance-group">
      <button type="button" class="btn btn-ok" data-case-action="advance">Перевести на следующий этап</button>
      <label class="check"><input type="checkbox" name="force"> досрочно (до открытия окна)</label>
      <span class="force-reason"></span></span>`);
  }
  if (a.return) buttons.push(html`<button type="button" class="btn btn-light" data-case-action="return">Вернуть на предыдущий этап</button>`);
  if (a.complete) buttons.push(html`<button type="button" class="btn btn-ok" data-case-action="complete">Завершить проект</button>`);
  if (a.reinstate) buttons.push(html`<button type="button" class="btn btn-light" data-case-action="reinstate">Вернуть в проект</button>`);
  if (a.withdraw) buttons.push(html`<button type="button" class="btn btn-danger" data-case-action="withdraw">Вывести из проекта</button>`);
  if (!buttons.length) return '';
  return html`<section class="panel" id="case-actions-panel"><h2>Действия</h2>
    <div class="case-actions">${buttons}</div><div id="case-form"></div></section>`;
}

// The current stage's tasks first, then each earlier or later stage folded, in workflow order.
function taskSections(school) {
  const d = school.data;
  const currentId = d.stage && d.stage.id;
  const byStage = tasksByStage(d.tasks || []);
  const current = byStage.get(currentId) || [];
  byStage.delete(currentId);
  const order = stageIds(school.campaign);
  const rank = (id) => { const i = order.indexOf(id); return i < 0 ? order.length : i; };
  const otherIds = Array.from(byStage.keys()).sort((x, y) => rank(x) - rank(y));
  const head = html`<h3>Этап ${currentId} (текущий)</h3>`;
  const main = current.length ? taskTable(current, school, 'tasks-current') : html`<p class="empty">На текущем этапе задач нет</p>`;
  return html`${head}${main}${otherIds.map((id) => otherStageTasks(school, id, byStage.get(id)))}`;
}

function tasksByStage(tasks) {
  const byStage = new Map();
  for (const t of tasks) {
    if (!byStage.has(t.stage)) byStage.set(t.stage, []);
    byStage.get(t.stage).push(t);
  }
  return byStage;
}

function otherStageTasks(school, id, list) {
  const late = list.filter((t) => isLate(t, school)).length;
  const title = stageTitle(school.campaign, id);
  return html`<details class="stage-tasks" data-stage="${id}"${flag(school.openStages.has(id), 'open')}>
    <summary>Этап ${id}${title ? ' — ' + title : ''} · задач: ${list.length}${late ? ', просрочено: ' + late : ''}</summary>
    ${taskTable(list, school, 'tasks-' + id)}</details>`;
}

function isLate(task, school) {
  const today = school.campaign && school.campaign.today;
  return !!(task.due && today && task.due < today && task.status && task.status.code !== 'approved');
}

function taskTable(tasks, school, id) {
  const rows = tasks.map((t) => html`<tr data-task="${t.id}"><td>${t.title || t.task_id}</td><td>${t.period_text}</td>
    <td class="nowrap">${taskDue(t, school)}</td><td>${badge(t.status)}</td><td class="pre">${t.comment}</td>
    <td><div class="cell-actions">${taskButtons(t, school.data.actions || {})}</div></td></tr>`);
  return html`<div class="table-wrap tall"><table class="data tasks" id="${id}">
    <thead><tr><th>Задача</th><th>Период</th><th>Срок</th><th>Статус</th><th>Комментарий</th><th>Действия</th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

function taskDue(t, school) {
  const late = isLate(t, school);
  return html`<span class="${late ? 'late' : ''}">${fmtDate(t.due) || '—'}</span>
    ${t.extended ? html` <span class="badge extended">продлён</span>` : ''}
    ${late ? html` <span class="badge overdue">просрочено</span>` : ''}`;
}

// actions.tasks: task reference -> the actions the engine accepts from this user as the task's
// owner or reviewer; actions.overrides: those it accepts only as an explicit override, with a
// reason, for the participant whose step it is.
function taskButtons(t, actions) {
  if (!can('change_cases')) return [];
  const own = knownActions((actions.tasks || {})[t.id]);
  const buttons = own.map((a) =>
    html`<button type="button" class="btn btn-small${a === 'return' ? ' btn-light' : a === 'approve' ? ' btn-ok' : ''}" data-action="${a}">${TASK_ACTIONS[a]}</button>`);
  if (can('override_reviews')) buttons.push(...knownActions((actions.overrides || {})[t.id]).map(overrideButton));
  if (actions.extend && can('extend_deadlines')) buttons.push(html`<button type="button" class="btn btn-small btn-light" data-action="extend">Продлить срок</button>`);
  return buttons;
}

function knownActions(list) {
  return (Array.isArray(list) ? list : []).filter((a) => TASK_ACTIONS[a]);
}

// data-override-action, not data-action: no click can run it as a plain command.
function overrideButton(action) {
  return html`<button type="button" class="btn btn-small btn-override" data-override-action="${action}"
    title="Вы не участник этого шага: действие записывается как выполненное за другого участника, с причиной">${TASK_ACTIONS[action]}${OVERRIDE_SUFFIX}</button>`;
}

export function overrideLabel(action) {
  return TASK_ACTIONS[action] + OVERRIDE_SUFFIX;
}

function documentsBlock(d) {
  const docs = d.documents || [];
  if (!docs.length) return html`<p class="empty">Документов пока нет</p>`;
  const rows = docs.map((doc) => html`<tr data-document-id="${doc.id}"><td>${doc.number}</td><td>${kindName(doc.kind)}</td>
    <td class="nowrap">${fmtDate(doc.date)}</td><td>${doc.stage}</td><td>${formatName(doc)}</td>
    <td class="num">${doc.version}</td><td><a class="download" href="${doc.url}" download>Скачать</a></td></tr>`);
  return html`<div class="table-wrap"><table class="data" id="documents-table">
    <thead><tr><th>Номер</th><th>Вид</th><th>Дата</th><th>Этап</th><th>Формат</th><th class="num">Версия</th><th></th></tr></thead>
    <tbody>${rows}</tbody></table></div><div class="packages">${packageLinks(d)}</div>`;
}

// One ZIP per stage that has documents, in the order the documents list them.
function packageLinks(d) {
  const stages = [];
  for (const doc of d.documents || []) if (doc.stage && !stages.includes(doc.stage)) stages.push(doc.stage);
  const code = (d.school && d.school.code) || '';
  return stages.map((s) => html`<a class="package" href="${caseApi(code) + '/package' + query({ stage: s })}" download>Пакет этапа ${s} (ZIP)</a>`);
}

function peopleBlock(d) {
  const people = d.people || [];
  if (!people.length) return '';
  const rows = people.map((p) => html`<tr><td>${p.role && p.role.name}</td><td>${p.full_name}</td>
    <td>${p.email ? html`<a href="mailto:${p.email}">${p.email}</a>` : ''}</td><td class="nowrap">${p.phone}</td></tr>`);
  return html`<section class="panel"><h2>Ответственные</h2><div class="table-wrap"><table class="data" id="people-table">
    <thead><tr><th>Роль</th><th>ФИО</th><th>Почта</th><th>Телефон</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

// Newest first; events of the same second by their id.
function historyTable(d) {
  const events = (d.history || []).slice().sort((a, b) =>
    String(b.at || '').localeCompare(String(a.at || '')) || (Number(b.id) || 0) - (Number(a.id) || 0));
  if (!events.length) return html`<p class="empty">Записей нет</p>`;
  const rows = events.map((e) => html`<tr data-event="${e.id}"><td class="nowrap">${fmtDateTime(e.at_local || e.at)}</td>
    <td>${e.actor}${e.actor_login ? html`<br><span class="muted">${e.actor_login}</span>` : ''}</td><td>${COMMAND_NAMES[e.command] || e.command}${eventNote(e, d)}</td>
    <td class="nowrap">${e.from || e.to ? `${e.from || '—'} → ${e.to || '—'}` : ''}</td><td class="pre">${e.reason}</td></tr>`);
  return html`<div class="table-wrap"><table class="data" id="history-table">
    <thead><tr><th>Дата</th><th>Кто</th><th>Действие</th><th>Из → в</th><th>Причина</th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

// The event's details name the task (by its id) and whether the move was forced.
function eventNote(event, d) {
  const details = event.details && typeof event.details === 'object' ? event.details : {};
  const notes = [];
  if (details.task) {
    const task = (d.tasks || []).find((t) => t.id === details.task);
    notes.push(task ? task.title + (task.period_text ? ` (${task.period_text})` : '') : details.task);
  }
  if (details.force) notes.push('досрочно');
  return notes.length ? html`<div class="muted small">${notes.join(' · ')}</div>` : '';
}
