// The server answers every page address with the same HTML shell; this module picks the page
// for the address, draws it into <main>, and keeps links inside the app without a reload.
//
// A page is render(ctx, ...params) with ctx = {main, alive(), reload}: alive() turns false once
// another page has been routed to, so a slow answer cannot draw over the next page; reload is
// what the «Обновить» button of an error box does (by default the whole page again).
import { html, setHtml, $ } from './html.js';
import { loginHref, nextTarget } from './paths.js';
import { session, canAny } from './session.js';
import { getCampaign } from './campaign.js';
import { pageFailed, setTitle, showPageError } from './feedback.js';

let routes = [];
let view = 0;
let current = null;   // the ctx of the page on screen
let beforeRender = () => {};

// table: [{re, render, nav, open, needs, title, denied}]: open = shown without signing in;
// needs = capabilities of which the user must have at least one, else the page shows `denied`
// under `title` instead of itself. onRoute(match) runs before each page is drawn (the header
// marks the page's section).
export function useRoutes(table, onRoute) {
  routes = table;
  beforeRender = onRoute;
}

export function navigate(to, options) {
  const replace = options && options.replace;
  history[replace ? 'replaceState' : 'pushState'](null, '', to);
  if (!replace) window.scrollTo(0, 0);
  route();
}

export function route() {
  const path = location.pathname;
  const { match, params } = findRoute(path);
  if (!session.user && !(match && match.open)) {
    navigate(loginHref(path + location.search), { replace: true });
    return;
  }
  if (session.user && match && match.open) {
    navigate(nextTarget(), { replace: true });
    return;
  }
  const ctx = newContext();
  beforeRender(match);
  getCampaign().catch(() => {}); // the header shows the project title on every page
  const decoded = match && decodeParams(params);
  if (!decoded) { renderNotFound(ctx); return; }
  if (!mayOpen(match)) { renderNoAccess(ctx, match); return; }
  setHtml(ctx.main, html`<p class="loading">Загрузка…</p>`);
  Promise.resolve().then(() => match.render(ctx, ...decoded)).catch((err) => pageFailed(ctx, err));
}

function mayOpen(r) {
  return !r.needs || canAny(r.needs);
}

// Whether the header shows the link to the section named `nav`.
export function mayOpenSection(nav) {
  const r = routes.find((candidate) => candidate.nav === nav);
  return !!r && mayOpen(r);
}

function findRoute(path) {
  for (const r of routes) {
    const m = r.re.exec(path);
    if (m) return { match: r, params: m.slice(1) };
  }
  return { match: null, params: [] };
}

// null for a malformed %-escape: such an address is a page that does not exist.
function decodeParams(params) {
  try {
    return params.map((p) => decodeURIComponent(p));
  } catch (err) {
    return null;
  }
}

function newContext() {
  const mine = ++view;
  current = { main: $('#app'), alive: () => mine === view, reload: null };
  return current;
}

// The «Обновить» / «Повторить» button of an error box.
export function reloadPage() {
  if (current && current.reload) current.reload(); else route();
}

// Links inside the app change the page without a reload; downloads and API links stay plain.
export function onLinkClick(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest('a[href]');
  if (!link || link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || /^\/(api|static)\//.test(url.pathname)) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}

// Reached by an address typed or kept from another account: say so rather than draw an empty page.
function renderNoAccess(ctx, r) {
  setTitle(r.title);
  setHtml(ctx.main, html`<div id="page-error"></div><p><a href="/">← На сводку</a></p>`);
  showPageError(r.denied, { title: 'Нет доступа' });
}

function renderNotFound(ctx) {
  setTitle('Страница не найдена');
  setHtml(ctx.main, html`<div class="not-found"><h1>Страница не найдена</h1>
    <p class="muted">Адрес ${location.pathname} не существует.</p><p><a href="/">Перейти к сводке</a></p></div>`);
}
