// Who is signed in, and what the app remembers for that user only: all of it is forgotten on
// sign-out, so the next user of the browser starts clean.

export const session = {
  user: null,        // {login, name, role:{code,name}, capabilities:{…}} once signed in
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

// What the engine lets this user do at all, as /api/me and the login answer send it:
// change_cases, campaign_wide, bulk_advance, interview_schedule, extend_deadlines, outbox,
// audit_log, override_reviews. The pages ask these instead of knowing which role may what, so a
// change of the rules in the engine needs no change here.
export function can(capability) {
  const capabilities = session.user && session.user.capabilities;
  return !!(capabilities && capabilities[capability] === true);
}

export function canAny(capabilities) {
  return capabilities.some(can);
}
