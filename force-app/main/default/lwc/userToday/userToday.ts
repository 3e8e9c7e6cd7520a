/**
 * Today's date where the user is (their Salesforce time zone, @salesforce/i18n/timeZone), as YYYY-MM-DD. The domain
 * core never reads the clock; components ask here, and tests mock this one module.
 */
import timeZone from '@salesforce/i18n/timeZone';

export function todayIn(zone: string, now: Date = new Date()): string {
  try {
    // en-CA formats a date as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

export function userToday(): string {
  return todayIn(timeZone);
}
