/**
 * Review tasks that two handover runs at once both created: read back and the later ones deleted, so the org
 * ends with one task per initiative whichever run finishes first (see `duplicateReviewTasks`).
 */
import { duplicateReviewTasks } from '../core/plan/handover.js';
import type { ApiUsage } from './apiUsage.js';
import { writeInCollections } from './apply.js';
import type { OrgConnection } from './connection.js';
import { fetchRecentReviewTasks } from './queries/handover.js';

/** How far back a run looks for tasks of a run started before it: longer than any handover takes. */
export const CONCURRENT_RUN_WINDOW_MS = 60 * 60_000;

/** Deletes duplicate open review tasks created since `startedAt` less the window; returns the Ids no longer there. */
export async function removeDuplicateReviewTasks(conn: OrgConnection, startedAt: Date, usage: ApiUsage): Promise<Set<string>> {
  const recent = await fetchRecentReviewTasks(conn, new Date(startedAt.getTime() - CONCURRENT_RUN_WINDOW_MS), usage);
  const duplicates = duplicateReviewTasks(recent);
  if (duplicates.length === 0) return new Set();
  const results = await writeInCollections(conn, { sobject: 'Task', operation: 'delete', records: duplicates.map((Id) => ({ Id })) }, usage);
  // The other run may have deleted the same duplicate a moment earlier: gone either way.
  return new Set(duplicates.filter((_, i) => results[i].success || results[i].errors.every((e) => e.code === 'ENTITY_IS_DELETED')));
}
