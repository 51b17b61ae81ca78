// shnor web UI, the entry module. The server serves the same HTML shell for every address, so
// routing, rendering and all talk to the JSON API happen in these modules, without frameworks
// or a bundler: the browser loads them as native ES modules from /static/js/.
import { html, setHtml, esc, $ } from './html.js';
import { api, whenSessionEnds } from './api.js';
import { fmtDate } from './format.js';
import { loginHref } from './paths.js';
import { session, setSession, clearSession } from './session.js';
import { useRoutes, route, navigate, reloadPage, onLinkClick } from './router.js';
import { updateHeader, logout } from './header.js';
import { notify, closeNotice } from './feedback.js';
import { renderLogin } from './pages/login.js';
import { renderDashboard } from './pages/dashboard.js';
import { renderSchool } from './pages/school.js';
import { renderTools, CURATOR_TOOLS } from './pages/tools.js';
import { renderOutbox } from './pages/outbox.js';
import { renderProjectDocuments } from './pages/project-documents.js';

// nav: the header link of the section (shown only when the page may be opened); needs: the
// capabilities from /api/me of which the user must have one (see router.js).
const ROUTES = [
  { re: /^\/$/, render: renderDashboard, nav: 'dashboard' },
  { re: /^\/login\/?$/, render: renderLogin, open: true },
  { re: /^\/schools\/([^/]+)\/?$/, render: renderSchool },
  { re: /^\/tools\/?$/, render: renderTools, nav: 'tools', needs: CURATOR_TOOLS,
    title: 'Инструменты куратора', denied: 'Инструменты куратора недоступны вашей учётной записи' },
  { re: /^\/outbox\/?$/, render: renderOutbox, nav: 'outbox', needs: ['outbox'],
    title: 'Рассылка напоминаний', denied: 'Рассылка напоминаний недоступна вашей учётной записи' },
  { re: /^\/documents\/?$/, render: renderProjectDocuments, nav: 'documents', needs: ['campaign_wide'],
    title: 'Документы проекта', denied: 'Документы проекта в целом недоступны вашей учётной записи' }
];

// A 401 on any call: the session ended on the server (idle, password changed, signed out
// elsewhere). Back to the login form, then to the same page.
function sessionExpired() {
  const wasSignedIn = !!session.user;
  clearSession();
  if (location.pathname === '/login') return;
  navigate(loginHref(location.pathname + location.search), { replace: true });
  if (wasSignedIn) notify('error', 'Сеанс завершён, войдите снова');
}

function onGlobalClick(event) {
  const target = event.target;
  if (target.closest('.notice-close')) { closeNotice(); return; }
  if (target.closest('[data-reload]')) {
    event.preventDefault();
    reloadPage();
  }
}

// Not «not signed in» but «cannot tell»: offer to try again rather than a login form.
function startFailed(err) {
  setHtml($('#app'), html`<div id="page-error" class="error-box" role="alert">${err.message}
    <div><button type="button" class="btn btn-light" id="retry-start">Повторить</button></div></div>`);
  $('#retry-start').addEventListener('click', () => location.reload());
}

async function start() {
  useRoutes(ROUTES, (match) => updateHeader(match && match.nav));
  whenSessionEnds(sessionExpired);
  document.addEventListener('click', onLinkClick);
  document.addEventListener('click', onGlobalClick);
  window.addEventListener('popstate', route);
  $('#logout').addEventListener('click', logout);
  try {
    setSession(await api('GET', '/api/me', null, { allow401: true }));
  } catch (err) {
    if (err.status !== 401) { startFailed(err); return; }
  }
  route();
}

// The one global: for the console and tests. The session token stays private to the modules.
window.Shnor = { navigate, esc, fmtDate };

// A module runs after the document is parsed, like a deferred script.
start();
