/**
 * The error a command stops with when the org itself is the problem: which problem, and the next step for it.
 * The command's own error (what it was doing) stays the cause, so `--json` and debug logs keep the whole story.
 */
import { Messages, type Org, type SfError } from '@salesforce/core';
import type { OrgConnection } from '../org/connection.js';
import { causesOf, networkCodeOf, orgFailureOf } from '../org/orgFailure.js';
import { attemptsMade } from '../org/retry.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.org');

/** An error naming the org-level cause of `error` (down, session expired, daily limit), or null for any other error. */
export function orgFailureError(error: unknown, org: Org, typed: string | undefined): SfError | null {
  const failure = orgFailureOf(error);
  if (!failure) return null;
  const conn = org.getConnection() as OrgConnection;
  const username = org.getUsername() ?? typed ?? '';
  // The name the user knows the org by: the alias or username they typed, else the default org's username.
  const name = typed ?? username;
  const alias = typed && typed !== username ? typed : '<alias>';
  const cause = error instanceof Error ? error : failure.error;
  // What the command was doing when it stopped (how far a write got), in its own words.
  const stopped = cause.message;
  switch (failure.kind) {
    case 'unreachable': {
      const attempts = causesOf(error).map(attemptsMade).find((n) => n !== undefined);
      const code = networkCodeOf(error) ?? failure.error.message;
      const what = attempts ? messages.getMessage('unreachable.attempts', [code, attempts]) : code;
      // The network error itself as the cause: fetch's "TypeError: fetch failed" around it would make sf exit 10
      // (its code for a bug in the CLI) instead of 2.
      return messages.createError('error.OrgUnreachable', [name, conn.instanceUrl, what, stopped], [name], failure.error);
    }
    case 'sessionExpired':
      return messages.createError('error.SessionExpired', [name, username, stopped], [alias, conn.instanceUrl], cause);
    case 'dailyLimit': {
      // Salesforce reports the day's usage on every answer (Sforce-Limit-Info); jsforce keeps the last one.
      const usage = conn.limitInfo?.apiUsage;
      return usage
        ? messages.createError('error.DailyLimitReported', [name, usage.used, usage.limit, stopped], [name], cause)
        : messages.createError('error.DailyLimit', [name, stopped], [name], cause);
    }
  }
}
