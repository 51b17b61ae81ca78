// The small forms a school-page command asks for before it runs: a reason, a comment, a new
// deadline. Only one is open at a time, so [name=reason] on the page is never ambiguous.
import { html, setHtml, $, $$ } from '../html.js';

export function closeForms(school) {
  for (const el of $$('.form-row, #case-form .inline-form', school.root)) el.remove();
  const force = $('#advance-group input[name=force]', school.root);
  if (force) force.checked = false;
  const slot = $('#advance-group .force-reason', school.root);
  if (slot) slot.textContent = '';
}

// kind: the form's data-form, read back by the submit handler ("task-return", "case-withdraw"…).
export function reasonForm(kind, label, confirm, required, task) {
  return html`<form class="inline-form" data-form="${kind}"${task ? html` data-task="${task}"` : ''} novalidate>
    <label class="field"><span>${label}${required ? ' (обязательно)' : ''}</span>
      <input type="text" name="${kind === 'task-return' ? 'comment' : 'reason'}" maxlength="2000" autocomplete="off"></label>
    <button type="submit" class="btn" data-confirm>${confirm}</button>
    <button type="button" class="btn btn-light" data-cancel>Отмена</button>
    <p class="form-error" hidden></p></form>`;
}

// An override always needs a reason: it goes as the command's comment, so for «Вернуть на
// доработку» the same text also tells the school what to rework.
const OVERRIDE_REASONS = {
  submit: 'Почему вы сдаёте задачу за другого участника',
  approve: 'Почему вы утверждаете задачу за другого участника',
  return: 'Что доработать и почему вы возвращаете задачу за другого участника'
};

export function overrideForm(task, action, confirm) {
  return html`<form class="inline-form override-form" data-form="task-override" data-task="${task.id}" data-action="${action}" novalidate>
    <p class="override-note">Этот шаг не ваш: действие будет записано в журнал как выполненное за другого участника.</p>
    <label class="field"><span>${OVERRIDE_REASONS[action]} (обязательно)</span>
      <input type="text" name="comment" maxlength="2000" autocomplete="off"></label>
    <button type="submit" class="btn btn-override" data-confirm>${confirm}</button>
    <button type="button" class="btn btn-light" data-cancel>Отмена</button>
    <p class="form-error" hidden></p></form>`;
}

export function extendForm(task) {
  return html`<form class="inline-form" data-form="task-extend" data-task="${task.id}" novalidate>
    <label class="field"><span>Новый срок</span><input type="date" name="until" value="${task.due || ''}"></label>
    <label class="field"><span>Причина</span><input type="text" name="reason" maxlength="2000" autocomplete="off"></label>
    <button type="submit" class="btn" data-confirm>Продлить</button>
    <button type="button" class="btn btn-light" data-cancel>Отмена</button>
    <p class="form-error" hidden></p></form>`;
}

// A task's form opens in a row of its own under the task.
export function openTaskForm(school, row, markup) {
  closeForms(school);
  const formRow = document.createElement('tr');
  formRow.className = 'form-row';
  setHtml(formRow, html`<td colspan="6">${markup}</td>`);
  row.after(formRow);
  $('input', formRow).focus();
}

export function openCaseForm(school, markup) {
  closeForms(school);
  const slot = $('#case-form', school.root);
  setHtml(slot, markup);
  $('input', slot).focus();
}

// The force checkbox brings its own reason field; it is in the page only while checked.
export function showForceReason(school, checked) {
  closeForms(school);
  $('#advance-group input[name=force]', school.root).checked = checked;
  if (!checked) return;
  const slot = $('#advance-group .force-reason', school.root);
  setHtml(slot, html`<input type="text" name="reason" placeholder="Причина досрочного перевода" maxlength="2000" autocomplete="off">`);
  $('input', slot).focus();
}

// Shows a form's own error under it and puts the cursor into the field at fault.
export function formError(form, message, name) {
  const box = $('.form-error', form);
  box.textContent = message;
  box.hidden = false;
  if (name && form.elements[name]) form.elements[name].focus();
}
