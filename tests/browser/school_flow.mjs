// The school flow through the web UI in headless Chromium: a curator moves tmn-001 from stage I
// to stage II and downloads the notice it produced, a coordinator of another district is refused
// the school. Run by run.sh, which seeds the database and starts the server; settings come from
// the environment: SHNOR_URL, SHNOR_PASSWORD, SHNOR_OUTPUT, CHROMIUM.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const baseUrl = process.env.SHNOR_URL;
const password = process.env.SHNOR_PASSWORD;
const output = process.env.SHNOR_OUTPUT;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const SCHOOL = 'tmn-001';
const STAGE_I_TASKS = ['team-appointed', 'kickoff-webinar', 'deep-analysis'];
const WAIT_MS = 15000;

let checks = 0;
function pass(what) {
  checks++;
  console.log(`ok ${checks} - ${what}`);
}

class CheckFailed extends Error {}

// Polls until `probe` returns a truthy value; the failure names what was expected and what the
// page showed last, since a bare timeout says nothing about the UI.
async function waitFor(what, probe, timeout = WAIT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err.message.split('\n')[0];
    }
    if (Date.now() > deadline) {
      throw new CheckFailed(`${what}: not seen within ${timeout / 1000} s${last ? ` (${last})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function textOf(page, selector) {
  const el = page.locator(selector).first();
  return (await el.count()) && (await el.isVisible()) ? (await el.innerText()).trim() : '';
}

async function expectText(page, selector, pattern, what) {
  const text = await waitFor(`${what} (${selector} matching ${pattern})`, async () => {
    const t = await textOf(page, selector);
    return pattern.test(t) ? t : '';
  });
  pass(`${what}: «${text.replace(/\s+/g, ' ')}»`);
  return text;
}

// Each user gets a context of their own: no cookie of the previous user can leak into the check.
// A failing step leaves a screenshot of what the page showed.
async function asUser(browser, errors, name, flow) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'ru-RU',
    viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  // Refused requests log console errors by design; only uncaught exceptions are bugs.
  page.on('pageerror', (err) => errors.push(err.message));
  try {
    await flow(page);
  } catch (err) {
    const shot = path.join(output, `failed-${name}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    err.message += ` [page ${page.url()}, screenshot ${shot}]`;
    throw err;
  } finally {
    await context.close();
  }
}

async function logIn(page, login) {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#login-form').waitFor();
  await page.fill('#login', login);
  await page.fill('#password', password);
  await page.click('#login-submit');
  await page.locator('#dashboard').waitFor();
  pass(`${login} logged in, dashboard shown`);
}

async function caseVersion(page) {
  return (await page.locator('#case-version').innerText()).trim();
}

// Clicks a button that runs a command and waits for its outcome: the success notice and a new
// case version (the page is redrawn from the server's answer).
async function runCommand(page, button, notice, what) {
  const before = await caseVersion(page);
  await button.click();
  await waitFor(`${what}: case version changes from ${before}`, async () => (await caseVersion(page)) !== before);
  await expectText(page, '#notice.ok', notice, what);
}

async function curatorFlow(page) {
  await logIn(page, 'curator@example.ru');
  await expectText(page, '#user-name', /Берестова/, 'the header names the curator');
  await page.locator('.stage-card[data-stage="I"]').waitFor();
  await page.locator('#municipality-chart .chart-row').first().waitFor();
  const row = page.locator(`#cases-table tr[data-school="${SCHOOL}"]`);
  await row.waitFor();
  pass(`dashboard has stage cards, the municipality chart and ${SCHOOL} in the school list`);
  await page.screenshot({ path: path.join(output, 'dashboard.png'), fullPage: true });

  await row.locator('a').first().click();
  await page.locator(`#school-page[data-school="${SCHOOL}"]`).waitFor();
  if (new URL(page.url()).pathname !== `/schools/${SCHOOL}`) {
    throw new CheckFailed(`the school row led to ${page.url()}, not /schools/${SCHOOL}`);
  }
  pass(`the school row opens /schools/${SCHOOL}`);
  await expectText(page, '#case-stage', /^Этап I\b/, 'the school is at stage I');

  const shown = await page.locator('#tasks-current tr[data-task]').evaluateAll(
    (rows) => rows.map((r) => r.dataset.task));
  if (shown.join() !== STAGE_I_TASKS.join()) {
    throw new CheckFailed(`stage I tasks on the page are [${shown}], expected [${STAGE_I_TASKS}]`);
  }
  pass(`stage I lists its tasks ${shown.join(', ')}`);
  for (const task of STAGE_I_TASKS) {
    const taskRow = () => page.locator(`#tasks-current tr[data-task="${task}"]`);
    await runCommand(page, taskRow().locator('button[data-action=submit]'), /Задача сдана/, `${task} submitted`);
    await runCommand(page, taskRow().locator('button[data-action=approve]'), /Задача утверждена/, `${task} approved`);
    await expectText(page, `#tasks-current tr[data-task="${task}"] .badge`, /утверждена/, `${task} shows as approved`);
  }

  // On 10.02.2024 stage II's window (from 01.03) is not open yet: the guard must refuse and say why.
  const advance = page.locator('button[data-case-action=advance]');
  const version = await caseVersion(page);
  await advance.click();
  await expectText(page, '#page-error', /Действие отклонено[\s\S]*[а-яё]{4}/i, 'a plain advance is refused with the reason');
  await expectText(page, '#notice.error', /Действие не выполнено/, 'the refusal notice is shown');
  if ((await caseVersion(page)) !== version) throw new CheckFailed('a refused advance changed the case version');
  await expectText(page, '#case-stage', /^Этап I\b/, 'the refused school stays at stage I');

  await page.check('#advance-group input[name=force]');
  await page.fill('#advance-group input[name=reason]', 'Проверка браузерным тестом: досрочный перевод');
  await runCommand(page, advance, /Школа переведена на этап II(?![/\w])/, 'a forced advance is applied');
  await expectText(page, '#case-stage', /^Этап II\b/, 'the school is at stage II');
  if (await page.locator('#page-error').isVisible()) throw new CheckFailed('the refusal box stayed after the advance');

  const noticeRow = page.locator('#documents-table tr[data-document-id]', { hasText: 'Уведомление о переходе на этап' });
  await noticeRow.first().waitFor();
  pass('the documents table lists the stage notice');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    noticeRow.first().locator('a.download').click()
  ]);
  if (await download.failure()) throw new CheckFailed(`the notice download failed: ${await download.failure()}`);
  const pdf = path.join(output, 'stage-notice.pdf');
  await download.saveAs(pdf);
  const bytes = await readFile(pdf);
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new CheckFailed(`the downloaded notice ${download.suggestedFilename()} is not a PDF: starts with ${JSON.stringify(bytes.subarray(0, 16).toString('latin1'))}`);
  }
  pass(`the notice ${download.suggestedFilename()} (${bytes.length} bytes) is a PDF`);
  // From the top, or the sticky header lands in the middle of the full-page picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(output, 'school.png'), fullPage: true });

  await page.click('#logout');
  await page.locator('#login-form').waitFor();
  pass('logging out returns to the login form');
}

async function coordinatorFlow(page) {
  await logIn(page, 'vagai@example.ru');
  await page.locator('#cases-table tr[data-school]').first().waitFor();
  if (await page.locator(`#cases-table tr[data-school="${SCHOOL}"]`).count()) {
    throw new CheckFailed(`the Вагайский coordinator's dashboard lists ${SCHOOL}`);
  }
  pass(`the coordinator's school list does not have ${SCHOOL}`);
  await page.goto(`${baseUrl}/schools/${SCHOOL}`);
  await expectText(page, '#page-error', /Нет доступа к школе/, `the coordinator is refused ${SCHOOL}`);
  if (await page.locator('#school-page').count()) throw new CheckFailed('the refused school page was drawn anyway');
}

async function main() {
  for (const [name, value] of Object.entries({ SHNOR_URL: baseUrl, SHNOR_PASSWORD: password, SHNOR_OUTPUT: output })) {
    if (!value) throw new CheckFailed(`${name} is not set (run through run.sh)`);
  }
  const started = Date.now();
  // launch() starts Chromium with a fresh temporary profile of its own, removed on close.
  const browser = await chromium.launch({ executablePath, headless: true });
  const errors = [];
  try {
    console.log(`# ${executablePath} ${browser.version()} against ${baseUrl}`);
    await asUser(browser, errors, 'curator', curatorFlow);
    await asUser(browser, errors, 'coordinator', coordinatorFlow);
  } finally {
    await browser.close();
  }
  if (errors.length) throw new CheckFailed(`script errors in the page: ${errors.join('; ')}`);
  pass('no script errors in the pages');
  console.log(`# ${checks} checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots dashboard.png, school.png and stage-notice.pdf in ${output}`);
}

main().catch((err) => {
  console.error(`not ok - ${err instanceof CheckFailed ? err.message : err.stack}`);
  process.exit(1);
});
