/**
 * The local org: a stand-in Salesforce org on 127.0.0.1 that jsforce, `@salesforce/core` and `sf` talk to
 * unchanged. `startLocalOrg` builds the data engine from the project's metadata, optionally loads an
 * `sf data tree` folder, and serves the REST API, sObject Collections and Bulk API 2.0.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { OrgEngine } from './engine/types.js';
import { NO_FAULTS, parseFaultSettings, type FaultSettings } from './faults/faults.js';
import type { OrgStats } from './http/meter.js';
import { createOrgServer } from './http/server.js';
import { objectsOfDisabledFeatures, type OrgFeatures } from './schema/index.js';
import { loadTree, type TreeLoadResult } from './tree/load.js';
import { saveTree, type TreeSaveResult } from './tree/save.js';

export type { FaultSettings } from './faults/faults.js';
export type { OrgStats } from './http/meter.js';
export type { OrgFeatures } from './schema/index.js';

export type LocalOrgOptions = {
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  host?: string;
  /** Project root: the schema comes from its force-app metadata. */
  projectDir: string;
  /** An `sf data tree` folder to load at start and to save to by default. */
  dataDir?: string;
  /** Seed of the fault generator (repeatable fault runs). */
  seed?: number;
  faults?: Partial<FaultSettings>;
  /** Daily API request cap; after it every call answers 403 REQUEST_LIMIT_EXCEEDED. */
  apiCallCap?: number;
  /** The engine's "today" (YYYY-MM-DD) for formulas and validation rules. */
  today?: string;
  /** A ready engine instead of one built from projectDir (tests). */
  engine?: OrgEngine;
  orgName?: string;
  /** The running user's username; default a new one per started org (`admin.<serial>@outcomes.local-org`). */
  username?: string;
  /** The org's Id (00D…); default a new one per started org. */
  orgId?: string;
  /** Platform features switched off, e.g. `{ accountTeams: false }` as in a new Salesforce org. */
  features?: OrgFeatures;
  /** The org's clock for CreatedDate, SystemModstamp & co. (default: the machine's): tests set it to stamp a save in the past. */
  now?: () => Date;
};

export type LocalOrg = {
  instanceUrl: string;
  accessToken: string;
  username: string;
  orgId: string;
  userId: string;
  loaded: TreeLoadResult | null;
  engine: OrgEngine;
  stop(): Promise<void>;
  stats(): OrgStats;
  resetStats(): void;
  setFaults(faults: Partial<FaultSettings>): FaultSettings;
  save(dir?: string): Promise<TreeSaveResult>;
};

export async function startLocalOrg(options: LocalOrgOptions): Promise<LocalOrg> {
  const projectDir = resolve(options.projectDir);
  // Imported on demand so a test can run the server on an engine of its own.
  const engine: OrgEngine =
    options.engine ??
    (await (await import('./engine/index.js')).createEngine({
      projectDir,
      today: options.today,
      username: options.username,
      orgId: options.orgId,
      orgName: options.orgName,
      features: options.features,
      now: options.now,
    }));
  const dataDir = options.dataDir ? resolve(projectDir, options.dataDir) : undefined;
  const loaded = dataDir ? loadTree(engine, dataDir, undefined, objectsOfDisabledFeatures(options.features)) : null;

  const faults = parseFaultSettings(
    { ...options.faults, ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.apiCallCap !== undefined ? { apiCallCap: options.apiCallCap } : {}) },
    NO_FAULTS,
  );
  // Shaped like a Salesforce session id: the org id, '!', then an opaque secret.
  const accessToken = `${engine.orgId}!${randomBytes(32).toString('base64url')}`;
  const identity = { orgId: engine.orgId, userId: engine.userId, username: options.username ?? engine.username, orgName: options.orgName ?? 'Outcomes Local Org', instanceUrl: '' };

  // eslint-disable-next-line @typescript-eslint/require-await -- async so that a save error rejects: the server awaits onSave
  const save = async (dir?: string): Promise<TreeSaveResult> => {
    const target = dir ? resolve(projectDir, dir) : dataDir;
    if (!target) throw new Error('No folder to save to: pass one, or start the org with dataDir.');
    return saveTree(engine, target);
  };
  const { server, context } = createOrgServer(identity, { engine, accessToken, faults, orgName: identity.orgName, onSave: save });

  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => ready());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  identity.instanceUrl = `http://${host}:${address.port}`;

  return {
    instanceUrl: identity.instanceUrl,
    accessToken,
    username: identity.username,
    orgId: identity.orgId,
    userId: identity.userId,
    loaded,
    engine,
    stop: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
    stats: () => context.meter.snapshot(),
    resetStats: () => context.meter.reset(),
    setFaults: (changes) => {
      context.faults.set(parseFaultSettings(changes, context.faults.settings));
      return context.faults.settings;
    },
    save,
  };
}
