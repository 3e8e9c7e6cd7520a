/**
 * The currency of the amounts a listing sums: the records' CurrencyIsoCode when the org has multi-currency on (the
 * field exists only then, so the query fails with INVALID_FIELD otherwise), else the org's DefaultCurrencyIsoCode.
 * Null when neither answers, or when the records in scope are in several currencies (their sums would mix them):
 * amounts are then shown bare rather than in a wrong currency. Both queries run side by side with the caller's own;
 * a failure here never stops the caller.
 */
import type { ApiUsage } from '../apiUsage.js';
import type { OrgConnection } from '../connection.js';
import { fetchAll } from '../fetch.js';

/** `whereClause` is ` WHERE …` built by the caller from escaped values, or empty for every record. */
export async function fetchCurrencyOf(conn: OrgConnection, sobject: string, whereClause: string, usage: ApiUsage): Promise<string | null> {
  const orNull = <T>(promise: Promise<T>): Promise<T | null> => promise.catch(() => null);
  const [records, org] = await Promise.all([
    orNull(fetchAll(conn, `SELECT CurrencyIsoCode FROM ${sobject}${whereClause}`, usage)),
    orNull(fetchAll(conn, 'SELECT DefaultCurrencyIsoCode FROM Organization LIMIT 1', usage)),
  ]);
  const codes = new Set((records ?? []).map((r) => r.CurrencyIsoCode).filter((c): c is string => typeof c === 'string' && c !== ''));
  if (codes.size === 1) return [...codes][0];
  if (codes.size > 1) return null;
  const code = org?.[0]?.DefaultCurrencyIsoCode;
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code) ? code : null;
}
