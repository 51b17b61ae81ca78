// The school flow through the web UI in headless Chromium, each step by the role the workflow
// gives it: the school submits tmn-001's stage I tasks, its municipality's coordinator and its
// curator approve the ones they review, the curator moves the school to stage II (refused first,
// then forced) and downloads the notice it produced; the observer pages through the school list
// and downloads it whole as CSV and XLSX; a coordinator of another district is refused the
// school. Run by run.sh, which seeds the database and starts the server; settings come from the
// environment: SHNOR_URL, SHNOR_PASSWORD, SHNOR_OUTPUT, CHROMIUM.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const baseUrl = process.env.SHNOR_URL;
const password = process.env.SHNOR_PASSWORD;
const output = process.env.SHNOR_OUTPUT;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const SCHOOL = 'tmn-001';
// Stage I's tasks (workflows/targeted-support.yaml): all three the school's to submit;
// team-appointed and deep-analysis reviewed by the municipal coordinator, kickoff-webinar by the
// curator.
const STAGE_I_TASKS = ['team-appointed', 'kickoff-webinar', 'deep-analysis'];
const COORDINATOR_REVIEWS = ['team-appointed', 'deep-analysis'];
const CURATOR_REVIEW = 'kickoff-webinar';
// The accounts run.sh makes, by their people in samples/tyumen-2024/people.csv.
const SCHOOL_USER = 'v.moroshkina@example.ru';      // answers for tmn-001
const COORDINATOR = 'd.brusnikina@example.ru';      // coordinates г. Тюмень, tmn-001's municipality
const CURATOR = 'a.berestova@example.ru';           // curates г. Тюмень
const OTHER_COORDINATOR = 'a.klyukvin@example.ru';  // coordinates Вагайский район only
const OBSERVER = 'observer@example.ru';             // the whole project, read only
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

// From the dashboard's school list to the school's page, as a user would go.
async function openSchool(page) {
  const row = page.locator(`#cases-table tr[data-school="${SCHOOL}"]`);
  await row.waitFor();
  await row.locator('a').first().click();
  await page.locator(`#school-page[data-school="${SCHOOL}"]`).waitFor();
  if (new URL(page.url()).pathname !== `/schools/${SCHOOL}`) {
    throw new CheckFailed(`the school row led to ${page.url()}, not /schools/${SCHOOL}`);
  }
  pass(`the school row opens /schools/${SCHOOL}`);
}

const taskRow = (page, task) => page.locator(`#tasks-current tr[data-task="${task}"]`);
// The status badge (class st-CODE), not «просрочено» or «продлён» beside the deadline.
const statusBadge = (task) => `#tasks-current tr[data-task="${task}"] .badge[class*="st-"]`;

// The buttons the page offers on a task: their data-action values.
async function taskButtons(page, task) {
  return taskRow(page, task).locator('button[data-action]').evaluateAll(
    (buttons) => buttons.map((b) => b.dataset.action));
}

async function expectNoButton(page, task, action, who) {
  const shown = await taskButtons(page, task);
  if (shown.includes(action)) throw new CheckFailed(`${who} is offered «${action}» on ${task}: buttons [${shown}]`);
  pass(`${who} has no «${action}» button on ${task}`);
}

async function approve(page, task) {
  await runCommand(page, taskRow(page, task).locator('button[data-action=approve]'), /Задача утверждена/, `${task} approved`);
  await expectText(page, statusBadge(task), /утверждена/, `${task} shows as approved`);
}

async function screenshot(page, name) {
  // From the top, or the sticky header lands in the middle of the full-page picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(output, name), fullPage: true });
}

// The header's sections follow the user's capabilities from /api/me.
async function expectSections(page, expected, who) {
  const shown = await page.locator('#nav a').evaluateAll((links) => links.filter((a) => !a.hidden).map((a) => a.dataset.nav));
  if (shown.join() !== expected.join()) throw new CheckFailed(`${who} sees sections [${shown}], expected [${expected}]`);
  pass(`${who} sees the sections ${expected.join(', ')}`);
}

// A page typed into the address bar without its capability says so instead of drawing itself.
async function expectNoAccess(page, address, form, who, shot) {
  await page.goto(`${baseUrl}${address}`);
  await expectText(page, '#page-error', /Нет доступа/, `${who} is told «нет доступа» on ${address}`);
  if (await page.locator(form).count()) throw new CheckFailed(`${address} drew ${form} for ${who} anyway`);
  await screenshot(page, shot);
}

async function logOut(page) {
  await page.click('#logout');
  await page.locator('#login-form').waitFor();
  pass('logging out returns to the login form');
}

// The school submits its own stage I tasks; approving them is not the school's to do.
async function schoolFlow(page) {
  await logIn(page, SCHOOL_USER);
  await expectText(page, '#user-name', /Морошкина/, 'the header names the school\'s person');
  await expectSections(page, ['dashboard'], 'the school');
  await screenshot(page, 'dashboard-school.png');
  await openSchool(page);
  await expectText(page, '#case-stage', /^Этап I\b/, 'the school is at stage I');
  const shown = await page.locator('#tasks-current tr[data-task]').evaluateAll(
    (rows) => rows.map((r) => r.dataset.task));
  if (shown.join() !== STAGE_I_TASKS.join()) {
    throw new CheckFailed(`stage I tasks on the page are [${shown}], expected [${STAGE_I_TASKS}]`);
  }
  pass(`stage I lists its tasks ${shown.join(', ')}`);
  for (const task of STAGE_I_TASKS) {
    await runCommand(page, taskRow(page, task).locator('button[data-action=submit]'), /Задача сдана/, `${task} submitted by the school`);
    await expectText(page, statusBadge(task), /на проверке/, `${task} shows as submitted`);
    await expectNoButton(page, task, 'approve', 'the school');
  }
  if (await page.locator('button[data-case-action]').count()) throw new CheckFailed('the school is offered case actions');
  pass('the school has no stage or case buttons');
  await screenshot(page, 'school-by-school.png');
  await expectNoAccess(page, '/tools', '#bulk-form', 'the school', 'tools-school.png');
  await expectNoAccess(page, '/outbox', '#outbox-filter', 'the school', 'outbox-school.png');
  await logOut(page);
}

// The municipality's coordinator approves the tasks whose reviewer is the coordinator, and is
// not offered the curator's.
async function coordinatorFlow(page) {
  await logIn(page, COORDINATOR);
  await expectText(page, '#user-name', /Брусникина/, 'the header names the coordinator');
  await openSchool(page);
  for (const task of COORDINATOR_REVIEWS) await approve(page, task);
  await expectNoButton(page, CURATOR_REVIEW, 'approve', 'the coordinator');
  await screenshot(page, 'school-by-coordinator.png');
  await logOut(page);
}

// The curator may still submit for the school, but only as a visibly separate override with a
// reason, which the request carries as {"override": true, "comment": reason}.
async function overrideSubmit(page, task) {
  const button = taskRow(page, task).locator('button[data-override-action=submit]');
  // The advance's notice with its documents stays until closed; it would cover the form.
  if (await page.locator('#notice').isVisible()) await page.click('#notice .notice-close');
  await expectText(page, `#tasks-current tr[data-task="${task}"] button[data-override-action=submit]`, /^Сдать за другого участника$/, `the curator is offered the override on ${task}`);
  if (!(await button.evaluate((b) => b.classList.contains('btn-override')))) throw new CheckFailed('the override button is styled as a plain one');
  await button.click();
  const form = page.locator(`form[data-form=task-override][data-task="${task}"]`);
  await form.waitFor();
  const version = await caseVersion(page);
  await form.locator('button[data-confirm]').click();
  await expectText(page, `form[data-form=task-override] .form-error`, /Укажите причину/, 'an override without a reason is not sent');
  if ((await caseVersion(page)) !== version) throw new CheckFailed('an override without a reason changed the case');
  const reason = 'Проверка браузерным тестом: школа прислала ДТК почтой';
  await form.locator('input[name=comment]').fill(reason);
  await screenshot(page, 'school-override-form.png');
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/tasks/${task}/submit`)),
    runCommand(page, form.locator('button[data-confirm]'), /Задача сдана за другого участника/, `${task} submitted as an override`)
  ]);
  const body = JSON.parse(request.postData() || '{}');
  if (body.override !== true || body.comment !== reason) throw new CheckFailed(`the override was sent as ${request.postData()}`);
  pass(`the override request carries {"override": true, "comment": reason}`);
  await expectText(page, statusBadge(task), /на проверке/, `${task} shows as submitted`);
}

// A letter's status reads as the API's status_name (the word the CLI prints), not one of the
// page's own. The engine's word for «sent» may well equal the page's old one, so the check reloads
// the table once from an answer whose status_name is marked, and expects the mark on the page.
async function expectEngineLetterStatus(page) {
  const first = await page.evaluate(async () => (await (await fetch('/api/outbox')).json()).letters[0]);
  if (!first || !first.status_name) throw new CheckFailed(`the outbox has no letter with a status_name: ${JSON.stringify(first)}`);
  const row = `#outbox-table tr[data-letter="${first.id}"] .badge`;
  await expectText(page, row, new RegExp(`^${first.status_name}$`), 'the letter shows the API\'s status_name');
  await page.route('**/api/outbox*', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    for (const letter of body.letters) letter.status_name = `${letter.status_name} (слово сервера)`;
    await route.fulfill({ response, json: body });
  });
  await page.click('#outbox-filter [data-reset]');
  await expectText(page, row, /\(слово сервера\)$/, 'the badge follows status_name, not a word of the page');
  await page.unroute('**/api/outbox*');
  await page.click('#outbox-filter [data-reset]');
  await expectText(page, row, new RegExp(`^${first.status_name}$`), 'the real answer again');
}

async function curatorFlow(page) {
  await logIn(page, CURATOR);
  await expectText(page, '#user-name', /Берестова/, 'the header names the curator');
  await expectSections(page, ['dashboard', 'tools', 'documents', 'outbox'], 'the curator');
  await page.locator('.stage-card[data-stage="I"]').waitFor();
  await page.locator('#municipality-chart .chart-row').first().waitFor();
  await page.locator(`#cases-table tr[data-school="${SCHOOL}"]`).waitFor();
  pass(`dashboard has stage cards, the municipality chart and ${SCHOOL} in the school list`);
  await page.screenshot({ path: path.join(output, 'dashboard.png'), fullPage: true });

  await openSchool(page);
  await expectText(page, '#case-stage', /^Этап I\b/, 'the school is at stage I');
  await approve(page, CURATOR_REVIEW);

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

  // Stage II's tasks are open and the school's to submit: the curator gets no plain «Сдать».
  await expectText(page, statusBadge('dtk'), /не сдана/, 'stage II\'s dtk is open');
  await expectNoButton(page, 'dtk', 'submit', 'the curator');
  if (await page.locator('#tasks-current button[data-action=submit]').count()) {
    throw new CheckFailed('the curator is offered a plain «Сдать» on a stage II task');
  }
  pass('the curator has no plain «Сдать» on any stage II task');
  await overrideSubmit(page, 'dtk');

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
  await screenshot(page, 'school.png');

  await page.click('#nav a[data-nav=tools]');
  await page.locator('#bulk-form').waitFor();
  await page.locator('#schedule-form').waitFor();
  pass('the curator\'s tools show the bulk advance and the interview schedule');
  await screenshot(page, 'tools.png');
  // The bulk advance runs as a job: the page follows its progress and then lists every school.
  page.once('dialog', (dialog) => dialog.accept());
  await page.selectOption('#bulk-form select[name=stage]', 'I');
  await page.click('[data-bulk-submit]');
  await expectText(page, '#bulk-results .result-summary', /Переведено \d+ из \d+/,
    'the bulk advance, run as a job, ends with its result per school');
  await page.locator('#bulk-table tbody tr').first().waitFor();
  await screenshot(page, 'bulk.png');
  await page.click('#nav a[data-nav=outbox]');
  await page.locator('#outbox-result .counts').waitFor();
  pass('the curator\'s outbox shows the letters\' counts');
  await expectEngineLetterStatus(page);
  await screenshot(page, 'outbox.png');
  await projectDocuments(page);
  await logOut(page);
}

// The project's documents page: the curator makes the final report, which is listed with its
// files, and the protocols of the curator's schools are listed apart.
async function projectDocuments(page) {
  await page.click('#nav a[data-nav=documents]');
  const make = page.locator('button[data-make="final-report"]');
  await make.waitFor();
  const reports = page.locator('table[data-kind="final-report"] tbody tr');
  const before = await reports.count();
  page.once('dialog', (dialog) => dialog.accept());
  await make.click();
  await expectText(page, '#notice', /Составлен документ «Итоговый отчёт»/, 'the final report is made from the documents page');
  await waitFor('the new report in the list', async () => (await reports.count()) === before + 1);
  const links = await reports.first().locator('a.download').allTextContents();
  if (!links.includes('PDF') || !links.includes('DOCX')) throw new CheckFailed(`the new report offers ${links}, not PDF and DOCX`);
  pass(`the documents page lists the new report with its files ${links.join(', ')}`);
  await screenshot(page, 'project-documents.png');
}

// A download of the page: saved into the output folder, its bytes returned.
async function download(page, link, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(link)]);
  if (await file.failure()) throw new CheckFailed(`the download ${name} failed: ${await file.failure()}`);
  const saved = path.join(output, name);
  await file.saveAs(saved);
  return { bytes: await readFile(saved), suggested: file.suggestedFilename() };
}

// The whole list with the dashboard's filters, every page of it: the CSV for Excel and the XLSX.
async function expectExports(page, schools) {
  const csv = await download(page, '#cases-downloads a[data-export=csv]', 'schools.csv');
  const text = csv.bytes.toString('utf8');
  const lines = text.split('\r\n').filter(Boolean);
  if (!text.startsWith('\uFEFFКод ОО;Наименование ОО;') || lines.length !== schools + 1) {
    throw new CheckFailed(`the CSV ${csv.suggested} has ${lines.length} lines, starts ${JSON.stringify(text.slice(0, 40))}`);
  }
  pass(`the CSV ${csv.suggested} has the BOM, the header and ${schools} schools`);
  const xlsx = await download(page, '#cases-downloads a[data-export=xlsx]', 'schools.xlsx');
  if (xlsx.bytes.subarray(0, 2).toString('latin1') !== 'PK' || !xlsx.suggested.endsWith('.xlsx')) {
    throw new CheckFailed(`the XLSX download ${xlsx.suggested} is not a workbook`);
  }
  pass(`the XLSX ${xlsx.suggested} (${xlsx.bytes.length} bytes) is a zip`);
}

// The observer's 60 schools come in pages of 50; tmn-001 (г. Тюмень sorts last) is on the second.
async function pageForward(page) {
  await expectText(page, '#cases-pager .pager-count', /^Показаны 1–50 из 60$/, 'the first page of the school list is counted');
  if (!(await page.locator('#cases-pager [data-page=before]').isDisabled())) throw new CheckFailed('«Предыдущие» is enabled on the first page');
  if (await page.locator('#cases-table tbody tr').count() !== 50) throw new CheckFailed('the first page does not show 50 schools');
  await page.click('#cases-pager [data-page=after]');
  await expectText(page, '#cases-pager .pager-count', /^Показаны 51–60 из 60$/, 'the next page of the school list is counted');
  if (!(await page.locator('#cases-pager [data-page=after]').isDisabled())) throw new CheckFailed('«Следующие» is enabled on the last page');
  if (new URL(page.url()).searchParams.get('offset') !== '50') throw new CheckFailed(`the page is not in the address: ${page.url()}`);
  await screenshot(page, 'dashboard-page-2.png');
}

// «Назад» from a school returns to the same page; a changed filter starts from the first.
async function backToThePage(page) {
  await page.goBack();
  await expectText(page, '#cases-pager .pager-count', /^Показаны 51–60 из 60$/, '«назад» returns to the second page');
  await page.selectOption('#cases-filter select[name=status]', 'active');
  await expectText(page, '#cases-pager .pager-count', /^Показаны 1–/, 'a changed filter shows its first page');
  if (new URL(page.url()).searchParams.has('offset')) throw new CheckFailed(`the old page stayed in the address: ${page.url()}`);
}

// The observer reads the project and its outbox, and changes nothing.
async function observerFlow(page) {
  await logIn(page, OBSERVER);
  await expectSections(page, ['dashboard', 'documents', 'outbox'], 'the observer');
  await pageForward(page);
  await expectExports(page, 60);
  await openSchool(page);
  if (await page.locator('#school-page button').count()) throw new CheckFailed('the observer is offered buttons on the school page');
  pass('the observer has no buttons on the school page');
  await screenshot(page, 'school-by-observer.png');
  await backToThePage(page);
  await page.click('#nav a[data-nav=outbox]');
  await page.locator('#outbox-result .counts').waitFor();
  pass('the observer\'s outbox shows the letters\' counts');
  await expectNoAccess(page, '/tools', '#bulk-form', 'the observer', 'tools-observer.png');
}

async function otherCoordinatorFlow(page) {
  await logIn(page, OTHER_COORDINATOR);
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
    await asUser(browser, errors, 'school', schoolFlow);
    await asUser(browser, errors, 'coordinator', coordinatorFlow);
    await asUser(browser, errors, 'curator', curatorFlow);
    await asUser(browser, errors, 'observer', observerFlow);
    await asUser(browser, errors, 'other-coordinator', otherCoordinatorFlow);
  } finally {
    await browser.close();
  }
  if (errors.length) throw new CheckFailed(`script errors in the page: ${errors.join('; ')}`);
  pass('no script errors in the pages');
  console.log(`# ${checks} checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots and stage-notice.pdf in ${output}`);
}

main().catch((err) => {
  console.error(`not ok - ${err instanceof CheckFailed ? err.message : err.stack}`);
  process.exit(1);
});
