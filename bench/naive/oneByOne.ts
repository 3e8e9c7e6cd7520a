/**
 * The naive way to talk to an org: one REST call per record written, through jsforce's single-record calls
 * (POST/PATCH /sobjects/...). The baselines use it to do the syncs' work without batching, so the benchmark can
 * show what batching saves. Every call is counted like the commands count theirs.
 */
import type { Connection } from 'jsforce';
import type { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection } from '../../src/org/connection.js';

export type NaiveContext = {
  conn: Connection;
  usage: ApiUsage;
  /** The day the commands also use (the machine's local date). */
  today: string;
};

export type OneResult = { success: boolean; id: string | null; created: boolean; error: string | null };

type SingleSaveResult = { id?: string; success?: boolean; created?: boolean; errors?: Array<{ message?: string; errorCode?: string }> };

/** The query helpers of src/org take @salesforce/core's Connection; jsforce's has the same query calls. */
export function asOrgConnection(conn: Connection): OrgConnection {
  return conn as unknown as OrgConnection;
}

type SingleRecordApi = {
  create(record: Record<string, unknown>): Promise<SingleSaveResult>;
  update(record: Record<string, unknown>): Promise<SingleSaveResult>;
  upsert(record: Record<string, unknown>, externalIdField: string): Promise<SingleSaveResult>;
};

/** One record, one call: create, update (by Id) or upsert (by an external id field). Failures come back, not thrown. */
export async function writeOne(
  ctx: NaiveContext,
  sobject: string,
  operation: 'create' | 'update' | 'upsert',
  record: Record<string, unknown>,
  externalIdField?: string,
): Promise<OneResult> {
  const api = ctx.conn.sobject(sobject) as unknown as SingleRecordApi;
  ctx.usage.count('other');
  try {
    let saved: SingleSaveResult;
    if (operation === 'create') saved = await api.create(record);
    else if (operation === 'update') saved = await api.update(record);
    else {
      if (!externalIdField) throw new Error(`An upsert of ${sobject} needs an external id field`);
      saved = await api.upsert(record, externalIdField);
    }
    const success = saved.success !== false;
    return {
      success,
      id: saved.id ?? null,
      created: saved.created === true || operation === 'create',
      error: success ? null : (saved.errors ?? []).map((e) => `${e.errorCode ?? 'ERROR'}: ${e.message ?? ''}`).join('; '),
    };
  } catch (error) {
    return { success: false, id: null, created: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Counts of what a naive run wrote, to set beside the command's. */
export type NaiveWrites = { written: number; failed: number; failures: string[] };

export function tally(results: readonly OneResult[], label: string): NaiveWrites {
  const failed = results.filter((r) => !r.success);
  return { written: results.length - failed.length, failed: failed.length, failures: failed.slice(0, 5).map((r) => `${label}: ${r.error}`) };
}
