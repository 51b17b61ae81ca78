// Dates and numbers as a Russian reader writes them, and the user's dates back into ISO.

export function fmtDate(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value || ''));
  return m ? `${m[3]}.${m[2]}.${m[1]}` : String(value || '');
}

// at_local is the region's local time; show it as «dd.mm.yyyy hh:mm» whatever the separator.
export function fmtDateTime(value) {
  const text = String(value || '');
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(text);
  return m ? `${m[3]}.${m[2]}.${m[1]}${m[4] ? ' ' + m[4] : ''}` : text;
}

export function fmtNum(n) {
  return Number(n || 0).toLocaleString('ru-RU');
}

// Users type dates as 04.03.2024 or 2024-03-04; the API wants ISO. Null for anything else,
// including a day that does not exist (31.02.2024).
export function parseUserDate(text) {
  const parts = dateParts(text);
  if (!parts) return null;
  const [y, mo, d] = parts;
  const date = new Date(Date.UTC(+y, +mo - 1, +d));
  if (date.getUTCFullYear() !== +y || date.getUTCMonth() !== +mo - 1 || date.getUTCDate() !== +d) return null;
  return `${y}-${mo}-${d}`;
}

// [year, month, day] as zero-padded strings, from either spelling.
function dateParts(text) {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return [iso[1], iso[2], iso[3]];
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  return ru ? [ru[3], ru[2].padStart(2, '0'), ru[1].padStart(2, '0')] : null;
}
