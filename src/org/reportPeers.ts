/** What a value report compares outcomes with a KPI to: other customers of the org, or a pooled peer file's groups. */
import { Messages } from '@salesforce/core';
import type { BenchmarkAggregate } from '../core/benchmark/aggregateFile.js';
import { peerComparisonOf, type PeerComparison } from '../core/plan/benchmark.js';
import type { InitiativeSource } from '../core/plan/valueReport.js';
import type { ApiUsage } from './apiUsage.js';
import type { OrgConnection } from './connection.js';
import { failWith } from './failWith.js';
import { fetchBenchmarkSource } from './queries/benchmark.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.report');

/** One query, and only when an outcome in scope has a KPI (null otherwise). */
export async function reportPeers(
  conn: OrgConnection,
  usage: ApiUsage,
  initiatives: InitiativeSource[],
  minGroup: number,
  peerRows: BenchmarkAggregate[] | null,
): Promise<PeerComparison | null> {
  if (!initiatives.some((i) => i.outcomes.some((o) => o.record.KPI__c))) return null;
  const source = await failWith(messages, 'error.PeersFailed')(fetchBenchmarkSource(conn, usage, { products: false }));
  return peerComparisonOf({ ...source, minGroup, peerRows });
}
