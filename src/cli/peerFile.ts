/**
 * Reading `--peer-file`, shared by `sf outcomes benchmark` and `sf outcomes report`: the rows of a pooled aggregate
 * file, or an error naming each bad row (at most ten) and its problem, before any API call.
 */
import { Messages } from '@salesforce/core';
import type { BenchmarkAggregate } from '../core/benchmark/aggregateFile.js';
import { readAggregateFile } from '../csv/aggregateFile.js';
import { failWith } from '../org/failWith.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.flags');

const ROWS_LISTED = 10;

export async function readPeerFile(file: string, minGroup: number): Promise<BenchmarkAggregate[]> {
  const parsed = await failWith(messages, 'error.PeerFileUnreadable', [file])(readAggregateFile(file, minGroup));
  if (parsed.problems.length > 0) {
    const lines = parsed.problems.slice(0, ROWS_LISTED).map((p) => messages.getMessage('error.PeerFileRow', [p.row, p.problem]));
    throw messages.createError('error.PeerFileInvalid', [file, parsed.problems.length, lines.join('\n')]);
  }
  return parsed.rows;
}
