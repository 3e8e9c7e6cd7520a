/**
 * "Today" as the org's running user has it. Validation rules ("not in the future") and date math run in the user's
 * time zone in Salesforce, so the commands take their date from there, not from the machine's clock: a run at 23:30 in
 * London for a user in Sydney is already tomorrow for the org. One call: the user's zoneinfo from userinfo.
 */
import { dateInTimeZone, type IsoDate } from '../core/dates.js';
import type { ApiUsage } from './apiUsage.js';
import type { OrgConnection } from './connection.js';
import { withRetry } from './retry.js';

export type UserToday = { today: IsoDate; timeZone: string };

/** A time zone Intl knows; Salesforce's TimeZoneSidKey values are IANA names (plus GMT). */
function knownTimeZone(name: unknown): string | null {
  if (typeof name !== 'string' || name === '') return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name;
  } catch {
    return null;
  }
}

export async function fetchUserToday(conn: OrgConnection, usage: ApiUsage, now: Date = new Date()): Promise<UserToday> {
  const info = await withRetry(() => {
    usage.count('other');
    return conn.request<{ zoneinfo?: string }>('/services/oauth2/userinfo');
  }, { onRetry: () => usage.countRetry() });
  const timeZone = knownTimeZone(info.zoneinfo) ?? 'GMT';
  return { today: dateInTimeZone(now, timeZone), timeZone };
}

/** The date a command works as of: the one the user gave (--as-of), else the running user's today (one call). */
export async function asOfOrUserToday(conn: OrgConnection, usage: ApiUsage, asOf?: IsoDate): Promise<IsoDate> {
  return asOf ?? (await fetchUserToday(conn, usage)).today;
}
