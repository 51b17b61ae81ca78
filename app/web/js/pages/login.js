// The sign-in form. A signed-in user never sees it: the router sends them on.
import { html, setHtml, $ } from '../html.js';
import { api } from '../api.js';
import { setSession } from '../session.js';
import { nextTarget } from '../paths.js';
import { navigate } from '../router.js';
import { setTitle, showPageError, clearPageError, lockButtons } from '../feedback.js';

export function renderLogin(ctx) {
  setTitle('Вход');
  setHtml(ctx.main, html`<div class="login-wrap"><form id="login-form" class="panel login-card" novalidate>
    <h1>Вход в ШНОР</h1>
    <p class="muted small">Сопровождение школ с низкими образовательными результатами</p>
    <div id="page-error" class="error-box" role="alert" hidden></div>
    <label class="field"><span>Электронная почта</span>
      <input type="text" id="login" name="login" inputmode="email" autocomplete="username" required autofocus></label>
    <label class="field"><span>Пароль</span>
      <input type="password" id="password" name="password" autocomplete="current-password" required></label>
    <button type="submit" id="login-submit" class="btn">Войти</button>
  </form></div>`);
  const form = $('#login-form');
  form.addEventListener('submit', (event) => { event.preventDefault(); submitLogin(form); });
  $('#login').focus();
}

async function submitLogin(form) {
  const login = form.elements.login.value.trim();
  const password = form.elements.password.value;
  if (!login || !password) { showPageError('Введите электронную почту и пароль'); return; }
  clearPageError();
  const unlock = lockButtons(form, $('#login-submit'));
  try {
    setSession(await api('POST', '/api/login', { login, password }, { allow401: true }));
    navigate(nextTarget(), { replace: true });
  } catch (err) {
    unlock();
    showPageError(err.message || 'Не удалось войти');
    form.elements.password.select();
  }
}
