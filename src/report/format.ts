/**
 * How numbers, dates and money read in every format of the report. A fixed locale keeps the output the same on
 * every machine, so reports can be compared and tests hold. Tables and charts round through the same
 * `roundValue`, so a chart never says 78.78 where the table says 78.775.
 */
import type { IsoDate } from '../core/dates.js';

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const moneyFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Raw numbers as entered (the internal variant, CSV): up to two decimals. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return numberFormat.format(value);
}

/**
 * The number of decimals a measured value deserves: three significant digits, never fewer than the integer part
 * (1,234 not 1,230; 78.8; 10.8; 9.92; 0.123), and at most one decimal for a percentage, whose second decimal no
 * one measures.
 */
export function decimalsFor(value: number, unit: string | null = null): number {
  const magnitude = Math.abs(value) < 1e-9 ? 0 : Math.floor(Math.log10(Math.abs(value))) + 1;
  const decimals = Math.min(Math.max(3 - magnitude, 0), 3);
  return unit !== null && unit.trim().startsWith('%') ? Math.min(decimals, 1) : decimals;
}

/** A measured value rounded as its size and unit deserve: the one rounding of tables and charts alike. */
export function roundValue(value: number, unit: string | null = null): number {
  const factor = 10 ** decimalsFor(value, unit);
  // Number.EPSILON keeps 78.775 from rounding down through its binary representation (78.77499…).
  return Math.round((value + Math.sign(value) * Number.EPSILON * Math.abs(value)) * factor) / factor;
}

/** "10.8", "1,234", "9.92": `roundValue` with thousands separators. */
export function formatValue(value: number | null | undefined, unit: string | null = null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const decimals = decimalsFor(value, unit);
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: decimals }).format(roundValue(value, unit));
}

/** A measured value with its unit, rounded: "10.8 minutes", "95 %". */
export function valueWithUnit(value: number | null | undefined, unit: string | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${formatValue(value, unit)}${unit ? ` ${unit}` : ''}`;
}

/** "31 Dec 2026": a date an executive reads without thinking (no locale guesses day or month order). */
export function formatDate(date: IsoDate | null | undefined): string {
  if (!date) return '—';
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/**
 * An amount with its currency: "USD 83,760.00". Without a known currency, the bare amount (the org did not say
 * which currency, and a guessed symbol would be worse than none).
 */
export function formatMoney(value: number | null | undefined, currency: string | null = null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return currency ? `${currency} ${moneyFormat.format(value)}` : moneyFormat.format(value);
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${percentFormat.format(value)}%`;
}

export function orDash(text: string | null | undefined): string {
  return text === null || text === undefined || text.trim() === '' ? '—' : text;
}

/** A measured value with its unit, as entered: "104.5 points" (the internal variant). */
export function withUnit(value: number | null, unit: string | null): string {
  return value === null ? '—' : `${formatNumber(value)}${unit ? ` ${unit}` : ''}`;
}
