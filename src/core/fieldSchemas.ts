/**
 * Zod schemas for single fields, built from their description in model.ts (length, precision,
 * picklist values), with messages that name the field's API name and say what to enter instead.
 *
 * A blank field is `null` (as Salesforce returns it) or absent (not queried, not in the file): optional
 * fields accept both. Each builder checks the field's type in model.ts, so schemas cannot drift from it.
 */
import { z } from 'zod';
import { dateProblem, isAfter, type IsoDate } from './dates.js';
import type { FieldSpec, FieldType, ObjectSpec } from './model.js';
import { describePicklistValues } from './picklistInput.js';

/** Salesforce record ids: 15 characters, or 18 with the case-safe suffix. */
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
/** A plain TextArea holds at most 255 characters in Salesforce. */
const TEXT_AREA_LENGTH = 255;

const isBlank = (input: unknown): boolean => input === undefined || input === null;
const shown = (input: unknown): string => (typeof input === 'string' ? `"${input}"` : String(input));

export function idSchema(field: string) {
  return z
    .string({ error: (iss) => (isBlank(iss.input) ? `${field} is required` : `${field} must be a record id, got ${shown(iss.input)}`) })
    .regex(RECORD_ID, { error: (iss) => `${field} must be a 15- or 18-character record id, got ${shown(iss.input)}` });
}

export function textSchema(field: string, maxLength: number, { required = false } = {}) {
  const base = z
    .string({ error: (iss) => (isBlank(iss.input) ? `${field} is required` : `${field} must be text, got ${shown(iss.input)}`) })
    .max(maxLength, { error: (iss) => `${field} is too long: at most ${maxLength} characters, got ${String((iss.input as string).length)}` });
  return required ? base.refine((text) => text.trim() !== '', { error: `${field} is required: it cannot be blank` }) : base;
}

export function numberSchema(field: string, { precision, scale }: { precision?: number; scale?: number } = {}) {
  const base = z.number({
    error: (iss) => (isBlank(iss.input) ? `${field} is required` : `${field} must be a finite number, got ${shown(iss.input)}`),
  });
  if (precision === undefined) return base;
  // Salesforce rejects values with more integer digits than precision − scale; extra decimals it rounds.
  const integerDigits = precision - (scale ?? 0);
  return base.refine((value) => Math.abs(value) < 10 ** integerDigits, {
    error: (iss) => `${field} must have at most ${integerDigits} digits before the decimal point, got ${shown(iss.input)}`,
  });
}

/** A real calendar date; aborts on an invalid one so later checks (e.g. not in the future) only see real dates. */
export function dateSchema(field: string) {
  return z
    .string({ error: (iss) => (isBlank(iss.input) ? `${field} is required` : `${field} ${String(dateProblem(iss.input))}`) })
    .refine((text) => dateProblem(text) === null, { error: (iss) => `${field} ${String(dateProblem(iss.input))}`, abort: true });
}

/** A date-time as Salesforce writes it (`2026-01-15T09:30:00.000+0000`) or as ISO 8601 (`…Z`). */
export function dateTimeSchema(field: string) {
  return z
    .string({ error: (iss) => (isBlank(iss.input) ? `${field} is required` : `${field} must be a date-time, got ${shown(iss.input)}`) })
    .refine((text) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(text) && !Number.isNaN(Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))), {
      error: (iss) => `${field} must be a date-time such as 2026-01-15T09:30:00.000+0000, got ${shown(iss.input)}`,
    });
}

/** A date that is not after `today` (measurements record what happened, not what is planned). */
export function pastDateSchema(field: string, today: IsoDate) {
  return dateSchema(field).refine((date) => !isAfter(date, today), {
    error: (iss) => `${field} ${shown(iss.input)} is after today (${today}): a measurement cannot be dated in the future`,
  });
}

export function picklistSchema<const V extends readonly string[]>(field: string, values: V) {
  return z.enum(values, {
    error: (iss) =>
      `${field} ${isBlank(iss.input) ? 'is required' : `has no value ${shown(iss.input)}`}: use one of ${describePicklistValues(values)}`,
  });
}

export function checkboxSchema(field: string) {
  return z.boolean({ error: (iss) => `${field} must be true or false, got ${shown(iss.input)}` });
}

const NUMERIC: readonly FieldType[] = ['Number', 'Currency', 'Percent', 'Summary'];
const TEXTUAL: readonly FieldType[] = ['Text', 'TextArea', 'LongTextArea', 'AutoNumber'];

/**
 * Field builders for one object of model.ts. Each returns `{ [field]: schema }` to spread into a
 * `z.object`, so every key is written once and type-checked against the model's field names.
 */
export function fieldsOfSpec<O extends ObjectSpec>(object: O) {
  type Name = keyof O['fields'] & string;

  const spec = (field: Name, kinds: readonly FieldType[]): FieldSpec => {
    const found = object.fields[field] as FieldSpec | undefined;
    if (!found) throw new Error(`schemas: ${object.apiName}.${field} is not in model.ts`);
    if (!kinds.includes(found.type)) {
      throw new Error(`schemas: ${object.apiName}.${field} is a ${found.type} in model.ts, not one of ${kinds.join('/')}`);
    }
    return found;
  };
  const entry = <N extends Name, S>(field: N, schema: S) => ({ [field]: schema }) as { [K in N]: S };

  return {
    id: <N extends Name>(field: N) => (spec(field, ['Lookup', 'MasterDetail']), entry(field, idSchema(field).nullish())),
    requiredId: <N extends Name>(field: N) => (spec(field, ['Lookup', 'MasterDetail']), entry(field, idSchema(field))),
    text: <N extends Name>(field: N) => entry(field, textSchema(field, maxLengthOf(spec(field, TEXTUAL))).nullish()),
    requiredText: <N extends Name>(field: N) =>
      entry(field, textSchema(field, maxLengthOf(spec(field, TEXTUAL)), { required: true })),
    number: <N extends Name>(field: N) => entry(field, numberSchema(field, spec(field, NUMERIC)).nullish()),
    requiredNumber: <N extends Name>(field: N) => entry(field, numberSchema(field, spec(field, NUMERIC))),
    date: <N extends Name>(field: N) => (spec(field, ['Date']), entry(field, dateSchema(field).nullish())),
    requiredDate: <N extends Name>(field: N) => (spec(field, ['Date']), entry(field, dateSchema(field))),
    dateTime: <N extends Name>(field: N) => (spec(field, ['DateTime']), entry(field, dateTimeSchema(field).nullish())),
    picklist: <N extends Name, const V extends readonly string[]>(field: N, values: V) => {
      const declared = spec(field, ['Picklist']).values ?? [];
      if (declared.join('\n') !== values.join('\n')) {
        throw new Error(`schemas: ${object.apiName}.${field} lists other picklist values than model.ts`);
      }
      return entry(field, picklistSchema(field, values).nullish());
    },
  };
}

function maxLengthOf(spec: FieldSpec): number {
  if (spec.type === 'TextArea') return TEXT_AREA_LENGTH;
  return spec.length ?? TEXT_AREA_LENGTH;
}
