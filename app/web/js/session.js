// Who is signed in, and what the app remembers for that user only: all of it is forgotten on
// sign-out, so the next user of the browser starts clean.

export const session = {
  user: null,        // {login, name, role:{code,name}} once signed in
  csrf: null,        // kept in memory only: a reload asks /api/me again
  campaign: null,    // promise of GET /api/campaign, shared by the pages
  municipalities: [] // names seen on the unfiltered dashboard, for the filter selects
};

// Takes what /api/login and /api/me answer: {user, csrf_token}.
export function setSession(data) {
  if (data.user) session.user = data.user;
  if (data.csrf_token) session.csrf = data.csrf_token;
}

export function clearSession() {
  session.user = null;
  session.csrf = null;
  session.campaign = null;
  session.municipalities = [];
}

export function hasRole(roles) {
  return !!(session.user && session.user.role && roles.includes(session.user.role.code));
}
