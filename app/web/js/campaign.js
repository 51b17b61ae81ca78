// The project (GET /api/campaign): loaded once per session and shared by the pages.
import { $ } from './html.js';
import { api } from './api.js';
import { session } from './session.js';

export function getCampaign() {
  if (!session.campaign) {
    session.campaign = api('GET', '/api/campaign').then((campaign) => {
      showCampaignTitle(campaign);
      return campaign;
    });
    session.campaign.catch(() => { session.campaign = null; }); // a failed load is tried again next time
  }
  return session.campaign;
}

function showCampaignTitle(campaign) {
  const title = $('#campaign-title');
  if (title && campaign.title) title.textContent = campaign.title + (campaign.region ? ' · ' + campaign.region : '');
}

export function stageTitle(campaign, id) {
  const stage = campaign && (campaign.stages || []).find((s) => s.id === id);
  return stage ? stage.title : '';
}

// Stage ids in the workflow's order.
export function stageIds(campaign) {
  return ((campaign && campaign.stages) || []).map((s) => s.id);
}
