// The dashboard's chart: one bar per municipality, split by stage, completed and withdrawn.
import { html, setHtml, $$ } from '../html.js';
import { fmtNum } from '../format.js';
import { query } from '../paths.js';

// Colours c0…c5 follow the stage's place in the workflow, as on the stage cards.
function chartSeries(stages) {
  return (stages || []).map((s, i) => ({ key: s.id, label: `Этап ${s.id}`, cls: 'c' + (i % 6) }))
    .concat([{ key: 'completed', label: 'Завершили', cls: 'completed' }, { key: 'withdrawn', label: 'Выведены', cls: 'withdrawn' }]);
}

export function chartLegend(stages) {
  return html`<ul class="legend">${chartSeries(stages).map((s) =>
    html`<li class="${s.cls}"><span class="swatch"></span>${s.label}</li>`)}</ul>`;
}

// Each bar is 100 % of the municipality's schools, so small and large districts compare by
// progress; the absolute numbers are in the tooltip and the right-hand column.
export function drawChart(root, dash) {
  const series = chartSeries(dash.stages);
  const rows = (dash.municipalities || []).map((m) => chartRow(m, series));
  setHtml(root, rows.length ? rows : html`<p class="empty">Нет данных</p>`);
  // Widths through the DOM rather than style="" attributes: fine under a strict style CSP too.
  for (const span of $$('[data-w]', root)) span.style.width = span.dataset.w + '%';
}

function chartRow(m, series) {
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
}
