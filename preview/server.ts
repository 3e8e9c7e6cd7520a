/**
 * `npm run preview [-- --port N]`: the Lightning components in a real browser, without a Salesforce account.
 *
 * Starts the local org with the sample book of business (./scenario.ts), builds the components on the real
 * lightning-base-components and SLDS (./build.ts, cached), and serves record pages at the addresses Lightning
 * Experience uses: /lightning/r/Initiative__c/{Id}/view, /lightning/r/Account/{Id}/view,
 * /lightning/r/Opportunity/{Id}/view, the Home page at /lightning/page/home (and the Log Measurement action at
 * /lightning/r/Outcome_Requirement__c/{Id}/view). The stand-in Lightning Data Service calls the org's
 * GraphQL and UI API through /services/data/..., which this server forwards with the org's session.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalOrg } from '../local-org/src/index.js';
import { PROJECT_ROOT } from '../scripts/lwc/build.js';
import { buildPreview, DIST_DIR } from './build.js';
import { startScenario } from './scenario.js';

const SLDS_ASSETS = path.join(PROJECT_ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets');
const RECORD_PAGE = /^\/lightning\/r\/([A-Za-z0-9_]+)\/([A-Za-z0-9]{15,18})\/view\/?$/;
const HOME_PAGE = /^\/lightning\/page\/home\/?$/;
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff', '.png': 'image/png' };

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string, withApp: boolean): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Outcomes preview</title>
<link rel="stylesheet" href="/assets/styles/salesforce-lightning-design-system.min.css">
</head>
<body class="slds-scope">
<header class="slds-page-header slds-var-m-bottom_small">
  <p class="slds-text-body_small"><a href="/" style="text-decoration: underline">Outcomes preview</a>: the local org, no Salesforce account</p>
  <h1 class="slds-page-header__title">${escapeHtml(title)}</h1>
</header>
<main class="slds-var-p-horizontal_medium">${body}</main>
<div id="toasts" class="slds-notify_container" role="status" aria-live="polite"></div>
${withApp ? '<script type="module" src="/app/app.js"></script>' : ''}
</body>
</html>`;
}

function sendFile(res: ServerResponse, file: string): void {
  if (!existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

/** A file under `root` named by the rest of the URL path, never outside it. */
function fileUnder(root: string, urlPath: string): string {
  const file = path.join(root, path.normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, ''));
  return file.startsWith(root) ? file : path.join(root, '__none__');
}

function forwardToOrg(org: LocalOrg, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request(
    org.instanceUrl + req.url,
    { method: req.method, headers: { 'Content-Type': req.headers['content-type'] ?? 'application/json', Authorization: `Bearer ${org.accessToken}` } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, { 'Content-Type': answer.headers['content-type'] ?? 'application/json' });
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => res.writeHead(502, { 'Content-Type': 'text/plain' }).end(`The local org did not answer: ${error.message}`));
  req.pipe(upstream);
}

function recordName(org: LocalOrg, objectApiName: string, id: string): string | null {
  try {
    const nameField = objectApiName === 'Outcome_Requirement__c' ? 'Description__c' : 'Name';
    const [record] = org.engine.query(`SELECT ${nameField} FROM ${objectApiName} WHERE Id = '${id}'`).records;
    return record ? String(record[nameField]) : null;
  } catch {
    return null;
  }
}

function indexPage(org: LocalOrg): string {
  const initiatives = org.engine.query('SELECT Id, Name, Account__c, Account__r.Name, Opportunity__c, Opportunity__r.Name FROM Initiative__c ORDER BY Name').records;
  const items = initiatives
    .map((i) => {
      const account = (i.Account__r as { Name?: string } | null)?.Name ?? 'Account';
      return `<li><a href="/lightning/r/Initiative__c/${i.Id as string}/view">${escapeHtml(String(i.Name))}</a> · <a href="/lightning/r/Account/${i.Account__c as string}/view">${escapeHtml(account)}</a></li>`;
    })
    .join('\n');
  const opportunities = initiatives
    .filter((i) => i.Opportunity__c)
    .map((i) => `<li><a href="/lightning/r/Opportunity/${i.Opportunity__c as string}/view">${escapeHtml(String((i.Opportunity__r as { Name?: string } | null)?.Name ?? 'Opportunity'))}</a></li>`)
    .join('\n');
  return page(
    'Initiatives',
    `<p><a href="/lightning/page/home">Home: the renewal radar</a></p>
<h2 class="slds-text-heading_small slds-var-m-top_medium">Initiatives</h2>
<p>Open an initiative, or its account for all of the account's initiatives.</p><ul class="slds-list_dotted">${items}</ul>
<h2 class="slds-text-heading_small slds-var-m-top_medium">Opportunities</h2>
<p>The handover checklist of each won opportunity.</p><ul class="slds-list_dotted">${opportunities}</ul>`,
    false,
  );
}

export type Preview = { url: string; org: LocalOrg; initiativeIds: string[]; accountIds: string[]; opportunityIds: string[]; stop(): Promise<void> };

export async function startPreview({ port = 0, log = console.log }: { port?: number; log?: (line: string) => void } = {}): Promise<Preview> {
  await buildPreview({ log });
  const scenario = await startScenario();
  const { org } = scenario;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://preview');
    if (url.pathname.startsWith('/services/')) return forwardToOrg(org, req, res);
    if (url.pathname.startsWith('/assets/')) return sendFile(res, fileUnder(SLDS_ASSETS, url.pathname.slice('/assets/'.length)));
    if (url.pathname.startsWith('/app/')) return sendFile(res, fileUnder(DIST_DIR, url.pathname.slice('/app/'.length)));
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    if (url.pathname === '/') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(indexPage(org));
    if (HOME_PAGE.test(url.pathname)) return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page('Home', '', true));
    const record = RECORD_PAGE.exec(url.pathname);
    const name = record ? recordName(org, record[1], record[2]) : null;
    if (!record || name === null) return void res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' }).end(page('Not found', '<p>No such record page.</p>', false));
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page(name, '', true));
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ready());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    org,
    initiativeIds: scenario.initiativeIds,
    accountIds: scenario.accountIds,
    opportunityIds: scenario.opportunityIds,
    stop: async (): Promise<void> => {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await org.stop();
    },
  };
}

function portArgument(argv: string[]): number {
  const at = argv.indexOf('--port');
  const value = at >= 0 ? Number(argv[at + 1]) : 3300;
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new Error(`--port needs a port number, got ${argv[at + 1]}`);
  return value;
}

async function main(): Promise<void> {
  const preview = await startPreview({ port: portArgument(process.argv.slice(2)) });
  console.log(`Outcomes preview on ${preview.url}`);
  console.log(`  an initiative: ${preview.url}/lightning/r/Initiative__c/${preview.initiativeIds[0]}/view`);
  console.log(`  an account:    ${preview.url}/lightning/r/Account/${preview.accountIds[0]}/view`);
  console.log(`  an opportunity: ${preview.url}/lightning/r/Opportunity/${preview.opportunityIds[0]}/view`);
  console.log(`  home:          ${preview.url}/lightning/page/home`);
  console.log('Ctrl+C stops it (the org forgets every change).');
  const stop = (): void => void preview.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`npm run preview failed: ${(error as Error).message}`);
    process.exit(1);
  });
}
