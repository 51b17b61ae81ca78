// Addresses of the app's pages and of the API, built in one place.

// ?key=value&… of the parameters that are set; empty, null and false ones are left out.
export function query(params) {
  const parts = [];
  for (const [key, value] of Object.entries(params)) {
    if (value !== '' && value !== null && value !== undefined && value !== false) {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
    }
  }
  return parts.length ? '?' + parts.join('&') : '';
}

export function schoolHref(code) {
  return '/schools/' + encodeURIComponent(code);
}

export function caseApi(code) {
  return '/api/cases/' + encodeURIComponent(code);
}

export function loginHref(next) {
  return next && next !== '/' ? '/login' + query({ next }) : '/login';
}

// Only paths of this site: a crafted ?next= must not send the user elsewhere.
export function nextTarget() {
  const next = new URLSearchParams(location.search).get('next') || '/';
  return /^\/(?![/\\])/.test(next) && !next.startsWith('/login') ? next : '/';
}
