/**
 * A fresh local org for one measurement: no faults, no latency, loaded with the benchmark's data, reached through
 * the wire tap and registered as an `sf` alias in the benchmark's own HOME.
 */
import { randomUUID } from 'node:crypto';
import { createEngine, type LocalOrgEngine } from '../local-org/src/engine/index.js';
import { NO_FAULTS } from '../local-org/src/faults/faults.js';
import { startLocalOrg, type LocalOrg, type OrgStats } from '../local-org/src/index.js';
import { registerLocalOrg } from '../local-org/src/register.js';
import { ApiTap } from './tap.js';

export type BenchOrg = {
  alias: string;
  /** Where clients go: the tap in front of the org. */
  url: string;
  accessToken: string;
  tap: ApiTap;
  engine: LocalOrgEngine;
  loadMs: number;
  /** The org's own count of API calls since the last reset (`GET /__local/stats`). */
  stats(): Promise<OrgStats>;
  resetStats(): Promise<void>;
  stop(): Promise<void>;
};

export async function startBenchOrg(options: { projectDir: string; dataDir: string; today: string }): Promise<BenchOrg> {
  const started = performance.now();
  // A username of its own: two bench orgs registered under one name would send commands to each other.
  const engine = await createEngine({ projectDir: options.projectDir, today: options.today, username: `bench-${randomUUID().slice(0, 8)}@outcomes.local` });
  const org: LocalOrg = await startLocalOrg({
    port: 0,
    projectDir: options.projectDir,
    dataDir: options.dataDir,
    engine,
    today: options.today,
    faults: NO_FAULTS,
  });
  const loadMs = performance.now() - started;
  const tap = new ApiTap(new URL(org.instanceUrl));
  const url = await tap.start();
  const alias = `bench-${randomUUID().slice(0, 8)}`;
  await registerLocalOrg({ instanceUrl: url, accessToken: org.accessToken, username: org.username, alias });

  // The admin routes are asked directly, not through the tap: they are the benchmark's calls, not the command's.
  const admin = async (method: 'GET' | 'POST', route: string): Promise<unknown> => {
    const response = await fetch(`${org.instanceUrl}${route}`, { method, headers: { Authorization: `Bearer ${org.accessToken}` } });
    if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };
  return {
    alias,
    url,
    accessToken: org.accessToken,
    tap,
    engine,
    loadMs,
    stats: async () => (await admin('GET', '/__local/stats')) as OrgStats,
    resetStats: async (): Promise<void> => {
      await admin('POST', '/__local/stats/reset');
    },
    stop: async (): Promise<void> => {
      await tap.stop();
      await org.stop();
    },
  };
}
