/**
 * A recording proxy in front of a local org, registered as an org of its own: every SOQL query a command sends
 * is kept as the org received it, so a test can prove the query sent is the one intended.
 */
import { randomUUID } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registerLocalOrg } from '../../local-org/src/register.js';
import type { TestOrg } from './harness.js';

export type QueryRecorder = { alias: string; queries: string[]; stop(): Promise<void> };

export async function recordQueries(env: TestOrg): Promise<QueryRecorder> {
  const target = new URL(env.instanceUrl);
  const queries: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', env.instanceUrl);
    const q = url.searchParams.get('q');
    if (q !== null && /\/query\/?$/.test(url.pathname)) queries.push(q);
    const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', () => ready()));
  const instanceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const alias = `recorded-${randomUUID().slice(0, 8)}`;
  await registerLocalOrg({ instanceUrl, accessToken: env.org.accessToken, username: `recorded-${randomUUID().slice(0, 8)}@outcomes.local`, alias }, () => undefined);
  return {
    alias,
    queries,
    stop: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
