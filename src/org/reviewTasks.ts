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

/**
 * Deletes duplicate open review tasks created since `startedAt` less the window. Returns the tasks of `created` (this
 * run's, by Id, with their initiative) that are no longer there because they were the later of a pair: deleted here,
 * or a moment earlier by the other run, whose check read them first (its task for the initiative is the one kept).
 */
export async function removeDuplicateReviewTasks(
  conn: OrgConnection,
  startedAt: Date,
  created: ReadonlyMap<string, string>,
  usage: ApiUsage,
): Promise<Set<string>> {
  const recent = await fetchRecentReviewTasks(conn, new Date(startedAt.getTime() - CONCURRENT_RUN_WINDOW_MS), usage);
  const duplicates = duplicateReviewTasks(recent);
  const gone = new Set<string>();
  if (duplicates.length > 0) {
    const results = await writeInCollections(conn, { sobject: 'Task', operation: 'delete', records: duplicates.map((Id) => ({ Id })) }, usage);
    // The other run may have deleted the same duplicate a moment earlier: gone either way.
    duplicates.forEach((id, i) => {
      if (results[i].success || results[i].errors.every((e) => e.code === 'ENTITY_IS_DELETED')) gone.add(id);
    });
  }
  const open = new Set(recent.map((task) => task.id));
  const initiativesWithTask = new Set(recent.filter((task) => !gone.has(task.id)).map((task) => task.whatId));
  for (const [id, whatId] of created) if (!open.has(id) && initiativesWithTask.has(whatId)) gone.add(id);
  return new Set([...gone].filter((id) => created.has(id)));
}
