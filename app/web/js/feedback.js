// What the user is told: the page title, status badges, the toast for outcomes, the page-level
// red box for refusals and errors, and the busy state of buttons while a command runs.
import { html, setHtml, $, $$ } from './html.js';
import { ApiError } from './api.js';
import { documentItem } from './documents.js';

export function setTitle(text) {
  document.title = text ? `${text} — ШНОР` : 'ШНОР';
}

// status: {code, name} as the API sends it. The code becomes a CSS class name, so it is kept to
// safe characters; the name is the engine's Russian word.
export function badge(status, extra) {
  const code = String((status && status.code) || '').replace(/[^a-z_-]/gi, '');
  const name = (status && (status.name || status.code)) || '';
  return html`<span class="badge st-${code}${extra ? ' ' + extra : ''}">${name}</span>`;
}

let noticeTimer = 0;

// A toast for outcomes. Documents made by the command stay listed until closed, so there is
// time to download them.
export function notify(kind, message, documents) {
  const box = $('#notice');
  const docs = documents && documents.length ? html`<ul>${documents.map(documentItem)}</ul>` : '';
  setHtml(box, html`<button type="button" class="notice-close" aria-label="Закрыть">×</button><div class="msg">${message}</div>${docs}`);
  box.className = 'notice ' + kind;
  box.hidden = false;
  clearTimeout(noticeTimer);
  if (!docs) noticeTimer = setTimeout(() => { box.hidden = true; }, kind === 'ok' ? 6000 : 12000);
}

export function closeNotice() {
  $('#notice').hidden = true;
}

// The page-level red box: guard refusals, access errors, stale versions.
// options: {title} above the message, {reload, reloadLabel} for a button that tries again.
export function showPageError(message, options) {
  const opts = options || {};
  const box = pageErrorBox();
  box.className = 'error-box';
  box.setAttribute('role', 'alert');
  const title = opts.title ? html`<span class="error-title">${opts.title}</span>` : '';
  const button = opts.reload ? html`<div><button type="button" class="btn btn-light" data-reload>${opts.reloadLabel || 'Обновить'}</button></div>` : '';
  setHtml(box, html`${title}<span class="msg">${message}</span>${button}`);
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
}

function pageErrorBox() {
  const main = $('#app');
  let box = $('#page-error', main);
  if (!box) {
    box = document.createElement('div');
    box.id = 'page-error';
    main.prepend(box);
  }
  return box;
}

export function clearPageError() {
  const box = $('#page-error');
  if (box) { box.hidden = true; box.textContent = ''; }
}

// A page could not load at all: only the error stays, with a way to try again.
export function pageFailed(ctx, err) {
  if (!ctx.alive() || (err && (err.handled || err.name === 'AbortError'))) return;
  if (!(err instanceof ApiError)) console.error(err);
  const message = err instanceof ApiError ? err.message : 'Не удалось показать страницу';
  setHtml(ctx.main, html`<div id="page-error" class="error-box" role="alert"></div><p><a href="/">← На сводку</a></p>`);
  showPageError(message, { reload: err.status === 0 || err.status >= 500, reloadLabel: 'Повторить' });
}

// Disables every button of a page area while a command runs; returns the undo.
export function lockButtons(root, clicked) {
  const locked = $$('button, input, select', root).filter((el) => !el.disabled);
  for (const el of locked) el.disabled = true;
  if (clicked) { clicked.classList.add('busy'); clicked.setAttribute('aria-busy', 'true'); }
  return () => {
    for (const el of locked) el.disabled = false;
    if (clicked) { clicked.classList.remove('busy'); clicked.removeAttribute('aria-busy'); }
  };
}
