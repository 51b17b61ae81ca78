// shnor web UI: one script for every page. The server serves the same HTML shell for each
// address, so routing, rendering and all talk to the JSON API happen here, without frameworks.
'use strict';

(function () {
  // ===================================================================================
  // State and small helpers
  // ===================================================================================

  const state = {
    user: null,        // {login, name, role:{code,name}} once signed in
    csrf: null,        // kept in memory only: a reload asks /api/me again
    campaign: null,    // promise of GET /api/campaign, shared by the pages
    view: 0,           // bumped on every route, so a slow page load cannot draw over the next page
    reload: null,      // what the «Обновить» button in an error box does on the current page
    school: null,      // the school page's case and its flags
    municipalities: [] // names seen on the unfiltered dashboard, for the filter select
  };

  const ROLES_TOOLS = ['curator', 'administrator'];
  const ROLES_OUTBOX = ['administrator', 'curator', 'observer'];
  const MAX_CASE_ROWS = 300;
  const MAX_RESULT_ROWS = 1000;
  const SEARCH_DELAY_MS = 300;
  // The API names a document by its template id; a curator reads the document's own name.
  const DOCUMENT_KINDS = {
    'regional-order': 'Приказ',
    'road-map': 'Дорожная карта',
    'stage-notice': 'Уведомление о переходе на этап',
    'return-notice': 'Уведомление о возврате на этап',
    'withdrawal-notice': 'Уведомление о выводе из проекта',
    'completion-notice': 'Уведомление о завершении проекта',
    'interview-schedule': 'График собеседований',
    'interview-protocol': 'Протокол собеседования',
    'monitoring-report': 'Отчёт мониторинга',
    'final-report': 'Итоговый отчёт',
  };
  const kindName = (kind) => DOCUMENT_KINDS[kind] || kind;

  const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

  function esc(value) {
    return String(value === null || value === undefined ? '' : value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
  }

  // Markup that is already safe. The html`` tag escapes every interpolated value unless it is
  // Safe, so forgetting esc() cannot let a school name like «<b>» into the page.
  class Safe {
    constructor(text) { this.text = text; }
    toString() { return this.text; }
  }

  function piece(value) {
    if (value instanceof Safe) return value.text;
    if (Array.isArray(value)) return value.map(piece).join('');
    if (value === null || value === undefined || value === false) return '';
    return esc(value);
  }

  function html(strings, ...values) {
    let out = strings[0];
    for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1];
    return new Safe(out);
  }

  function setHtml(element, markup) {
    element.innerHTML = piece(markup);
  }

  const $ = (selector, root) => (root || document).querySelector(selector);
  const $$ = (selector, root) => Array.from((root || document).querySelectorAll(selector));

  function fmtDate(value) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value || ''));
    return m ? `${m[3]}.${m[2]}.${m[1]}` : String(value || '');
  }

  // at_local is the region's local time; show it as «dd.mm.yyyy hh:mm» whatever the separator.
  function fmtDateTime(value) {
    const text = String(value || '');
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(text);
    return m ? `${m[3]}.${m[2]}.${m[1]}${m[4] ? ' ' + m[4] : ''}` : text;
  }

  function fmtNum(n) {
    return Number(n || 0).toLocaleString('ru-RU');
  }

  // Users type dates as 04.03.2024 or 2024-03-04; the API wants ISO.
  function parseUserDate(text) {
    let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    let y, mo, d;
    if (m) { [y, mo, d] = [m[1], m[2], m[3]]; } else {
      m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
      if (!m) return null;
      [d, mo, y] = [m[1].padStart(2, '0'), m[2].padStart(2, '0'), m[3]];
    }
    const date = new Date(Date.UTC(+y, +mo - 1, +d));
    if (date.getUTCFullYear() !== +y || date.getUTCMonth() !== +mo - 1 || date.getUTCDate() !== +d) return null;
    return `${y}-${mo}-${d}`;
  }

  function query(params) {
    const parts = [];
    for (const [key, value] of Object.entries(params)) {
      if (value !== '' && value !== null && value !== undefined && value !== false) {
        parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
      }
    }
    return parts.length ? '?' + parts.join('&') : '';
  }

  function schoolHref(code) {
    return '/schools/' + encodeURIComponent(code);
  }

  function caseApi(code) {
    return '/api/cases/' + encodeURIComponent(code);
  }

  // Status codes become CSS class names; keep them to safe characters.
  function badge(status, extra) {
    const code = String((status && status.code) || '').replace(/[^a-z_-]/gi, '');
    const name = (status && (status.name || status.code)) || '';
    return html`<span class="badge st-${code}${extra ? ' ' + extra : ''}">${name}</span>`;
  }

  function hasRole(roles) {
    return !!(state.user && state.user.role && roles.includes(state.user.role.code));
  }

  function setTitle(text) {
    document.title = text ? `${text} — ШНОР` : 'ШНОР';
  }

  // ===================================================================================
  // API
  // ===================================================================================

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
      this.handled = false; // set when the 401 already sent the user to the login page
    }
  }

  async function api(method, path, body, options) {
    const opts = options || {};
    const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' }, signal: opts.signal };
    if (method !== 'GET') {
      init.headers['Content-Type'] = 'application/json';
      if (state.csrf) init.headers['X-CSRF-Token'] = state.csrf;
      init.body = JSON.stringify(body || {});
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (err) {
      if (err && err.name === 'AbortError') throw err;
      throw new ApiError(0, 'network', 'Сервер недоступен');
    }
    let data = null;
    try { data = await response.json(); } catch (err) { data = null; }
    if (response.ok) {
      if (data === null) throw new ApiError(response.status, 'bad_response', 'Сервер прислал непонятный ответ');
      return data;
    }
    const info = (data && data.error) || {};
    const error = new ApiError(response.status, info.code || 'http',
      info.message || `Ошибка сервера (HTTP ${response.status})`);
    // The token may have been rotated by a new session in another tab: take the fresh one, once.
    if (error.code === 'csrf' && !opts.retried && method !== 'GET') {
      setSession(await api('GET', '/api/me'));
      return api(method, path, body, Object.assign({}, opts, { retried: true }));
    }
    if (response.status === 401 && !opts.allow401) {
      error.handled = true;
      sessionExpired();
    }
    throw error;
  }

  function getCampaign() {
    if (!state.campaign) {
      state.campaign = api('GET', '/api/campaign').then((campaign) => {
        const title = $('#campaign-title');
        if (title && campaign.title) title.textContent = campaign.title + (campaign.region ? ' · ' + campaign.region : '');
        return campaign;
      });
      state.campaign.catch(() => { state.campaign = null; }); // a failed load is tried again next time
    }
    return state.campaign;
  }

  function stageTitle(campaign, id) {
    const stage = campaign && (campaign.stages || []).find((s) => s.id === id);
    return stage ? stage.title : '';
  }

  // ===================================================================================
  // Session, header, notices
  // ===================================================================================

  function setSession(data) {
    if (data.user) state.user = data.user;
    if (data.csrf_token) state.csrf = data.csrf_token;
  }

  function clearSession() {
    state.user = null;
    state.csrf = null;
    state.campaign = null;
    state.school = null;
    state.municipalities = [];
  }

  function loginHref(next) {
    return next && next !== '/' ? '/login' + query({ next }) : '/login';
  }

  function sessionExpired() {
    const wasSignedIn = !!state.user;
    clearSession();
    if (location.pathname === '/login') return;
    navigate(loginHref(location.pathname + location.search), { replace: true });
    if (wasSignedIn) notify('error', 'Сеанс завершён, войдите снова');
  }

  // Only paths of this site: a crafted ?next= must not send the user elsewhere.
  function nextTarget() {
    const next = new URLSearchParams(location.search).get('next') || '/';
    return /^\/(?![/\\])/.test(next) && !next.startsWith('/login') ? next : '/';
  }

  function updateHeader(active) {
    const bar = $('#topbar');
    bar.hidden = !state.user;
    if (!state.user) return;
    $('#user-name').textContent = state.user.name || state.user.login || '';
    $('#user-role').textContent = (state.user.role && state.user.role.name) || '';
    for (const link of $$('#nav a')) {
      const roles = link.dataset.roles;
      link.hidden = !!roles && !hasRole(roles.split(' '));
      link.classList.toggle('active', link.dataset.nav === active);
    }
  }

  let noticeTimer = 0;

  // A toast for outcomes. Documents made by the command stay listed until closed, so there is
  // time to download them.
  function notify(kind, message, documents) {
    const box = $('#notice');
    const docs = documents && documents.length ? html`<ul>${documents.map(documentItem)}</ul>` : '';
    setHtml(box, html`<button type="button" class="notice-close" aria-label="Закрыть">×</button><div class="msg">${message}</div>${docs}`);
    box.className = 'notice ' + kind;
    box.hidden = false;
    clearTimeout(noticeTimer);
    if (!docs) noticeTimer = setTimeout(() => { box.hidden = true; }, kind === 'ok' ? 6000 : 12000);
  }

  function documentItem(doc) {
    return html`<li>${documentLabel(doc)} — <a class="download" href="${doc.url}" download>Скачать ${String(doc.format || '').toUpperCase()}</a></li>`;
  }

  function documentLabel(doc) {
    const parts = [kindName(doc.kind), doc.number ? '№ ' + doc.number : '', doc.date ? 'от ' + fmtDate(doc.date) : ''];
    return parts.filter(Boolean).join(' ');
  }

  // The page-level red box: guard refusals, access errors, stale versions.
  function showPageError(message, options) {
    const opts = options || {};
    const main = $('#app');
    let box = $('#page-error', main);
    if (!box) {
      box = document.createElement('div');
      box.id = 'page-error';
      main.prepend(box);
    }
    box.className = 'error-box';
    box.setAttribute('role', 'alert');
    const title = opts.title ? html`<span class="error-title">${opts.title}</span>` : '';
    const button = opts.reload ? html`<div><button type="button" class="btn btn-light" data-reload>${opts.reloadLabel || 'Обновить'}</button></div>` : '';
    setHtml(box, html`${title}<span class="msg">${message}</span>${button}`);
    box.hidden = false;
    box.scrollIntoView({ block: 'nearest' });
  }

  function clearPageError() {
    const box = $('#page-error');
    if (box) { box.hidden = true; box.textContent = ''; }
  }

  // A page could not load at all: only the error stays, with a way to try again.
  function pageFailed(ctx, err) {
    if (!ctx.alive() || (err && (err.handled || err.name === 'AbortError'))) return;
    if (!(err instanceof ApiError)) console.error(err);
    const message = err instanceof ApiError ? err.message : 'Не удалось показать страницу';
    setHtml(ctx.main, html`<div id="page-error" class="error-box" role="alert"></div><p><a href="/">← На сводку</a></p>`);
    showPageError(message, { reload: err.status === 0 || err.status >= 500, reloadLabel: 'Повторить' });
  }

  // Disables every button of a page area while a command runs; returns the undo.
  function lockButtons(root, clicked) {
    const locked = $$('button, input, select', root).filter((el) => !el.disabled);
    for (const el of locked) el.disabled = true;
    if (clicked) { clicked.classList.add('busy'); clicked.setAttribute('aria-busy', 'true'); }
    return () => {
      for (const el of locked) el.disabled = false;
      if (clicked) { clicked.classList.remove('busy'); clicked.removeAttribute('aria-busy'); }
    };
  }

  // ===================================================================================
  // Router
  // ===================================================================================

  const ROUTES = [
    { re: /^\/$/, render: renderDashboard, nav: 'dashboard' },
    { re: /^\/login\/?$/, render: renderLogin, open: true },
    { re: /^\/schools\/([^/]+)\/?$/, render: renderSchool },
    { re: /^\/tools\/?$/, render: renderTools, nav: 'tools' },
    { re: /^\/outbox\/?$/, render: renderOutbox, nav: 'outbox' }
  ];

  function navigate(to, options) {
    const replace = options && options.replace;
    history[replace ? 'replaceState' : 'pushState'](null, '', to);
    if (!replace) window.scrollTo(0, 0);
    route();
  }

  function route() {
    const path = location.pathname;
    let match = null;
    let params = [];
    for (const r of ROUTES) {
      const m = r.re.exec(path);
      if (m) { match = r; params = m.slice(1); break; }
    }
    if (!state.user && !(match && match.open)) {
      navigate(loginHref(path + location.search), { replace: true });
      return;
    }
    if (state.user && match && match.open) {
      navigate(nextTarget(), { replace: true });
      return;
    }
    const view = ++state.view;
    const ctx = { main: $('#app'), alive: () => view === state.view };
    state.reload = null;
    state.school = null;
    updateHeader(match && match.nav);
    getCampaign().catch(() => {}); // the header shows the project title on every page
    if (!match) { renderNotFound(ctx); return; }
    try {
      params = params.map((p) => decodeURIComponent(p));
    } catch (err) { renderNotFound(ctx); return; }
    setHtml(ctx.main, html`<p class="loading">Загрузка…</p>`);
    Promise.resolve().then(() => match.render(ctx, ...params)).catch((err) => pageFailed(ctx, err));
  }

  // Links inside the app change the page without a reload; downloads and API links stay plain.
  function onLinkClick(event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest('a[href]');
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || /^\/(api|static)\//.test(url.pathname)) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  }

  function onGlobalClick(event) {
    const target = event.target;
    if (target.closest('.notice-close')) { $('#notice').hidden = true; return; }
    if (target.closest('[data-reload]')) {
      event.preventDefault();
      if (state.reload) state.reload(); else route();
    }
  }

  function renderNotFound(ctx) {
    setTitle('Страница не найдена');
    setHtml(ctx.main, html`<div class="not-found"><h1>Страница не найдена</h1>
      <p class="muted">Адрес ${location.pathname} не существует.</p><p><a href="/">Перейти к сводке</a></p></div>`);
  }

  // ===================================================================================
  // Login
  // ===================================================================================

  function renderLogin(ctx) {
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
      const data = await api('POST', '/api/login', { login, password }, { allow401: true });
      setSession(data);
      navigate(nextTarget(), { replace: true });
    } catch (err) {
      unlock();
      showPageError(err.message || 'Не удалось войти');
      form.elements.password.select();
    }
  }

  async function logout(event) {
    const button = event.currentTarget;
    button.disabled = true;
    try {
      await api('POST', '/api/logout', {}, { allow401: true });
    } catch (err) {
      // A session the server already forgot is as good as a closed one; anything else is told.
      if (err.status !== 401 && err.status !== 403) {
        notify('error', err.message);
        button.disabled = false;
        return;
      }
    }
    button.disabled = false;
    clearSession();
    navigate('/login', { replace: true });
  }

  // ===================================================================================
  // Dashboard
  // ===================================================================================

  async function renderDashboard(ctx) {
    setTitle('Сводка');
    const params = new URLSearchParams(location.search);
    const municipality = params.get('municipality') || '';
    const [campaign, dash] = await Promise.all([
      getCampaign(),
      api('GET', '/api/dashboard' + query({ municipality }))
    ]);
    if (!ctx.alive()) return;
    rememberMunicipalities(dash, municipality);
    state.reload = route;

    setHtml(ctx.main, html`<div id="dashboard">
      <div id="page-error" class="error-box" role="alert" hidden></div>
      <div class="page-head">
        <div><h1>${campaign.title || 'Сводка'}</h1>
          <div class="sub">${[campaign.region, campaign.operator, 'сегодня ' + fmtDate(dash.today || campaign.today)].filter(Boolean).join(' · ')}</div></div>
        <label class="field"><span>Муниципалитет</span>
          <select id="municipality-filter">${municipalityOptions(municipality)}</select></label>
      </div>
      ${stageCards(dash, params.get('stage') || '')}
      <section class="panel"><h2>Ход проекта по муниципалитетам</h2>${chartLegend(dash.stages)}
        <div id="municipality-chart" class="chart"></div></section>
      <div class="grid-2 section-gap">
        <section class="panel"><h2>Просроченные задачи</h2>${dueTable('overdue-table', dash.overdue, true)}</section>
        <section class="panel"><h2>Сроки на этой неделе${dash.week_end ? ' (до ' + fmtDate(dash.week_end) + ')' : ''}</h2>${dueTable('week-table', dash.week, false)}</section>
      </div>
      <section class="panel" id="cases-section"><h2>Школы</h2>
        ${caseFilters(campaign, params)}
        <div id="cases-result"><p class="loading">Загрузка…</p></div></section>
    </div>`);

    drawChart($('#municipality-chart'), dash);
    bindDashboard(ctx);
    loadCases(ctx);
  }

  // A filtered dashboard lists one municipality only; the select still offers all seen before.
  function rememberMunicipalities(dash, selected) {
    const names = new Set(state.municipalities);
    for (const m of dash.municipalities || []) names.add(m.name);
    if (selected) names.add(selected);
    state.municipalities = Array.from(names).sort((a, b) => a.localeCompare(b, 'ru'));
  }

  function municipalityOptions(selected) {
    return html`<option value="">Все муниципалитеты</option>${state.municipalities.map((name) =>
      html`<option value="${name}"${name === selected ? new Safe(' selected') : ''}>${name}</option>`)}`;
  }

  function stageCards(dash, selectedStage) {
    const cards = (dash.stages || []).map((s, i) => html`<button type="button" class="card stage-card c${i % 6}${s.id === selectedStage ? ' selected' : ''}"
        data-stage="${s.id}" title="Показать школы этапа ${s.id}">
        <div class="card-count">${fmtNum(s.count)}</div>
        <div class="card-title"><span class="card-stage">Этап ${s.id}</span> · ${s.title}</div></button>`);
    return html`<div class="cards">${cards}
      <div class="card completed"><div class="card-count">${fmtNum(dash.completed)}</div><div class="card-title">Завершили проект</div></div>
      <div class="card withdrawn"><div class="card-count">${fmtNum(dash.withdrawn)}</div><div class="card-title">Выведены из проекта</div></div>
      <div class="card total"><div class="card-count">${fmtNum(dash.total)}</div><div class="card-title">Всего школ</div></div></div>`;
  }

  function chartSeries(stages) {
    return (stages || []).map((s, i) => ({ key: s.id, label: `Этап ${s.id}`, cls: 'c' + (i % 6) }))
      .concat([{ key: 'completed', label: 'Завершили', cls: 'completed' }, { key: 'withdrawn', label: 'Выведены', cls: 'withdrawn' }]);
  }

  function chartLegend(stages) {
    return html`<ul class="legend">${chartSeries(stages).map((s) =>
      html`<li class="${s.cls}"><span class="swatch"></span>${s.label}</li>`)}</ul>`;
  }

  // Each bar is 100 % of the municipality's schools, so small and large districts compare by
  // progress; the absolute numbers are in the tooltip and the right-hand column.
  function drawChart(root, dash) {
    const series = chartSeries(dash.stages);
    const rows = (dash.municipalities || []).map((m) => {
      const value = (key) => key === 'completed' ? m.completed : key === 'withdrawn' ? m.withdrawn : (m.stages || {})[key] || 0;
      const total = m.total || series.reduce((sum, s) => sum + value(s.key), 0);
      const segments = series.map((s) => {
        const n = value(s.key);
        return n ? html`<span class="${s.cls}" data-w="${total ? (100 * n / total).toFixed(2) : 0}" title="${s.label}: ${n}"></span>` : '';
      });
      const overdue = m.overdue_tasks ? html` · <span class="late">просрочено ${fmtNum(m.overdue_tasks)}</span>` : '';
      return html`<div class="chart-row"><a class="chart-label" href="/${query({ municipality: m.name })}" title="${m.name}">${m.name}</a>
        <div class="chart-bar" role="img" aria-label="${m.name}">${segments}</div>
        <div class="chart-meta">${fmtNum(total)} шк.${overdue}</div></div>`;
    });
    setHtml(root, rows.length ? rows : html`<p class="empty">Нет данных</p>`);
    // Widths through the DOM rather than style="" attributes: fine under a strict style CSP too.
    for (const span of $$('[data-w]', root)) span.style.width = span.dataset.w + '%';
  }

  function dueTable(id, block, overdue) {
    const items = (block && block.items) || [];
    const total = (block && block.total) || 0;
    if (!items.length) return html`<p class="empty">${overdue ? 'Просроченных задач нет' : 'На этой неделе сроков нет'}</p>`;
    const rows = items.map((it) => html`<tr data-school="${it.school_code}">
      <td><a href="${schoolHref(it.school_code)}">${it.school_name || it.school_code}</a><div class="muted small">${it.municipality}</div></td>
      <td>${it.title || it.task}</td>
      <td class="nowrap${overdue ? ' late' : ''}">${fmtDate(it.due)}</td>
      <td>${badge(it.status)}</td></tr>`);
    return html`<div class="table-wrap short"><table class="data" id="${id}">
      <thead><tr><th>Школа</th><th>Задача</th><th>Срок</th><th>Статус</th></tr></thead>
      <tbody>${rows}</tbody></table></div>
      <p class="table-note">показаны ${fmtNum(items.length)} из ${fmtNum(total)}</p>`;
  }

  function caseFilters(campaign, params) {
    const stage = params.get('stage') || '';
    const status = params.get('status') || '';
    const sel = (on) => on ? new Safe(' selected') : '';
    const statuses = [['', 'Все'], ['active', 'В работе'], ['completed', 'Завершили'], ['withdrawn', 'Выведены']];
    return html`<form id="cases-filter" class="filters" novalidate>
      <label class="field"><span>Этап</span><select name="stage"><option value="">Все этапы</option>
        ${(campaign.stages || []).map((s) => html`<option value="${s.id}"${sel(s.id === stage)}>Этап ${s.id} — ${s.title}</option>`)}</select></label>
      <label class="field"><span>Статус</span><select name="status">
        ${statuses.map(([v, t]) => html`<option value="${v}"${sel(v === status)}>${t}</option>`)}</select></label>
      <label class="check"><input type="checkbox" name="overdue"${params.get('overdue') === '1' ? new Safe(' checked') : ''}> только просроченные</label>
      <label class="field"><span>Поиск</span><input type="search" name="q" value="${params.get('q') || ''}" placeholder="название или код школы" size="30"></label>
    </form>`;
  }

  function bindDashboard(ctx) {
    $('#municipality-filter').addEventListener('change', (event) => {
      const params = new URLSearchParams(location.search);
      if (event.target.value) params.set('municipality', event.target.value); else params.delete('municipality');
      navigate('/' + query(Object.fromEntries(params)), { replace: true });
    });
    const form = $('#cases-filter');
    let timer = 0;
    form.addEventListener('submit', (event) => event.preventDefault());
    form.addEventListener('change', (event) => {
      if (event.target.name === 'q') return;
      syncCaseFilters(form);
      loadCases(ctx);
    });
    form.elements.q.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => { if (ctx.alive()) { syncCaseFilters(form); loadCases(ctx); } }, SEARCH_DELAY_MS);
    });
    // A stage card is a shortcut to the school list of that stage.
    for (const card of $$('.stage-card', ctx.main)) {
      card.addEventListener('click', () => {
        const select = form.elements.stage;
        select.value = select.value === card.dataset.stage ? '' : card.dataset.stage;
        for (const c of $$('.stage-card', ctx.main)) c.classList.toggle('selected', c.dataset.stage === select.value);
        syncCaseFilters(form);
        loadCases(ctx);
        $('#cases-section').scrollIntoView({ block: 'start', behavior: 'smooth' });
      });
    }
  }

  // The list filters live in the address too, so «назад» from a school returns to the same list.
  function syncCaseFilters(form) {
    const params = new URLSearchParams(location.search);
    const values = { stage: form.elements.stage.value, status: form.elements.status.value,
      overdue: form.elements.overdue.checked ? '1' : '', q: form.elements.q.value.trim() };
    for (const [key, value] of Object.entries(values)) {
      if (value) params.set(key, value); else params.delete(key);
    }
    history.replaceState(null, '', '/' + query(Object.fromEntries(params)));
    for (const c of $$('.stage-card')) c.classList.toggle('selected', c.dataset.stage === values.stage);
  }

  let casesRequest = null;

  async function loadCases(ctx) {
    const form = $('#cases-filter');
    const target = $('#cases-result');
    if (!form || !target) return;
    if (casesRequest) casesRequest.abort(); // typing fast must not let an old answer win
    const controller = new AbortController();
    casesRequest = controller;
    const params = new URLSearchParams(location.search);
    const filter = {
      stage: form.elements.stage.value,
      municipality: params.get('municipality') || '',
      status: form.elements.status.value,
      overdue: form.elements.overdue.checked ? '1' : '',
      q: form.elements.q.value.trim()
    };
    target.classList.add('muted');
    try {
      const data = await api('GET', '/api/cases' + query(filter), null, { signal: controller.signal });
      if (!ctx.alive() || controller !== casesRequest) return;
      setHtml(target, casesTable(data));
    } catch (err) {
      if (err.name === 'AbortError' || err.handled || !ctx.alive()) return;
      setHtml(target, html`<div class="error-box" role="alert">${err.message}</div>`);
    } finally {
      target.classList.remove('muted');
      if (controller === casesRequest) casesRequest = null;
    }
  }

  // Up to 40 000 schools: the rows are one string, and only the first MAX_CASE_ROWS of them.
  function casesTable(data) {
    const cases = data.cases || [];
    const total = data.total === undefined ? cases.length : data.total;
    const today = data.today || '';
    if (!cases.length) return html`<p class="empty">Школ по этим условиям не найдено</p>`;
    const shown = cases.slice(0, MAX_CASE_ROWS);
    const rows = shown.map((c) => {
      const href = schoolHref(c.code);
      const late = c.next_due && today && c.next_due < today;
      return html`<tr data-school="${c.code}"><td class="code"><a href="${href}">${c.code}</a></td>
        <td><a href="${href}">${c.name}</a></td><td>${c.municipality}</td><td class="nowrap">${c.stage}</td>
        <td>${badge(c.status)}</td><td class="num">${c.open_tasks}</td>
        <td class="num${c.overdue_tasks ? ' late' : ''}">${c.overdue_tasks}</td>
        <td class="nowrap${late ? ' late' : ''}">${fmtDate(c.next_due)}</td></tr>`;
    });
    const note = total > shown.length
      ? html`<p class="table-note warn">показаны ${fmtNum(shown.length)} из ${fmtNum(total)}, уточните поиск</p>`
      : html`<p class="table-note">Найдено школ: ${fmtNum(total)}</p>`;
    return html`<div class="table-wrap"><table class="data" id="cases-table">
      <thead><tr><th>Код</th><th>Школа</th><th>Муниципалитет</th><th>Этап</th><th>Статус</th>
        <th class="num">Открытых задач</th><th class="num">Просрочено</th><th>Ближайший срок</th></tr></thead>
      <tbody>${rows}</tbody></table></div>${note}`;
  }

  // ===================================================================================
  // School page
  // ===================================================================================

  const TASK_ACTIONS = { submit: 'Сдать', approve: 'Утвердить', return: 'Вернуть на доработку' };

  const COMMAND_NAMES = {
    advance: 'перевод на следующий этап', return: 'возврат на предыдущий этап', withdraw: 'вывод из проекта',
    reinstate: 'возврат в проект', complete: 'завершение проекта', 'task-submit': 'задача сдана',
    'task-approve': 'задача утверждена', 'task-return': 'задача возвращена на доработку',
    'task-extend': 'срок задачи продлён', recompute: 'пересчёт сроков'
  };

  async function renderSchool(ctx, code) {
    setTitle('Школа ' + code);
    const [campaign, data] = await Promise.all([getCampaign(), api('GET', caseApi(code))]);
    if (!ctx.alive()) return;
    setHtml(ctx.main, html`<div id="page-error" class="error-box" role="alert" hidden></div>
      <section id="school-page" data-school="${(data.school && data.school.code) || code}"></section>`);
    const root = $('#school-page');
    const school = { code, data, campaign, root, busy: false, openStages: new Set() };
    state.school = school;
    state.reload = () => reloadCase(school);
    root.addEventListener('click', (event) => onSchoolClick(school, event));
    root.addEventListener('submit', (event) => onSchoolSubmit(school, event));
    root.addEventListener('change', (event) => onSchoolChange(school, event));
    root.addEventListener('toggle', (event) => {
      const details = event.target;
      if (details.dataset && details.dataset.stage) {
        if (details.open) school.openStages.add(details.dataset.stage); else school.openStages.delete(details.dataset.stage);
      }
    }, true);
    drawSchool(school);
  }

  async function reloadCase(school) {
    if (school.busy) return;
    school.busy = true;
    const unlock = lockButtons($('#app'), $('#page-error [data-reload]'));
    try {
      school.data = await api('GET', caseApi(school.code));
      if (state.school !== school) return;
      clearPageError();
      drawSchool(school);
      notify('ok', 'Данные школы обновлены');
    } catch (err) {
      unlock();
      if (!err.handled && state.school === school) showPageError(err.message, { reload: err.status === 0 || err.status === 409 });
    } finally {
      school.busy = false;
    }
  }

  function drawSchool(school) {
    const d = school.data;
    const c = school.campaign;
    setTitle((d.school && d.school.name) || school.code);
    setHtml(school.root, html`${schoolHeader(d, c)}
      <section class="panel"><h2>Этапы</h2>${timeline(d, c)}</section>
      ${caseActions(d)}
      <section class="panel"><h2>Задачи</h2>${taskSections(school)}</section>
      <section class="panel"><h2>Документы</h2>${documentsBlock(d)}</section>
      ${peopleBlock(d)}
      <section class="panel"><h2>История</h2>${historyTable(d)}</section>`);
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
      return html`<li class="${cls}" data-stage="${s.id}"${cls === 'current' ? new Safe(' aria-current="step"') : ''}>
        <span class="tl-mark">${mark}</span><span class="tl-id">Этап ${s.id}</span>
        <div>${s.title}</div><div class="tl-window">${win}</div></li>`;
    })}</ol>`;
  }

  function caseActions(d) {
    const a = d.actions || {};
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

  function taskSections(school) {
    const d = school.data;
    const tasks = d.tasks || [];
    const currentId = d.stage && d.stage.id;
    const order = ((school.campaign && school.campaign.stages) || []).map((s) => s.id);
    const current = tasks.filter((t) => t.stage === currentId);
    const others = new Map();
    for (const t of tasks) {
      if (t.stage !== currentId) {
        if (!others.has(t.stage)) others.set(t.stage, []);
        others.get(t.stage).push(t);
      }
    }
    const rank = (id) => { const i = order.indexOf(id); return i < 0 ? order.length : i; };
    const otherIds = Array.from(others.keys()).sort((x, y) => rank(x) - rank(y));
    const head = html`<h3>Этап ${currentId} (текущий)</h3>`;
    const main = current.length ? taskTable(current, school, 'tasks-current') : html`<p class="empty">На текущем этапе задач нет</p>`;
    const rest = otherIds.map((id) => {
      const list = others.get(id);
      const late = list.filter((t) => isLate(t, school)).length;
      const title = stageTitle(school.campaign, id);
      return html`<details class="stage-tasks" data-stage="${id}"${school.openStages.has(id) ? new Safe(' open') : ''}>
        <summary>Этап ${id}${title ? ' — ' + title : ''} · задач: ${list.length}${late ? ', просрочено: ' + late : ''}</summary>
        ${taskTable(list, school, 'tasks-' + id)}</details>`;
    });
    return html`${head}${main}${rest}`;
  }

  function isLate(task, school) {
    const today = school.campaign && school.campaign.today;
    return !!(task.due && today && task.due < today && task.status && task.status.code !== 'approved');
  }

  function taskTable(tasks, school, id) {
    const actions = (school.data.actions && school.data.actions.tasks) || {};
    const canExtend = school.data.actions && school.data.actions.extend;
    const rows = tasks.map((t) => {
      const buttons = (actions[t.id] || []).filter((a) => TASK_ACTIONS[a]).map((a) =>
        html`<button type="button" class="btn btn-small${a === 'return' ? ' btn-light' : a === 'approve' ? ' btn-ok' : ''}" data-action="${a}">${TASK_ACTIONS[a]}</button>`);
      if (canExtend) buttons.push(html`<button type="button" class="btn btn-small btn-light" data-action="extend">Продлить срок</button>`);
      const due = html`<span class="${isLate(t, school) ? 'late' : ''}">${fmtDate(t.due) || '—'}</span>
        ${t.extended ? html` <span class="badge extended">продлён</span>` : ''}
        ${isLate(t, school) ? html` <span class="badge overdue">просрочено</span>` : ''}`;
      return html`<tr data-task="${t.id}"><td>${t.title || t.task_id}</td><td>${t.period_text}</td>
        <td class="nowrap">${due}</td><td>${badge(t.status)}</td><td class="pre">${t.comment}</td>
        <td><div class="cell-actions">${buttons}</div></td></tr>`;
    });
    return html`<div class="table-wrap tall"><table class="data tasks" id="${id}">
      <thead><tr><th>Задача</th><th>Период</th><th>Срок</th><th>Статус</th><th>Комментарий</th><th>Действия</th></tr></thead>
      <tbody>${rows}</tbody></table></div>`;
  }

  function documentsBlock(d) {
    const docs = d.documents || [];
    if (!docs.length) return html`<p class="empty">Документов пока нет</p>`;
    const rows = docs.map((doc) => html`<tr data-document-id="${doc.id}"><td>${doc.number}</td><td>${kindName(doc.kind)}</td>
      <td class="nowrap">${fmtDate(doc.date)}</td><td>${doc.stage}</td><td>${String(doc.format || '').toUpperCase()}</td>
      <td class="num">${doc.version}</td><td><a class="download" href="${doc.url}" download>Скачать</a></td></tr>`);
    const stages = [];
    for (const doc of docs) if (doc.stage && !stages.includes(doc.stage)) stages.push(doc.stage);
    const code = (d.school && d.school.code) || '';
    const packages = stages.map((s) => html`<a class="package" href="${caseApi(code) + '/package' + query({ stage: s })}" download>Пакет этапа ${s} (ZIP)</a>`);
    return html`<div class="table-wrap"><table class="data" id="documents-table">
      <thead><tr><th>Номер</th><th>Вид</th><th>Дата</th><th>Этап</th><th>Формат</th><th class="num">Версия</th><th></th></tr></thead>
      <tbody>${rows}</tbody></table></div><div class="packages">${packages}</div>`;
  }

  function peopleBlock(d) {
    const people = d.people || [];
    if (!people.length) return '';
    const rows = people.map((p) => html`<tr><td>${p.role && p.role.name}</td><td>${p.full_name}</td>
      <td>${p.email ? html`<a href="mailto:${p.email}">${p.email}</a>` : ''}</td><td class="nowrap">${p.phone}</td></tr>`);
    return html`<section class="panel"><h2>Ответственные</h2><div class="table-wrap"><table class="data" id="people-table">
      <thead><tr><th>Роль</th><th>ФИО</th><th>Почта</th><th>Телефон</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
  }

  function historyTable(d) {
    const events = (d.history || []).slice().sort((a, b) =>
      String(b.at || '').localeCompare(String(a.at || '')) || (Number(b.id) || 0) - (Number(a.id) || 0));
    if (!events.length) return html`<p class="empty">Записей нет</p>`;
    const rows = events.map((e) => html`<tr data-event="${e.id}"><td class="nowrap">${fmtDateTime(e.at_local || e.at)}</td>
      <td>${e.actor}</td><td>${COMMAND_NAMES[e.command] || e.command}${eventNote(e, d)}</td>
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

  // Only one extra-input area at a time, so [name=reason] on the page is never ambiguous.
  function closeForms(school) {
    for (const el of $$('.form-row, #case-form .inline-form', school.root)) el.remove();
    const force = $('#advance-group input[name=force]', school.root);
    if (force) force.checked = false;
    const slot = $('#advance-group .force-reason', school.root);
    if (slot) slot.textContent = '';
  }

  function reasonForm(kind, label, confirm, required, task) {
    return html`<form class="inline-form" data-form="${kind}"${task ? html` data-task="${task}"` : ''} novalidate>
      <label class="field"><span>${label}${required ? ' (обязательно)' : ''}</span>
        <input type="text" name="${kind === 'task-return' ? 'comment' : 'reason'}" maxlength="2000" autocomplete="off"></label>
      <button type="submit" class="btn" data-confirm>${confirm}</button>
      <button type="button" class="btn btn-light" data-cancel>Отмена</button>
      <p class="form-error" hidden></p></form>`;
  }

  function extendForm(task) {
    return html`<form class="inline-form" data-form="task-extend" data-task="${task.id}" novalidate>
      <label class="field"><span>Новый срок</span><input type="date" name="until" value="${task.due || ''}"></label>
      <label class="field"><span>Причина</span><input type="text" name="reason" maxlength="2000" autocomplete="off"></label>
      <button type="submit" class="btn" data-confirm>Продлить</button>
      <button type="button" class="btn btn-light" data-cancel>Отмена</button>
      <p class="form-error" hidden></p></form>`;
  }

  function openTaskForm(school, row, markup) {
    closeForms(school);
    const formRow = document.createElement('tr');
    formRow.className = 'form-row';
    setHtml(formRow, html`<td colspan="6">${markup}</td>`);
    row.after(formRow);
    $('input', formRow).focus();
  }

  function openCaseForm(school, markup) {
    closeForms(school);
    const slot = $('#case-form', school.root);
    setHtml(slot, markup);
    $('input', slot).focus();
  }

  function findTask(school, id) {
    return (school.data.tasks || []).find((t) => t.id === id);
  }

  function onSchoolClick(school, event) {
    const button = event.target.closest('button');
    if (!button || button.disabled || school.busy) return;
    if (button.hasAttribute('data-cancel')) { closeForms(school); return; }
    const row = button.closest('tr[data-task]');
    if (button.dataset.action && row) {
      const task = findTask(school, row.dataset.task);
      if (!task) return;
      const action = button.dataset.action;
      if (action === 'return') openTaskForm(school, row, reasonForm('task-return', 'Что доработать', 'Вернуть на доработку', true, task.id));
      else if (action === 'extend') openTaskForm(school, row, extendForm(task));
      else runTaskCommand(school, task, action, { comment: '' }, button);
      return;
    }
    const caseAction = button.dataset.caseAction;
    if (!caseAction) return;
    const target = previousStage(school);
    if (caseAction === 'advance') advance(school, button);
    else if (caseAction === 'return') openCaseForm(school, reasonForm('case-return', 'Причина возврата', target ? `Вернуть на этап ${target}` : 'Вернуть', true));
    else if (caseAction === 'withdraw') openCaseForm(school, reasonForm('case-withdraw', 'Причина вывода из проекта', 'Вывести из проекта', true));
    else runCaseCommand(school, caseAction, {}, button);
  }

  // The force checkbox brings its own reason field; it is in the page only while checked.
  function onSchoolChange(school, event) {
    if (event.target.name !== 'force' || !event.target.closest('#advance-group')) return;
    const checked = event.target.checked;
    closeForms(school);
    event.target.checked = checked;
    if (checked) {
      const slot = $('#advance-group .force-reason', school.root);
      setHtml(slot, html`<input type="text" name="reason" placeholder="Причина досрочного перевода" maxlength="2000" autocomplete="off">`);
      $('input', slot).focus();
    }
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
    const ids = ((school.campaign && school.campaign.stages) || []).map((s) => s.id);
    const i = ids.indexOf(school.data.stage && school.data.stage.id);
    return i > 0 ? ids[i - 1] : '';
  }

  function onSchoolSubmit(school, event) {
    const form = event.target.closest('form[data-form]');
    if (!form) return;
    event.preventDefault();
    if (school.busy) return;
    const kind = form.dataset.form;
    const button = $('[data-confirm]', form);
    const value = (name) => (form.elements[name] ? form.elements[name].value.trim() : '');
    const fail = (message, name) => {
      const box = $('.form-error', form);
      box.textContent = message;
      box.hidden = false;
      if (name && form.elements[name]) form.elements[name].focus();
    };
    if (kind === 'task-return' || kind === 'task-extend') {
      const task = findTask(school, form.dataset.task);
      if (!task) return;
      if (kind === 'task-return') {
        if (!value('comment')) { fail('Напишите, что нужно доработать', 'comment'); return; }
        runTaskCommand(school, task, 'return', { comment: value('comment') }, button);
      } else {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value('until'))) { fail('Укажите новый срок', 'until'); return; }
        runTaskCommand(school, task, 'extend', { until: value('until'), reason: value('reason') }, button);
      }
      return;
    }
    if (!value('reason')) { fail('Укажите причину', 'reason'); return; }
    runCaseCommand(school, kind === 'case-return' ? 'return' : 'withdraw', { reason: value('reason') }, button);
  }

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
    switch (command) {
      case 'submit': return 'Задача сдана';
      case 'approve': return 'Задача утверждена';
      case 'return': return 'Задача возвращена на доработку';
      case 'extend': return `Срок продлён до ${fmtDate(body.until)}`;
      default: return 'Готово';
    }
  }

  function runCaseCommand(school, command, body, button) {
    return runCommand(school, `${caseApi(school.code)}/${command}`, body, button,
      (result) => caseMessage(command, result));
  }

  function runTaskCommand(school, task, command, body, button) {
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
      if (state.school !== school) return;
      school.data = data.case || await api('GET', caseApi(school.code));
      drawSchool(school);
      const docs = (data.result && data.result.documents) || [];
      notify('ok', describe(data.result) + (docs.length ? '\nСоставлены документы:' : ''), docs);
    } catch (err) {
      if (state.school !== school) return;
      unlock();
      if (err.handled) return;
      if (err.status === 409) {
        showPageError(err.message, { title: 'Дело изменилось, пока страница была открыта. Обновите её.', reload: true });
      } else if (err.status === 422) {
        showPageError(err.message, { title: 'Действие отклонено:' });
      } else {
        showPageError(err.message, { reload: err.status === 0 });
      }
      notify('error', err.status === 0 ? 'Сервер недоступен' : 'Действие не выполнено');
    } finally {
      school.busy = false;
    }
  }

  // ===================================================================================
  // Curator tools
  // ===================================================================================

  async function renderTools(ctx) {
    setTitle('Инструменты куратора');
    if (!hasRole(ROLES_TOOLS)) {
      setHtml(ctx.main, html`<div id="page-error" class="error-box" role="alert">Инструменты доступны куратору и администратору</div>`);
      return;
    }
    const [campaign, dash] = await Promise.all([
      getCampaign(),
      api('GET', '/api/dashboard').catch((err) => { if (err.handled) throw err; return null; })
    ]);
    if (!ctx.alive()) return;
    if (dash) rememberMunicipalities(dash, '');
    state.reload = route;
    const stageOptions = (campaign.stages || []).map((s) => html`<option value="${s.id}">Этап ${s.id} — ${s.title}</option>`);
    setHtml(ctx.main, html`<div id="page-error" class="error-box" role="alert" hidden></div>
      <div class="page-head"><h1>Инструменты куратора</h1></div>
      <section class="panel"><h2>Перевод школ этапа на следующий этап</h2>
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
        <div id="bulk-results"></div></section>
      <section class="panel"><h2>График собеседований</h2>
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
        <div id="schedule-results"></div></section>`);
    bindTools(ctx, campaign);
  }

  function bindTools(ctx, campaign) {
    const bulk = $('#bulk-form');
    bulk.addEventListener('submit', (event) => { event.preventDefault(); submitBulk(ctx, bulk, campaign); });
    const schedule = $('#schedule-form');
    schedule.addEventListener('submit', (event) => { event.preventDefault(); submitSchedule(ctx, schedule); });
    $('[data-add-day]', schedule).addEventListener('click', () => {
      const picked = schedule.elements.pick.value;
      if (!picked) return;
      const area = schedule.elements.days;
      const lines = area.value.split('\n').map((l) => l.trim()).filter(Boolean);
      if (!lines.some((l) => parseUserDate(l) === picked)) lines.push(fmtDate(picked));
      area.value = lines.join('\n');
    });
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
      const data = await api('POST', `/api/stages/${encodeURIComponent(stage)}/advance`, { municipality, force, reason });
      if (!ctx.alive()) return;
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

  function bulkResults(data) {
    const results = data.results || [];
    // Refusals are what needs the curator's attention: they come first.
    const sorted = results.filter((r) => !r.applied).concat(results.filter((r) => r.applied));
    const shown = sorted.slice(0, MAX_RESULT_ROWS);
    const rows = shown.map((r) => html`<tr data-school="${r.school_code}" class="${r.applied ? 'applied' : 'refused'}">
      <td class="code"><a href="${schoolHref(r.school_code)}">${r.school_code}</a></td><td>${r.school_name}</td>
      <td>${r.municipality}</td><td>${r.applied ? html`<span class="badge applied">переведена</span>` : html`<span class="badge refused">отказ</span>`}</td>
      <td class="pre">${r.message}</td></tr>`);
    const note = results.length > shown.length ? html`<p class="table-note warn">показаны ${fmtNum(shown.length)} из ${fmtNum(results.length)}</p>` : '';
    return html`<p class="result-summary">Переведено ${fmtNum(data.advanced)} из ${fmtNum(data.total)}</p>
      ${results.length ? html`<div class="table-wrap"><table class="data" id="bulk-table">
        <thead><tr><th>Код</th><th>Школа</th><th>Муниципалитет</th><th>Итог</th><th>Сообщение</th></tr></thead>
        <tbody>${rows}</tbody></table></div>${note}` : html`<p class="empty">На этом этапе нет школ</p>`}`;
  }

  async function submitSchedule(ctx, form) {
    const tokens = form.elements.days.value.split(/[\s,;]+/).filter(Boolean);
    const days = [];
    for (const token of tokens) {
      const iso = parseUserDate(token);
      if (!iso) { showPageError(`Не понимаю дату «${token}»: пишите ДД.ММ.ГГГГ или ГГГГ-ММ-ДД`); return; }
      if (!days.includes(iso)) days.push(iso);
    }
    if (!days.length) { showPageError('Укажите хотя бы один день собеседований'); form.elements.days.focus(); return; }
    const hours = form.elements.hours.value.trim() || '09:00-17:00';
    const lunch = form.elements.lunch.value.trim();
    clearPageError();
    const target = $('#schedule-results');
    const unlock = lockButtons(form, $('button[type=submit]', form));
    try {
      const data = await api('POST', '/api/interview-schedule', { days: days.sort(), hours, lunch });
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

  // ===================================================================================
  // Outbox
  // ===================================================================================

  const LETTER_STATUS = { planned: 'запланировано', sent: 'отправлено', failed: 'ошибка' };
  const RECIPIENT_ROLES = { administrator: 'администратор', curator: 'куратор', coordinator: 'координатор', school: 'школа', observer: 'наблюдатель' };

  async function renderOutbox(ctx) {
    setTitle('Рассылка напоминаний');
    if (!hasRole(ROLES_OUTBOX)) {
      setHtml(ctx.main, html`<div id="page-error" class="error-box" role="alert">Рассылка доступна администратору, куратору и наблюдателю</div>`);
      return;
    }
    const params = new URLSearchParams(location.search);
    const status = params.get('status') || '';
    const day = params.get('day') || '';
    state.reload = route;
    const options = [['', 'Все']].concat(Object.entries(LETTER_STATUS));
    setHtml(ctx.main, html`<div id="page-error" class="error-box" role="alert" hidden></div>
      <div class="page-head"><h1>Рассылка напоминаний</h1></div>
      <section class="panel"><form id="outbox-filter" class="filters" novalidate>
        <label class="field"><span>Статус</span><select name="status">${options.map(([v, t]) =>
          html`<option value="${v}"${v === status ? new Safe(' selected') : ''}>${t}</option>`)}</select></label>
        <label class="field"><span>День</span><input type="date" name="day" value="${day}"></label>
        <button type="button" class="btn btn-light" data-reset>Сбросить</button></form>
        <div id="outbox-result"><p class="loading">Загрузка…</p></div></section>`);
    const form = $('#outbox-filter');
    form.addEventListener('change', () => loadOutbox(ctx, form));
    form.addEventListener('submit', (event) => { event.preventDefault(); loadOutbox(ctx, form); });
    $('[data-reset]', form).addEventListener('click', () => {
      form.elements.status.value = '';
      form.elements.day.value = '';
      loadOutbox(ctx, form);
    });
    await loadOutbox(ctx, form);
  }

  let outboxSeq = 0;

  // Only the table reloads, so the date field keeps its focus; the filter stays in the address.
  async function loadOutbox(ctx, form) {
    const filter = { status: form.elements.status.value, day: form.elements.day.value };
    history.replaceState(null, '', '/outbox' + query(filter));
    const seq = ++outboxSeq;
    const target = $('#outbox-result');
    target.classList.add('muted');
    try {
      const data = await api('GET', '/api/outbox' + query(filter));
      if (!ctx.alive() || seq !== outboxSeq) return;
      clearPageError();
      setHtml(target, outboxTable(data));
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
    const total = data.total === undefined ? letters.length : data.total;
    const rows = letters.map((l) => {
      const r = l.recipient || {};
      return html`<tr data-letter="${l.id}"><td class="nowrap">${fmtDate(l.day)}</td>
        <td>${r.name}<div class="muted small">${r.email}</div></td><td>${RECIPIENT_ROLES[r.role] || r.role}</td>
        <td>${l.subject}</td><td class="num">${l.items}${l.escalations ? html`<div class="muted small">эскалаций: ${l.escalations}</div>` : ''}</td>
        <td>${badge({ code: l.status, name: LETTER_STATUS[l.status] || l.status })}</td>
        <td class="num">${l.attempts}</td><td class="pre small">${l.last_error}</td></tr>`;
    });
    const summary = html`<div class="counts">
      <span>Запланировано: <strong>${fmtNum(counts.planned)}</strong></span>
      <span>Отправлено: <strong>${fmtNum(counts.sent)}</strong></span>
      <span>Ошибки: <strong class="${counts.failed ? 'late' : ''}">${fmtNum(counts.failed)}</strong></span></div>`;
    if (!letters.length) return html`${summary}<p class="empty">Писем по этим условиям нет</p>`;
    const note = total > letters.length ? html`<p class="table-note warn">показаны ${fmtNum(letters.length)} из ${fmtNum(total)}, уточните фильтр</p>` : '';
    return html`${summary}<div class="table-wrap"><table class="data" id="outbox-table">
      <thead><tr><th>День</th><th>Получатель</th><th>Роль</th><th>Тема</th><th class="num">Пунктов</th>
        <th>Статус</th><th class="num">Попыток</th><th>Последняя ошибка</th></tr></thead>
      <tbody>${rows}</tbody></table></div>${note}`;
  }

  // ===================================================================================
  // Start
  // ===================================================================================

  async function start() {
    document.addEventListener('click', onLinkClick);
    document.addEventListener('click', onGlobalClick);
    window.addEventListener('popstate', route);
    $('#logout').addEventListener('click', logout);
    try {
      setSession(await api('GET', '/api/me', null, { allow401: true }));
    } catch (err) {
      if (err.status !== 401) {
        // Not «not signed in» but «cannot tell»: offer to try again rather than a login form.
        setHtml($('#app'), html`<div id="page-error" class="error-box" role="alert">${err.message}
          <div><button type="button" class="btn btn-light" id="retry-start">Повторить</button></div></div>`);
        $('#retry-start').addEventListener('click', () => location.reload());
        return;
      }
    }
    route();
  }

  // The one global: for the console and tests. The session token stays private to this closure.
  window.Shnor = { navigate, esc, fmtDate };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
