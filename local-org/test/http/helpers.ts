/** Starts a local org in-process on port 0 for a test, with a jsforce connection to it. */
import { addAbortListener } from 'node:events';
import { request, type IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { Connection } from 'jsforce';
import { startLocalOrg, type LocalOrg, type LocalOrgOptions } from '../../src/index.js';
import { FakeEngine } from './fakeEngine.js';

/**
 * jest's module realm has no Symbol.dispose of Node's, so undici (under jsforce) gets `undefined` back from
 * events.addAbortListener(...)[Symbol.dispose] and throws "removeAbortListener is not a function".
 * Give this realm Node's symbol.
 */
const probe = addAbortListener(new AbortController().signal, () => undefined);
const nodeDispose = Object.getOwnPropertySymbols(probe)[0];
if (nodeDispose && (Symbol as { dispose?: symbol }).dispose !== nodeDispose) {
  Object.defineProperty(Symbol, 'dispose', { value: nodeDispose, configurable: true });
}

export const PROJECT_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

export type TestOrg = { org: LocalOrg; conn: Connection };

/** The org's "today" in tests, so formulas and validation rules give the same answers on any day. */
export const TEST_TODAY = '2026-01-15';

/** A local org on the real engine (schema from force-app); `fake: true` runs it on the throw-away FakeEngine. */
export async function startTestOrg(options: Partial<LocalOrgOptions> & { fake?: boolean } = {}): Promise<TestOrg> {
  const { fake, ...rest } = options;
  const org = await startLocalOrg({ projectDir: PROJECT_DIR, today: TEST_TODAY, ...(fake ? { engine: new FakeEngine() } : {}), ...rest });
  const conn = new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '64.0' });
  return { org, conn };
}

/** A raw HTTP call, for what jsforce hides (status codes, headers, doubled slashes). Node's http, not fetch: jest's realm breaks undici. */
export function raw(
  org: LocalOrg,
  path: string,
  init: { method?: string; body?: unknown; text?: string; token?: string | null; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: IncomingHttpHeaders; text: string }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== null) headers.Authorization = `Bearer ${init.token ?? org.accessToken}`;
  const payload = init.text ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return new Promise((done, fail) => {
    const req = request(org.instanceUrl + path, { method: init.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          // CSV and empty bodies stay text
        }
        done({ status: res.statusCode ?? 0, body, headers: res.headers, text });
      });
    });
    req.on('error', fail);
    req.end(payload);
  });
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: PromiseLike<unknown>): Promise<Error & { errorCode?: string; data?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { errorCode?: string };
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

export async function accountIds(org: LocalOrg, count: number, name = (i: number) => `Account ${i}`): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 200) {
    const batch = Array.from({ length: Math.min(200, count - start) }, (_, i) => ({ Name: name(start + i) }));
    const results = org.engine.create('Account', batch, { allOrNone: true });
    ids.push(...results.map((r) => String(r.id)));
  }
  return ids;
}
