/** What every command needs from its surroundings: the date of today. */
import type { IsoDate } from '../core/dates.js';

/** Today in the user's time zone, as Salesforce's TODAY is. Commands may read the clock; the core never does. */
export function localToday(): IsoDate {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0')).join('-');
}
