#!/usr/bin/env node
// Checks that Weft's GraphiQL works with no internet, as a person would use it:
//
//   node src/test/js/graphiql-check.mjs http://127.0.0.1:8080
//
// Opens <baseUrl>/graphiql in Debian's headless Chromium (/usr/bin/chromium, driven by
// playwright-core, fresh profile), refuses and reports every request to a host other than the
// page's own or the loopback addresses, waits for the GraphiQL editor, clicks the execute button
// and waits for a result containing "data". Saves a screenshot to target/graphiql.png (relative
// to the working directory) on success and failure alike. Exits 0 on success, 1 with a message
// saying what went wrong otherwise, 2 on bad usage or a missing prerequisite. At most 60 s.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const TOTAL_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 20_000;
const SCREENSHOT = resolve('target', 'graphiql.png');
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const base = (process.argv[2] ?? '').replace(/\/+$/, '');
if (!/^https?:\/\//.test(base)) {
  console.error('usage: node graphiql-check.mjs <base URL of the server, e.g. http://127.0.0.1:8080>');
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error(`graphiql-check: FAILED: ${CHROMIUM} not found; install it with: apt-get install -y chromium`);
  process.exit(2);
}
const pageUrl = `${base}/graphiql`;
const ownHost = new URL(base).host;

const blocked = []; // requests to other hosts, refused
const failures = []; // same-origin responses >= 400, and requests that failed
const pageErrors = []; // uncaught exceptions in the page, CSP violations
let context;
let userDataDir;

/** Ends the run: screenshot (best effort), close the browser, print the verdict, exit. */
async function finish(problem) {
  if (context) {
    try {
      mkdirSync('target', { recursive: true });
      await context.pages()[0]?.screenshot({ path: SCREENSHOT, timeout: 5_000 });
      console.log(`graphiql-check: screenshot ${SCREENSHOT}`);
    } catch (e) {
      console.log(`graphiql-check: no screenshot: ${e.message.split('\n')[0]}`);
    }
    await context.close().catch(() => {});
  }
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  const problems = [
    ...(problem ? [problem] : []),
    ...blocked.map((u) => `request to a non-local host (refused): ${u}`),
    ...failures,
    ...pageErrors,
  ];
  if (problems.length > 0) {
    console.error(`graphiql-check: FAILED for ${pageUrl}:\n  - ${problems.join('\n  - ')}`);
    process.exit(1);
  }
  console.log(`graphiql-check: PASSED: ${pageUrl} ran its default query with local assets only`);
  process.exit(0);
}

const watchdog = setTimeout(
  () => finish(`did not finish within ${TOTAL_TIMEOUT_MS / 1000} s`),
  TOTAL_TIMEOUT_MS,
);

/** The text of the CodeMirror 5 editor inside the element matching selector ('' if none). */
const editorText = (page, selector) =>
  page.evaluate((sel) => {
    const root = document.querySelector(sel);
    const cm = root?.querySelector('.CodeMirror');
    return cm?.CodeMirror?.getValue() ?? root?.innerText ?? '';
  }, selector);

try {
  userDataDir = mkdtempSync(join(tmpdir(), 'weft-graphiql-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    timeout: STEP_TIMEOUT_MS,
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local = url.protocol === 'data:' || url.protocol === 'blob:'
      || url.host === ownHost || LOCAL_HOSTS.has(url.hostname);
    if (local) return route.continue();
    blocked.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (e) => pageErrors.push(`error in the page: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/Content.Security.Policy/i.test(m.text())) pageErrors.push(`CSP violation: ${m.text()}`);
    else console.log(`graphiql-check: console error (not fatal by itself): ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) failures.push(`HTTP ${r.status()} for ${r.request().method()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    if (!blocked.includes(r.url())) failures.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });

  const response = await page.goto(pageUrl, { waitUntil: 'load' });
  if (!response || response.status() !== 200) {
    await finish(`GET ${pageUrl} answered ${response ? response.status() : 'nothing'}, not 200`);
  }
  try {
    await page.waitForSelector('.graphiql-query-editor .CodeMirror', { state: 'visible' });
  } catch {
    await finish('the GraphiQL editor did not render (page still at "Loading"? see the screenshot)');
  }
  const query = await editorText(page, '.graphiql-query-editor');
  console.log(`graphiql-check: editor rendered; query:\n${query.replace(/^/gm, '    ')}`);

  const graphqlResponse = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/graphql'),
  );
  await page.click('.graphiql-execute-button');
  try {
    const r = await graphqlResponse;
    console.log(`graphiql-check: POST ${r.url()} -> HTTP ${r.status()}`);
  } catch {
    await finish('clicking the execute button sent no POST to /graphql');
  }
  try {
    await page.waitForFunction(
      () => {
        const root = document.querySelector('.graphiql-response');
        const cm = root?.querySelector('.CodeMirror');
        return (cm?.CodeMirror?.getValue() ?? root?.innerText ?? '').includes('"data"');
      },
      null,
      { timeout: STEP_TIMEOUT_MS },
    );
  } catch {
    const shown = await editorText(page, '.graphiql-response');
    await finish(`the result pane shows no "data"; it shows:\n${shown || '(nothing)'}`);
  }
  const result = await editorText(page, '.graphiql-response');
  console.log(`graphiql-check: result:\n${result.slice(0, 2000).replace(/^/gm, '    ')}`);
  clearTimeout(watchdog);
  await finish(null);
} catch (e) {
  await finish(`unexpected: ${e.message.split('\n')[0]}`);
}
