/**
 * How numbers, percentages and money read in every format of the report. A fixed locale keeps the output the
 * same on every machine, so reports can be compared and tests hold.
 */
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const moneyFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return numberFormat.format(value);
}

/** Currency amounts without a symbol: the org's currency is not part of the report's data. */
export function formatMoney(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return moneyFormat.format(value);
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${percentFormat.format(value)}%`;
}

export function orDash(text: string | null | undefined): string {
  return text === null || text === undefined || text.trim() === '' ? '—' : text;
}

/** A measured value with its unit: "104.5 points". */
export function withUnit(value: number | null, unit: string | null): string {
  return value === null ? '—' : `${formatNumber(value)}${unit ? ` ${unit}` : ''}`;
}
