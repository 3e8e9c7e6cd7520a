/**
 * The local org's HTTP front: Salesforce's REST API routes over Node's `http`, with the token check,
 * call counting and fault injection every `/services` call goes through, and an admin surface under
 * `/__local/` for tests and benchmarks.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { BulkJobs } from '../bulk/jobs.js';
import { OrgApiError, type OrgEngine } from '../engine/types.js';
import { FaultInjector, parseFaultSettings, type FaultSettings } from '../faults/faults.js';
import { graphqlRoute } from '../graphql/route.js';
import { uiApiRoute } from '../uiapi/route.js';
import { collectionsRoute } from './collections.js';
import { compositeRoute } from './composite.js';
import type { ApiCall, OrgContext } from './context.js';
import { identityRoute, identityToken, identityUrl } from './identity.js';
import { dailyApiAllowance, orgLimits } from './limits.js';
import { Meter, type CallKind } from './meter.js';
import { pageSizeFrom, QueryCursors } from './paging.js';
import { queryColumns } from './queryColumns.js';
import { runningUserTimeZone, runQuery, runToolingQuery, userInfo, type OrgIdentity } from './platform.js';
import { errorReply, json, methodNotAllowed, notFound, writeReply, type Reply } from './respond.js';
import { sobjectRoute } from './sobjects.js';
import { treeRoute } from './tree.js';
import { apiVersions, isServedVersion, versionResources } from './versions.js';

export type OrgServerOptions = {
  engine: OrgEngine;
  accessToken: string;
  orgName?: string;
  faults?: FaultSettings;
  /** Called by `POST /__local/save`; answers what was written. */
  onSave?: (dir: string | undefined) => Promise<unknown>;
};

export type OrgServer = {
  server: Server;
  context: OrgContext;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sameToken(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header ?? '');
  return match ? sameToken(match[1].trim(), token) : false;
}

const IDENTITY_PATH = /^\/id\/[^/]+\/[^/]+\/?$/;

/**
 * The resources this org serves at all. Anything else (Bulk API 1.0 under /services/async, SOAP, Apex REST,
 * …) answers 404 NOT_FOUND as an org answers an unknown resource, whatever the session: a 401 there would
 * make clients refresh their token and retry forever.
 */
function isServedPath(path: string): boolean {
  return path.startsWith('/__local/') || path === '/services/oauth2/userinfo' || /^\/services\/data(?:\/|$)/.test(path) || IDENTITY_PATH.test(path);
}

/** What a `/services/data/vXX.X/...` call is, for the stats. */
function kindOf(segments: string[], method: string): CallKind {
  const [first, second, third] = segments;
  switch (first) {
    case 'query':
    case 'queryAll':
      return segments.length > 1 ? 'queryMore' : 'query';
    case 'sobjects':
      if (segments.length === 1 || third === 'describe' || (segments.length === 2 && method === 'GET')) return 'describe';
      return second ? 'singleRecord' : 'other';
    case 'composite':
      return segments.length === 1 ? 'composite' : 'collections';
    case 'jobs':
      return 'bulk';
    case 'limits':
      return 'limits';
    case 'tooling':
      return 'tooling';
    default:
      return 'other';
  }
}

function dataRoute(ctx: OrgContext, call: ApiCall): Reply {
  const [first, second] = call.segments;
  const onlyGet = (): void => {
    if (call.method !== 'GET') throw methodNotAllowed(call.method, ['GET']);
  };
  switch (first) {
    case undefined:
      onlyGet();
      return json(versionResources(call.version, identityUrl(ctx.identity)));
    case 'query':
    case 'queryAll': {
      onlyGet();
      if (second) return json(ctx.cursors.nextPage(second, call.version));
      const soql = call.params.get('q');
      if (!soql) throw new OrgApiError(400, 'MALFORMED_QUERY', 'A query needs the q parameter: ?q=SELECT+Id+FROM+Account');
      if (call.params.get('columns') === 'true') {
        runQuery(ctx.engine, ctx.identity, soql, false); // an unknown object or field answers as the query itself would
        return json(queryColumns(ctx.engine, soql));
      }
      const result = runQuery(ctx.engine, ctx.identity, soql, first === 'queryAll');
      return json(ctx.cursors.firstPage(result.records, result.totalSize, pageSizeFrom(call.headers['sforce-query-options']), call.version));
    }
    case 'sobjects':
      if (call.segments.length === 1) {
        onlyGet();
        return json(ctx.engine.describeGlobal());
      }
      return sobjectRoute(ctx, call);
    case 'composite':
      if (second === 'sobjects') return collectionsRoute(ctx, call);
      if (second === 'tree') return treeRoute(ctx, call);
      if (second === undefined) return compositeRoute(ctx, call, dataRoute);
      throw notFound();
    case 'limits':
      onlyGet();
      return json(orgLimits(ctx));
    case 'tooling':
      if (second === 'query' && call.segments.length === 2) {
        onlyGet();
        const soql = call.params.get('q');
        if (!soql) throw new OrgApiError(400, 'MALFORMED_QUERY', 'A query needs the q parameter.');
        return json(runToolingQuery(soql));
      }
      throw notFound();
    case 'jobs':
      return ctx.bulk.route(ctx, call);
    case 'graphql':
      return graphqlRoute(ctx, call);
    case 'ui-api':
      return uiApiRoute(ctx, call);
    default:
      throw notFound();
  }
}

export function createOrgServer(identity: OrgIdentity, options: OrgServerOptions): OrgServer {
  const context: OrgContext = {
    engine: options.engine,
    identity,
    faults: new FaultInjector(options.faults),
    meter: new Meter(),
    cursors: new QueryCursors(),
    bulk: new BulkJobs(),
  };
  const { meter, faults } = context;

  async function adminRoute(method: string, path: string, bodyText: string): Promise<Reply> {
    if (path === '/__local/stats' && method === 'GET') return json({ ...meter.snapshot(), faults: faults.settings, injected: meter.snapshot().faults });
    if (path === '/__local/stats/reset' && method === 'POST') {
      meter.reset();
      return json(meter.snapshot());
    }
    if (path === '/__local/faults' && method === 'GET') return json(faults.settings);
    if (path === '/__local/faults' && method === 'POST') {
      try {
        faults.set(parseFaultSettings(bodyText.trim() ? JSON.parse(bodyText) : {}, faults.settings));
      } catch (error) {
        throw new OrgApiError(400, 'INVALID_FAULTS', (error as Error).message);
      }
      return json(faults.settings);
    }
    if (path === '/__local/save' && method === 'POST') {
      if (!options.onSave) throw new OrgApiError(400, 'NO_DATA_DIR', 'This org was started without a data folder; pass {"dir": "..."} or start it with dataDir.');
      const dir = bodyText.trim() ? (JSON.parse(bodyText) as { dir?: string }).dir : undefined;
      return json(await options.onSave(dir));
    }
    throw notFound();
  }

  /** `counted` is set once the call counts against the daily allowance, so its reply carries Sforce-Limit-Info. */
  async function handle(req: IncomingMessage, state: { counted: boolean }): Promise<Reply> {
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    // Clients (sf among them) sometimes send `//services/data`: collapse repeated slashes before routing.
    const path = (q < 0 ? raw : raw.slice(0, q)).replace(/\/{2,}/g, '/');
    const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
    const bodyText = await readBody(req);

    if (!isServedPath(path)) throw notFound();
    if (IDENTITY_PATH.test(path)) {
      const token = identityToken(req.headers, params);
      const tokenOk = sameToken(token, options.accessToken);
      if (tokenOk) {
        meter.countCall('identity');
        state.counted = true;
      }
      return identityRoute(identity, method, path, params, req.headers, token, tokenOk);
    }
    if (!tokenMatches(req.headers.authorization, options.accessToken)) {
      throw new OrgApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    }
    if (path.startsWith('/__local/')) return adminRoute(method, path.replace(/\/$/, ''), bodyText);

    const match = /^\/services\/data\/v(\d+\.\d+)(?:\/(.*))?$/.exec(path);
    // Only the versions `GET /services/data` lists exist: another one is an unknown resource, as on Salesforce.
    if (match && !isServedVersion(match[1])) throw notFound();
    const segments = match ? (match[2] ?? '').split('/').filter(Boolean).map(decodeURIComponent) : [];
    const kind: CallKind = path.startsWith('/services/oauth2/') ? 'identity' : match ? kindOf(segments, method) : 'other';

    const settings = faults.settings;
    if (settings.latencyMs > 0) await sleep(settings.latencyMs);
    const fault = faults.forCall(meter.apiCalls);
    if (fault) {
      meter.countFault(fault.kind);
      throw new OrgApiError(fault.httpStatus, fault.errorCode, fault.message);
    }
    meter.countCall(kind);
    state.counted = true;

    if (path === '/services/oauth2/userinfo') return json(userInfo(identity, runningUserTimeZone(context.engine, identity.userId)));
    if (path === '/services/data' || path === '/services/data/') {
      if (method !== 'GET') throw methodNotAllowed(method, ['GET']);
      return json(apiVersions());
    }
    if (!match) throw notFound();
    return dataRoute(context, { method, version: match[1], segments, params, headers: req.headers, bodyText });
  }

  const server = createServer((req, res) => {
    const state = { counted: false };
    handle(req, state)
      .catch((error: unknown): Reply => {
        if (error instanceof OrgApiError) return errorReply(error);
        // An engine bug must not look like a Salesforce validation error: 500 with what went wrong.
        return errorReply(new OrgApiError(500, 'UNKNOWN_EXCEPTION', `The local org failed: ${(error as Error)?.stack ?? String(error)}`));
      })
      .then((reply) => {
        // Salesforce reports the day's usage on every response of a call that counts (REST API Developer
        // Guide, "Response Headers": Sforce-Limit-Info); jsforce fills `conn.limitInfo` from it.
        if (state.counted) reply.headers = { ...reply.headers, 'Sforce-Limit-Info': `api-usage=${meter.apiCalls}/${dailyApiAllowance(context)}` };
        writeReply(res, reply);
      })
      .catch(() => res.destroy());
  });
  // Keep-alive sockets would hold `stop()` open for seconds after tests end.
  server.keepAliveTimeout = 1000;
  return { server, context };
}
