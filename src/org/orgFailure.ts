/**
 * Why a run could not talk to the org, when the reason is the org or the session rather than the command: the org
 * does not answer, the session has expired, or the day's API requests are used up. Each needs a different next step
 * (start the org, log in again, wait), so the commands name it instead of a generic "check the package" hint.
 * The error may sit anywhere in the chain of causes (a query or a write wraps the org's error).
 */
import { isDailyCapError } from './retry.js';

export type OrgFailure = 'unreachable' | 'sessionExpired' | 'dailyLimit';

type ErrorLike = { errorCode?: unknown; name?: unknown; code?: unknown; statusCode?: unknown; cause?: unknown; message?: unknown };

/** Network errors that mean nothing answered at the org's address (as opposed to an answer cut short). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EAI_AGAIN']);

/** The error and its causes, outermost first. */
export function causesOf(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  for (let e = error as ErrorLike | undefined; e && typeof e === 'object' && !chain.includes(e); e = e.cause as ErrorLike | undefined) chain.push(e);
  return chain;
}

function kindOf(e: ErrorLike): OrgFailure | null {
  if (isDailyCapError(e)) return 'dailyLimit';
  if (e.errorCode === 'INVALID_SESSION_ID' || e.name === 'INVALID_SESSION_ID' || e.statusCode === 401 || e.errorCode === 'ERROR_HTTP_401') return 'sessionExpired';
  if (UNREACHABLE_CODES.has(String(e.code ?? ''))) return 'unreachable';
  return null;
}

/** The org-level reason in an error's chain of causes, or null when the error is about something else. */
export function orgFailureOf(error: unknown): { kind: OrgFailure; error: Error } | null {
  for (const e of causesOf(error)) {
    const kind = kindOf(e);
    if (kind) return { kind, error: e instanceof Error ? e : new Error(String(e.message ?? kind)) };
  }
  return null;
}

/** The network error code behind an unreachable org (ECONNREFUSED, ENOTFOUND, …), for the message. */
export function networkCodeOf(error: unknown): string | null {
  const found = causesOf(error).find((e) => UNREACHABLE_CODES.has(String(e.code ?? '')));
  return found ? String(found.code) : null;
}
