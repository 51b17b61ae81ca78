// The municipality select of the dashboard and the curator's tools. A filtered dashboard lists
// one municipality only, so the select offers every name seen before in this session.
import { html, flag } from './html.js';
import { session } from './session.js';

export function rememberMunicipalities(dash, selected) {
  const names = new Set(session.municipalities);
  for (const m of dash.municipalities || []) names.add(m.name);
  if (selected) names.add(selected);
  session.municipalities = Array.from(names).sort((a, b) => a.localeCompare(b, 'ru'));
}

export function municipalityOptions(selected) {
  return html`<option value="">Все муниципалитеты</option>${session.municipalities.map((name) =>
    html`<option value="${name}"${flag(name === selected, 'selected')}>${name}</option>`)}`;
}
