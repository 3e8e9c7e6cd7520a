/**
 * `displayValue` of a field as the UI API and GraphQL API show it to an en_US user in the GMT org: the picklist
 * label, a currency with its symbol and scale, a percent with its sign, a date as M/D/YYYY, a datetime as
 * "M/D/YYYY, h:mm AM"; null for text, numbers, booleans and Ids, whose value is shown as is
 * (User Interface API Developer Guide, "Record Field"; GraphQL API Developer Guide, "Field Value Types").
 */
import type { FieldSchema } from '../schema/types.js';

const grouped = (value: number, scale: number): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: scale, maximumFractionDigits: scale, useGrouping: true });

export function formatDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${Number(match[2])}/${Number(match[3])}/${match[1]}` : value;
}

export function formatDatetime(value: string): string {
  const date = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(date.getTime())) return value;
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()}, ${h12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
}

export function displayValueOf(field: FieldSchema, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'picklist':
      return field.picklistValues?.find((p) => p.value === value)?.label ?? String(value);
    case 'currency':
      return typeof value === 'number' ? `${value < 0 ? '-' : ''}$${grouped(Math.abs(value), field.scale ?? 2)}` : null;
    case 'percent':
      return typeof value === 'number' ? `${grouped(value, field.scale ?? 0)}%` : null;
    case 'date':
      return formatDate(String(value));
    case 'datetime':
      return formatDatetime(String(value));
    default:
      return null;
  }
}

/** Salesforce's Java date patterns the GraphQL `format` field reports for an en_US user. */
export function formatPatternOf(field: FieldSchema): string | null {
  switch (field.type) {
    case 'date':
      return 'M/d/yyyy';
    case 'datetime':
      return 'M/d/yyyy, h:mm a';
    default:
      return null;
  }
}
