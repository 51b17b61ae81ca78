// How a document reads in lists and notices: its kind's name, number and date, and its link.
import { html } from './html.js';
import { fmtDate } from './format.js';

// The API names a document by its template id only; a curator reads the document's own name.
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

export const kindName = (kind) => DOCUMENT_KINDS[kind] || kind;

export function formatName(doc) {
  return String(doc.format || '').toUpperCase();
}

export function documentLabel(doc) {
  const parts = [kindName(doc.kind), doc.number ? '№ ' + doc.number : '', doc.date ? 'от ' + fmtDate(doc.date) : ''];
  return parts.filter(Boolean).join(' ');
}

export function documentItem(doc) {
  return html`<li>${documentLabel(doc)} — <a class="download" href="${doc.url}" download>Скачать ${formatName(doc)}</a></li>`;
}
