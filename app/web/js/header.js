// The top bar: the user's name and role, the sections they may open, and «Выйти».
import { $, $$ } from './html.js';
import { api } from './api.js';
import { session, clearSession } from './session.js';
import { navigate, mayOpenSection } from './router.js';
import { notify } from './feedback.js';

// active: the nav name of the page on screen ("dashboard", "tools", …) or nothing.
export function updateHeader(active) {
  const bar = $('#topbar');
  bar.hidden = !session.user;
  if (!session.user) return;
  $('#user-name').textContent = session.user.name || session.user.login || '';
  $('#user-role').textContent = (session.user.role && session.user.role.name) || '';
  for (const link of $$('#nav a')) {
    link.hidden = !mayOpenSection(link.dataset.nav);
    link.classList.toggle('active', link.dataset.nav === active);
  }
}

export async function logout(event) {
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
