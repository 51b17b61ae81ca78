// Commands on a case or one of its tasks, sent with the case version on screen, and what the
// user is told of the outcome.
import { api } from '../api.js';
import { fmtDate } from '../format.js';
import { caseApi } from '../paths.js';
import { notify, showPageError, clearPageError, lockButtons } from '../feedback.js';

function caseMessage(command, result) {
  // `to` is the audit state ("II/active"); the curator wants the stage.
  const to = result && result.to ? String(result.to).split('/')[0] : '';
  switch (command) {
    case 'advance': return to ? `Школа переведена на этап ${to}` : 'Школа переведена на следующий этап';
    case 'return': return to ? `Школа возвращена на этап ${to}` : 'Школа возвращена на предыдущий этап';
    case 'withdraw': return 'Школа выведена из проекта';
    case 'reinstate': return 'Школа возвращена в проект';
    case 'complete': return 'Проект для школы завершён';
    default: return 'Готово';
  }
}

function taskMessage(command, body) {
  const done = taskDone(command, body);
  return body.override ? done + ' за другого участника' : done;
}

function taskDone(command, body) {
  switch (command) {
    case 'submit': return 'Задача сдана';
    case 'approve': return 'Задача утверждена';
    case 'return': return 'Задача возвращена на доработку';
    case 'extend': return `Срок продлён до ${fmtDate(body.until)}`;
    default: return 'Готово';
  }
}

// command: advance, return, withdraw, reinstate, complete; body {reason, force}.
export function runCaseCommand(school, command, body, button) {
  return runCommand(school, `${caseApi(school.code)}/${command}`, body, button,
    (result) => caseMessage(command, result));
}

// command: submit, approve, return, extend; body {comment}, {override: true, comment} or
// {until, reason}.
export function runTaskCommand(school, task, command, body, button) {
  return runCommand(school, `${caseApi(school.code)}/tasks/${encodeURIComponent(task.id)}/${command}`, body, button,
    () => taskMessage(command, body));
}

// Every command carries the version on screen: if someone changed the case meanwhile the server
// answers 409 and the user reloads instead of acting on a stale picture.
async function runCommand(school, path, body, button, describe) {
  if (school.busy) return;
  school.busy = true;
  clearPageError();
  const unlock = lockButtons(school.root, button);
  try {
    const data = await api('POST', path, Object.assign({ expected_version: school.data.version }, body));
    if (!school.ctx.alive()) return;
    school.data = data.case || await api('GET', caseApi(school.code));
    school.redraw();
    const docs = (data.result && data.result.documents) || [];
    notify('ok', describe(data.result) + (docs.length ? '\nСоставлены документы:' : ''), docs);
  } catch (err) {
    if (!school.ctx.alive()) return;
    unlock();
    if (!err.handled) commandFailed(err);
  } finally {
    school.busy = false;
  }
}

function commandFailed(err) {
  if (err.status === 409) {
    showPageError(err.message, { title: 'Дело изменилось, пока страница была открыта. Обновите её.', reload: true });
  } else if (err.status === 422) {
    showPageError(err.message, { title: 'Действие отклонено:' });
  } else {
    showPageError(err.message, { reload: err.status === 0 });
  }
  notify('error', err.status === 0 ? 'Сервер недоступен' : 'Действие не выполнено');
}
