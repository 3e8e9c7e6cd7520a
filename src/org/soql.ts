/**
 * The only way a user-supplied value reaches SOQL: quoted and escaped here, or validated as an Id or a date.
 * Escaping follows the SOQL and SOSL Reference, "Quoted String Escape Sequences".
 */

const SOQL_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A string literal, quoted: `soqlString("O'Brien")` → `'O\'Brien'`. */
export function soqlString(value: string): string {
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (ch) => SOQL_ESCAPES[ch])}'`;
}

const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class InvalidSoqlValueError extends Error {
  public constructor(
    public readonly value: string,
    public readonly expected: 'id' | 'date' | 'dateTime',
  ) {
    const what = { id: 'record Id (15 or 18 letters and digits)', date: 'date (YYYY-MM-DD)', dateTime: 'date and time' }[expected];
    super(`"${value}" is not a valid Salesforce ${what}`);
    this.name = 'InvalidSoqlValueError';
  }
}

export function isSalesforceId(value: string): boolean {
  return SALESFORCE_ID.test(value);
}

/** An Id literal, validated: ids never need escaping, so anything else is rejected. */
export function soqlId(value: string): string {
  if (!isSalesforceId(value)) throw new InvalidSoqlValueError(value, 'id');
  return `'${value}'`;
}

/** `('a','b')` for an IN clause; every member validated as an Id. */
export function soqlIdList(values: readonly string[]): string {
  return `(${values.map(soqlId).join(',')})`;
}

/** `('x','y')` for an IN clause of strings, each escaped. */
export function soqlStringList(values: readonly string[]): string {
  return `(${values.map(soqlString).join(',')})`;
}

/** A date literal (unquoted in SOQL), validated. */
export function soqlDate(value: string): string {
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new InvalidSoqlValueError(value, 'date');
  return value;
}

/** A dateTime literal (unquoted in SOQL), in UTC to the second. */
export function soqlDateTime(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new InvalidSoqlValueError(String(value), 'dateTime');
  return `${value.toISOString().slice(0, 19)}Z`;
}

/**
 * Splits values for IN clauses so that no query gets too long
 * (SOQL statements are limited to 100,000 characters; 800 ids of 21 characters stay far below).
 */
export function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}
