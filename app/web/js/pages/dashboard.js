// The dashboard: schools by stage, the municipality chart, overdue tasks and this week's
// deadlines, and the school list.
import { html, setHtml, $, $$ } from '../html.js';
import { api } from '../api.js';
import { fmtDate, fmtNum } from '../format.js';
import { query, schoolHref } from '../paths.js';
import { getCampaign } from '../campaign.js';
import { rememberMunicipalities, municipalityOptions } from '../municipalities.js';
import { navigate } from '../router.js';
import { setTitle, badge } from '../feedback.js';
import { chartLegend, drawChart } from './dashboard-chart.js';
import { caseFilters, syncCaseFilters, loadCases } from './case-list.js';

const SEARCH_DELAY_MS = 300;

export async function renderDashboard(ctx) {
  setTitle('Сводка');
  const params = new URLSearchParams(location.search);
  const municipality = params.get('municipality') || '';
  const [campaign, dash] = await Promise.all([
    getCampaign(),
    api('GET', '/api/dashboard' + query({ municipality }))
  ]);
  if (!ctx.alive()) return;
  rememberMunicipalities(dash, municipality);
  setHtml(ctx.main, dashboardMarkup(campaign, dash, params));
  drawChart($('#municipality-chart'), dash);
  bindDashboard(ctx);
  loadCases(ctx);
}

function dashboardMarkup(campaign, dash, params) {
  const sub = [campaign.region, campaign.operator, 'сегодня ' + fmtDate(dash.today || campaign.today)].filter(Boolean).join(' · ');
  return html`<div id="dashboard">
    <div id="page-error" class="error-box" role="alert" hidden></div>
    <div class="page-head">
      <div><h1>${campaign.title || 'Сводка'}</h1>
        <div class="sub">${sub}</div></div>
      <label class="field"><span>Муниципалитет</span>
        <select id="municipality-filter">${municipalityOptions(params.get('municipality') || '')}</select></label>
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
  </div>`;
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

function bindDashboard(ctx) {
  $('#municipality-filter').addEventListener('change', (event) => {
    const params = new URLSearchParams(location.search);
    if (event.target.value) params.set('municipality', event.target.value); else params.delete('municipality');
    params.delete('offset'); // another list: from its first page
    navigate('/' + query(Object.fromEntries(params)), { replace: true });
  });
  const form = $('#cases-filter');
  bindCaseFilters(ctx, form);
  for (const card of $$('.stage-card', ctx.main)) {
    card.addEventListener('click', () => showStage(ctx, form, card.dataset.stage));
  }
}

// Choices reload the list at once; typing in the search waits for a pause.
function bindCaseFilters(ctx, form) {
  let timer = 0;
  const reload = () => { syncCaseFilters(form); loadCases(ctx); };
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', (event) => { if (event.target.name !== 'q') reload(); });
  form.elements.q.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { if (ctx.alive()) reload(); }, SEARCH_DELAY_MS);
  });
}

// A stage card is a shortcut to the school list of that stage; clicked again, it clears it.
function showStage(ctx, form, stage) {
  const select = form.elements.stage;
  select.value = select.value === stage ? '' : stage;
  syncCaseFilters(form); // also marks the selected card
  loadCases(ctx);
  $('#cases-section').scrollIntoView({ block: 'start', behavior: 'smooth' });
}
