/**
 * The browser tests' fixtures: `npm run preview` as its own process (its rollup build and the local org stay out of
 * jest's sandbox), Debian's chromium through playwright-core, and reads of the org through the preview's own
 * /services proxy (node's http: jest's realm breaks fetch).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(PROJECT_ROOT, 'out', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export type RunningPreview = {
  url: string;
  initiativeUrl: string;
  accountUrl: string;
  opportunityUrl: string;
  homeUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
};

export function startPreviewProcess(): Promise<RunningPreview> {
  const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, ['preview/server.ts', '--port', '0'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((ready, fail) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /Outcomes preview on (\S+)/.exec(output)?.[1];
      const initiativeUrl = /an initiative: (\S+)/.exec(output)?.[1];
      const accountUrl = /an account: +(\S+)/.exec(output)?.[1];
      const opportunityUrl = /an opportunity: +(\S+)/.exec(output)?.[1];
      const homeUrl = /home: +(\S+)/.exec(output)?.[1];
      if (url && initiativeUrl && accountUrl && opportunityUrl && homeUrl) {
        ready({
          url,
          initiativeUrl,
          accountUrl,
          opportunityUrl,
          homeUrl,
          process: child,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => fail(new Error(`npm run preview stopped (exit ${String(code)}):\n${output}`)));
  });
}

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: install Debian's chromium (apt-get update && apt-get install -y chromium), as .ci/run does.`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** Opens a page and collects the errors it throws, which a test expects to stay empty. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  // A context of its own: axe-core's runner needs one it can open pages in.
  const context = await browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await context.newPage();
  // The browser may already be closing (afterAll): a context that cannot close then is no failure of the page.
  page.on('close', () => void context.close().catch(() => undefined));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A SOQL query against the org, through the preview (which adds the org's session). */
export function query<T = Record<string, unknown>>(previewUrl: string, soql: string): Promise<T[]> {
  return new Promise((done, fail) => {
    const req = request(`${previewUrl}/services/data/v64.0/query?q=${encodeURIComponent(soql)}`, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { records?: T[] } | Array<{ message: string }>;
        if (res.statusCode !== 200 || Array.isArray(body)) fail(new Error(`query failed (${res.statusCode}): ${JSON.stringify(body)}`));
        else done(body.records ?? []);
      });
    });
    req.on('error', fail);
    req.end();
  });
}

/** Today's date as the browser sees it (both run on this machine, in its time zone). */
export function browserToday(page: Page): Promise<string> {
  return page.evaluate(() => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()));
}

/** Polls until `condition` holds: synthetic shadow hides component internals from document.querySelector, so page-side waits cannot see them. */
export async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const idOf = (url: string): string => url.split('/')[6];
