// A school's page: the case on screen, and the clicks and forms that turn into commands.
import { html, setHtml, $ } from '../html.js';
import { api } from '../api.js';
import { caseApi } from '../paths.js';
import { getCampaign, stageIds } from '../campaign.js';
import { setTitle, notify, showPageError, clearPageError, lockButtons } from '../feedback.js';
import { schoolMarkup, overrideLabel } from './school-view.js';
import { closeForms, reasonForm, extendForm, overrideForm, openTaskForm, openCaseForm, showForceReason, formError } from './school-forms.js';
import { runCaseCommand, runTaskCommand } from './school-commands.js';

export async function renderSchool(ctx, code) {
  setTitle('Школа ' + code);
  const [campaign, data] = await Promise.all([getCampaign(), api('GET', caseApi(code))]);
  if (!ctx.alive()) return;
  setHtml(ctx.main, html`<div id="page-error" class="error-box" role="alert" hidden></div>
    <section id="school-page" data-school="${(data.school && data.school.code) || code}"></section>`);
  // busy: a command is running; openStages: the folded stages the user opened, kept on redraw.
  const school = { ctx, code, data, campaign, root: $('#school-page'), busy: false, openStages: new Set() };
  school.redraw = () => drawSchool(school);
  ctx.reload = () => reloadCase(school);
  bindSchool(school);
  drawSchool(school);
}

function bindSchool(school) {
  const root = school.root;
  root.addEventListener('click', (event) => onSchoolClick(school, event));
  root.addEventListener('submit', (event) => onSchoolSubmit(school, event));
  root.addEventListener('change', (event) => onSchoolChange(school, event));
  root.addEventListener('toggle', (event) => rememberOpenStage(school, event.target), true);
}

function rememberOpenStage(school, details) {
  if (!details.dataset || !details.dataset.stage) return;
  if (details.open) school.openStages.add(details.dataset.stage); else school.openStages.delete(details.dataset.stage);
}

function drawSchool(school) {
  setTitle((school.data.school && school.data.school.name) || school.code);
  setHtml(school.root, schoolMarkup(school));
}

async function reloadCase(school) {
  if (school.busy) return;
  school.busy = true;
  const unlock = lockButtons($('#app'), $('#page-error [data-reload]'));
  try {
    school.data = await api('GET', caseApi(school.code));
    if (!school.ctx.alive()) return;
    clearPageError();
    drawSchool(school);
    notify('ok', 'Данные школы обновлены');
  } catch (err) {
    unlock();
    if (!err.handled && school.ctx.alive()) showPageError(err.message, { reload: err.status === 0 || err.status === 409 });
  } finally {
    school.busy = false;
  }
}

function findTask(school, id) {
  return (school.data.tasks || []).find((t) => t.id === id);
}

function onSchoolClick(school, event) {
  const button = event.target.closest('button');
  if (!button || button.disabled || school.busy) return;
  if (button.hasAttribute('data-cancel')) { closeForms(school); return; }
  const row = button.closest('tr[data-task]');
  if (button.dataset.action && row) onTaskButton(school, row, button);
  else if (button.dataset.overrideAction && row) onOverrideButton(school, row, button.dataset.overrideAction);
  else if (button.dataset.caseAction) onCaseButton(school, button);
}

// Acting for another participant never runs at once: the reason comes first.
function onOverrideButton(school, row, action) {
  const task = findTask(school, row.dataset.task);
  if (task) openTaskForm(school, row, overrideForm(task, action, overrideLabel(action)));
}

// A plain submit or approval runs at once; returning and extending ask first.
function onTaskButton(school, row, button) {
  const task = findTask(school, row.dataset.task);
  if (!task) return;
  const action = button.dataset.action;
  if (action === 'return') openTaskForm(school, row, reasonForm('task-return', 'Что доработать', 'Вернуть на доработку', true, task.id));
  else if (action === 'extend') openTaskForm(school, row, extendForm(task));
  else runTaskCommand(school, task, action, { comment: '' }, button);
}

function onCaseButton(school, button) {
  const action = button.dataset.caseAction;
  const target = previousStage(school);
  if (action === 'advance') advance(school, button);
  else if (action === 'return') openCaseForm(school, reasonForm('case-return', 'Причина возврата', target ? `Вернуть на этап ${target}` : 'Вернуть', true));
  else if (action === 'withdraw') openCaseForm(school, reasonForm('case-withdraw', 'Причина вывода из проекта', 'Вывести из проекта', true));
  else runCaseCommand(school, action, {}, button);
}

function onSchoolChange(school, event) {
  if (event.target.name !== 'force' || !event.target.closest('#advance-group')) return;
  showForceReason(school, event.target.checked);
}

function advance(school, button) {
  const force = $('#advance-group input[name=force]', school.root);
  const reasonInput = $('#advance-group input[name=reason]', school.root);
  const forced = !!(force && force.checked);
  const reason = reasonInput ? reasonInput.value.trim() : '';
  if (forced && !reason) {
    showPageError('Для досрочного перевода укажите причину');
    if (reasonInput) reasonInput.focus();
    return;
  }
  runCaseCommand(school, 'advance', { force: forced, reason }, button);
}

function previousStage(school) {
  const ids = stageIds(school.campaign);
  const i = ids.indexOf(school.data.stage && school.data.stage.id);
  return i > 0 ? ids[i - 1] : '';
}

function onSchoolSubmit(school, event) {
  const form = event.target.closest('form[data-form]');
  if (!form) return;
  event.preventDefault();
  if (school.busy) return;
  const kind = form.dataset.form;
  if (kind === 'task-override') submitOverrideForm(school, form);
  else if (kind === 'task-return' || kind === 'task-extend') submitTaskForm(school, form, kind);
  else submitCaseForm(school, form, kind);
}

function submitOverrideForm(school, form) {
  const task = findTask(school, form.dataset.task);
  if (!task) return;
  const comment = fieldValue(form, 'comment');
  if (!comment) { formError(form, 'Укажите причину: без неё действие за другого участника не выполняется', 'comment'); return; }
  runTaskCommand(school, task, form.dataset.action, { override: true, comment }, $('[data-confirm]', form));
}

function fieldValue(form, name) {
  return form.elements[name] ? form.elements[name].value.trim() : '';
}

function submitTaskForm(school, form, kind) {
  const task = findTask(school, form.dataset.task);
  if (!task) return;
  const button = $('[data-confirm]', form);
  if (kind === 'task-return') {
    const comment = fieldValue(form, 'comment');
    if (!comment) { formError(form, 'Напишите, что нужно доработать', 'comment'); return; }
    runTaskCommand(school, task, 'return', { comment }, button);
    return;
  }
  const until = fieldValue(form, 'until');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) { formError(form, 'Укажите новый срок', 'until'); return; }
  runTaskCommand(school, task, 'extend', { until, reason: fieldValue(form, 'reason') }, button);
}

// case-return and case-withdraw: both need a reason.
function submitCaseForm(school, form, kind) {
  const reason = fieldValue(form, 'reason');
  if (!reason) { formError(form, 'Укажите причину', 'reason'); return; }
  runCaseCommand(school, kind === 'case-return' ? 'return' : 'withdraw', { reason }, $('[data-confirm]', form));
}
