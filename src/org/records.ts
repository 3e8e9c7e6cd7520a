/**
 * The one way query rows become typed records: each row goes through a zod schema derived from model.ts, so a
 * value of the wrong type (or a picklist value the model does not know) stops the run with an error that names
 * the record and the field, instead of being cast and computed on wrongly.
 */
import { z } from 'zod';
import { textSchema } from '../core/fieldSchemas.js';
import type { FieldSpec } from '../core/model.js';
import { formatIssues } from '../core/schemas.js';
import type { SfRecord } from './connection.js';

/** A row the org returned that does not fit the data model: named, with what is wrong, rather than reported on wrongly. */
export class UnexpectedRecordError extends Error {
  public constructor(public readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'UnexpectedRecordError';
  }
}

type Parser<T> = { safeParse(input: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof formatIssues>[0] } };

/** The row parsed by `schema`; `label` names the record in the error (e.g. "Initiative__c a015g…"). */
export function parseRecord<T>(schema: Parser<T>, row: SfRecord, label: string): T {
  const result = schema.safeParse(row);
  if (!result.success) throw new UnexpectedRecordError(formatIssues(result.error, label));
  return result.data;
}

/** Every optional field as the planners take it: a value or null (a queried field that is blank arrives as null). */
export type Blanks<T> = { [K in keyof T]-?: undefined extends T[K] ? Exclude<T[K], undefined> | null : T[K] };

/** parseRecord for an object schema, with a blank optional field as null rather than absent. */
export function readRecord<S extends z.ZodObject>(schema: S, row: SfRecord, label: string): Blanks<z.infer<S>> {
  const record = parseRecord(schema, row, label) as Record<string, unknown>;
  for (const field of Object.keys(schema.shape)) record[field] ??= null;
  return record as Blanks<z.infer<S>>;
}

// eslint-disable-next-line @typescript-eslint/explicit-function-return-type -- a zod schema's type is the one zod infers
const parentNameSchema = (relationship: string) => z.object({ Name: textSchema(`${relationship}.Name`, 255).nullish() });

/** The Name of a row's parent (Account__r.Name), checked as text; null when the row has no parent. */
export function parentName(row: SfRecord, relationship: string, label: string): string | null {
  const parent = row[relationship];
  if (parent === null || parent === undefined) return null;
  return readRecord(parentNameSchema(relationship), parent as SfRecord, label).Name;
}

/** "Initiative__c a015g…": how an error names a row. */
export function recordLabel(sobject: string, row: SfRecord): string {
  return `${sobject} ${String(row.Id)}`;
}

/** The child relationship of a master-detail or lookup, as a subquery names it (Measurements → Measurements__r). */
export const child = (field: FieldSpec): string => {
  if (!field.childRelationship) throw new Error(`model.ts: ${field.referenceTo ?? 'a relationship'} field has no child relationship name`);
  return `${field.childRelationship}__r`;
};
