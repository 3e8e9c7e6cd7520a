/**
 * Turning a value sent over the API into the stored value of a field, with the errors Salesforce gives for
 * values of the wrong shape. Checks that need other records (references, uniqueness) live in the writer.
 */
import type { FieldSchema, ObjectSchema } from '../schema/types.js';
import type { SaveError } from '../engine/types.js';
import { normalizeId } from './ids.js';

export type Coerced = { value: unknown } | { error: SaveError };

export function saveError(statusCode: string, message: string, fields: string[] = []): SaveError {
  return { statusCode, message, fields };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCFullYear() === Number(match[1]) && date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}

/** Salesforce's JSON form of a datetime: 2024-05-01T09:30:00.000+0000. */
export function formatDatetime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

export function parseDatetime(text: string): Date | null {
  const normalized = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(ISO_DATE.test(normalized) ? `${normalized}T00:00:00Z` : normalized);
  return Number.isNaN(date.getTime()) ? null : date;
}

function wrongType(field: FieldSchema, value: unknown): Coerced {
  return { error: saveError('INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value not of required type: ${String(value)}`, [field.name]) };
}

export function coerceValue(object: ObjectSchema, field: FieldSchema, raw: unknown): Coerced {
  if (raw === null || raw === undefined || raw === '') {
    return { value: field.type === 'boolean' ? false : null };
  }
  switch (field.type) {
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url': {
      if (typeof raw === 'object') return wrongType(field, JSON.stringify(raw));
      const text = String(raw);
      const max = field.length ?? 255;
      if (text.length > max) {
        return {
          error: saveError(
            'STRING_TOO_LONG',
            `${field.label}: data value too large: ${text.length > 40 ? `${text.slice(0, 40)}...` : text} (max length=${max})`,
            [field.name],
          ),
        };
      }
      return { value: text };
    }
    case 'picklist': {
      if (typeof raw === 'object') return wrongType(field, JSON.stringify(raw));
      const text = String(raw);
      if (field.restrictedPicklist && !field.picklistValues?.some((p) => p.active && p.value === text)) {
        return {
          error: saveError(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${field.label}: bad value for restricted picklist field: ${text} (allowed on ${object.name}.${field.name}: ${field.picklistValues
              ?.map((p) => p.value)
              .join(', ')})`,
            [field.name],
          ),
        };
      }
      return { value: text };
    }
    case 'double':
    case 'int':
    case 'currency':
    case 'percent': {
      const number = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(number)) return wrongType(field, raw);
      const scale = field.type === 'int' ? 0 : (field.scale ?? 0);
      const rounded = Number(number.toFixed(scale));
      const integerDigits = (field.precision ?? 18) - scale;
      if (Math.abs(Math.trunc(rounded)).toString().length > integerDigits && Math.trunc(rounded) !== 0) {
        return {
          error: saveError('NUMBER_OUTSIDE_VALID_RANGE', `${field.label}: value outside of valid range on numeric field: ${number}`, [field.name]),
        };
      }
      return { value: rounded };
    }
    case 'date': {
      const text = String(raw);
      // Salesforce accepts a datetime for a date field and keeps the date part.
      const datePart = text.length > 10 && text[10] === 'T' ? text.slice(0, 10) : text;
      return isValidIsoDate(datePart) ? { value: datePart } : wrongType(field, raw);
    }
    case 'datetime': {
      const date = typeof raw === 'string' ? parseDatetime(raw) : null;
      return date ? { value: formatDatetime(date) } : wrongType(field, raw);
    }
    case 'boolean':
      if (raw === true || raw === 'true' || raw === 'TRUE') return { value: true };
      if (raw === false || raw === 'false' || raw === 'FALSE') return { value: false };
      return wrongType(field, raw);
    case 'reference':
    case 'id': {
      const id = normalizeId(raw);
      if (!id) {
        return { error: saveError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${String(raw)}`, [field.name]) };
      }
      return { value: id };
    }
    default:
      return { value: raw };
  }
}
