/**
 * Planning a measurement import: which rows of a file are measurements to write, which are bad and why,
 * and which are already in the org unchanged. Pure: the command reads the file and the org, then asks here.
 *
 * Steps, in the order the command runs them:
 *  1. `validateMeasurementRows`: each row on its own, against the core's measurement schema (before any API call);
 *  2. `outcomeReferences`: what to look up in the org;
 *  3. `planMeasurementImport`: resolve the outcomes, key every row by an external id, drop earlier duplicates,
 *     and compare with what the org already holds.
 */
import type { IsoDate } from '../dates.js';
import { MEASUREMENT_SOURCES, Measurement, fieldsOf, type MeasurementSource } from '../model.js';
import { picklistValueOf } from '../picklistInput.js';
import { measurementSchemaAsOf } from '../schemas.js';

const M = fieldsOf(Measurement);

/** Columns of a measurement file, as the user writes them (matched ignoring case). */
export const MEASUREMENT_COLUMNS = ['outcome', 'measured_on', 'value', 'source', 'notes', 'external_id'] as const;
export type MeasurementColumn = (typeof MEASUREMENT_COLUMNS)[number];
export const REQUIRED_MEASUREMENT_COLUMNS: readonly MeasurementColumn[] = ['outcome', 'measured_on', 'value'];

/** Source of a row that names none: it came in through an import. */
export const DEFAULT_IMPORT_SOURCE: MeasurementSource = 'Import';

/** External_Id__c holds at most this many characters. */
const EXTERNAL_ID_LENGTH = Measurement.fields.External_Id__c.length ?? 80;
/** Value__c keeps 4 decimals: values equal after rounding to them are the same measurement. */
const VALUE_SCALE = Measurement.fields.Value__c.scale;

/** One row of the file by column, with its line in the file (header = line 1). Absent optional columns are ''. */
export type MeasurementRow = { line: number; values: Record<MeasurementColumn, string> };

/** A row that passed validation on its own. */
export type ValidMeasurementRow = {
  line: number;
  /** As written: the outcome's External_Id__c or its 15/18-character record Id. */
  outcome: string;
  measuredOn: IsoDate;
  value: number;
  source: MeasurementSource;
  /** Null when the row leaves notes blank: a blank never clears notes already in the org. */
  notes: string | null;
  /** Null when the row leaves it blank: one is derived from the outcome and the date. */
  externalId: string | null;
};

/** A row that will not be written, with the reason and the fix. */
export type RowProblem = { line: number; externalId: string | null; error: string };

/** What the org holds for an outcome the file refers to. */
export type KnownOutcome = {
  id: string;
  externalId: string | null;
  measurements: ReadonlyArray<{
    id: string;
    externalId: string | null;
    measuredOn: IsoDate;
    value: number;
    source: string | null;
    notes: string | null;
  }>;
};

/**
 * A measurement as upserted on External_Id__c, with API names as keys. Outcome_Requirement__c is sent for new
 * measurements only: a master-detail field that is not reparentable cannot be written on an update, even unchanged.
 */
export type MeasurementUpsertRecord = {
  External_Id__c: string;
  Outcome_Requirement__c?: string;
  Measured_On__c: IsoDate;
  Value__c: number;
  Source__c: MeasurementSource;
  /** Absent when the row's notes are blank, so the org keeps what it has. */
  Notes__c?: string;
};

export type PlannedMeasurement = {
  line: number;
  action: 'create' | 'update';
  record: MeasurementUpsertRecord;
  reason: string;
};

export type UnchangedMeasurement = { line: number; externalId: string; reason: string };

export type MeasurementImportPlan = {
  /** Rows to upsert, in file order, each external id once. */
  upserts: PlannedMeasurement[];
  /** Rows the org already holds with the same values: nothing to write. */
  unchanged: UnchangedMeasurement[];
  /** Rows whose outcome is not in the org. */
  unresolved: RowProblem[];
  /** Earlier rows with the same external id as a later row, which wins. */
  superseded: RowProblem[];
  /** Rows whose external id belongs to a measurement of another outcome: a measurement cannot move. */
  conflicts: RowProblem[];
};

const COLUMN_OF_FIELD: Record<string, MeasurementColumn> = {
  [M.Measured_On__c]: 'measured_on',
  [M.Value__c]: 'value',
  [M.Source__c]: 'source',
  [M.Notes__c]: 'notes',
  [M.External_Id__c]: 'external_id',
};

/** A plain decimal number as people type it (12, -3.5, .25, 1e3); anything else is left for the schema to refuse. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseValue(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return DECIMAL.test(trimmed) ? Number(trimmed) : trimmed;
}

const blankToUndefined = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

/** The source as typed (API name or label; blank means Import); an unknown one is left for the schema to refuse. */
function sourceOf(text: string): string {
  const typed = blankToUndefined(text);
  if (typed === undefined) return DEFAULT_IMPORT_SOURCE;
  return picklistValueOf(MEASUREMENT_SOURCES, typed) ?? typed;
}

/**
 * Checks each row alone: outcome given, measured_on a real date not after `today`, value a number that fits
 * Value__c, source one of the picklist's values by API name or label (blank means Import), notes and external_id within their lengths.
 */
export function validateMeasurementRows(
  rows: readonly MeasurementRow[],
  today: IsoDate,
): { valid: ValidMeasurementRow[]; invalid: RowProblem[] } {
  const check = measurementRowValidator(today);
  const valid: ValidMeasurementRow[] = [];
  const invalid: RowProblem[] = [];
  for (const row of rows) {
    const checked = check(row);
    if (isRowProblem(checked)) invalid.push(checked);
    else valid.push(checked);
  }
  return { valid, invalid };
}

export const isRowProblem = (checked: ValidMeasurementRow | RowProblem): checked is RowProblem => 'error' in checked;

/** The check of `validateMeasurementRows`, one row at a time (an import validates rows as it reads them). */
export function measurementRowValidator(today: IsoDate): (row: MeasurementRow) => ValidMeasurementRow | RowProblem {
  const schema = measurementSchemaAsOf(today);
  return ({ line, values }) => {
    const outcome = values.outcome.trim();
    const externalId = blankToUndefined(values.external_id) ?? null;
    const problems: string[] = [];
    if (outcome === '') problems.push("outcome: required: enter the outcome's External_Id__c or its record Id");
    const parsed = schema.safeParse({
      [M.Measured_On__c]: blankToUndefined(values.measured_on),
      [M.Value__c]: parseValue(values.value),
      [M.Source__c]: sourceOf(values.source),
      [M.Notes__c]: blankToUndefined(values.notes),
      [M.External_Id__c]: externalId ?? undefined,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        problems.push(`${COLUMN_OF_FIELD[field] ?? field}: ${issue.message}`);
      }
    }
    if (problems.length > 0 || !parsed.success) return { line, externalId, error: `${problems.join('; ')}. Correct the row and import it again.` };
    const record = parsed.data;
    return {
      line,
      outcome,
      measuredOn: record.Measured_On__c,
      value: record.Value__c,
      source: (record.Source__c ?? DEFAULT_IMPORT_SOURCE) as MeasurementSource,
      notes: record.Notes__c ?? null,
      externalId,
    };
  };
}

/** A day after any real date: rows checked as of it pass every check but "not after today". */
const END_OF_TIME: IsoDate = '4000-12-31';

/**
 * The outcome references of a file, gathered before the org's today is known (the file is read before any API call):
 * rows are checked as of the end of time, and each reference keeps the earliest date it is measured on, so that once
 * today is known the references are those of the rows valid as of today, as `outcomeReferences` gives them.
 */
export class OutcomeReferenceCollector {
  private readonly check = measurementRowValidator(END_OF_TIME);
  private readonly earliest = new Map<string, IsoDate>();

  public add(row: MeasurementRow): void {
    const checked = this.check(row);
    if (isRowProblem(checked)) return;
    const known = this.earliest.get(checked.outcome);
    if (known === undefined || checked.measuredOn < known) this.earliest.set(checked.outcome, checked.measuredOn);
  }

  /** The distinct references of rows not dated after `today`, in the order the file first names them. */
  public referencesAsOf(today: IsoDate): string[] {
    return [...this.earliest].flatMap(([reference, date]) => (date <= today ? [reference] : []));
  }
}

/** The distinct outcome references of the valid rows: what to look up in the org. */
export function outcomeReferences(rows: readonly ValidMeasurementRow[]): string[] {
  return [...new Set(rows.map((row) => row.outcome))];
}

/** Finds an outcome by its External_Id__c (as Salesforce matches it, ignoring case) or by its 15/18-character Id. */
export function outcomeResolver(outcomes: readonly KnownOutcome[]): (reference: string) => KnownOutcome | undefined {
  const byExternalId = new Map<string, KnownOutcome>();
  const byId = new Map<string, KnownOutcome>();
  for (const outcome of outcomes) {
    if (outcome.externalId) byExternalId.set(outcome.externalId.toLowerCase(), outcome);
    byId.set(outcome.id, outcome);
    byId.set(outcome.id.slice(0, 15), outcome);
  }
  return (reference) => byExternalId.get(reference.toLowerCase()) ?? byId.get(reference);
}

/**
 * The external id of a row that names none: the outcome's key and the date, so the same reading imported again
 * lands on the same record. The outcome's External_Id__c is the key when it fits, its record Id otherwise.
 */
export function derivedExternalId(outcome: Pick<KnownOutcome, 'id' | 'externalId'>, measuredOn: IsoDate): string {
  const byExternalId = outcome.externalId ? `${outcome.externalId}-${measuredOn}` : null;
  return byExternalId && byExternalId.length <= EXTERNAL_ID_LENGTH ? byExternalId : `${outcome.id}-${measuredOn}`;
}

const roundToScale = (value: number): number => Number(value.toFixed(VALUE_SCALE));

/**
 * Turns valid rows into the upserts to make. Rows whose outcome the org lacks are refused; of rows sharing an
 * external id (ignoring case, as the org's unique index does) the last one in the file wins; rows the org
 * already holds with the same values are left alone, so a rerun writes nothing.
 */
export function planMeasurementImport(rows: readonly ValidMeasurementRow[], outcomes: readonly KnownOutcome[]): MeasurementImportPlan {
  const planner = new MeasurementImportPlanner(outcomes);
  const upserts: PlannedMeasurement[] = [];
  const unchanged: UnchangedMeasurement[] = [];
  for (const row of rows) {
    const planned = planner.plan(row);
    if (planned?.action === 'unchanged') unchanged.push({ line: planned.line, externalId: planned.externalId, reason: planned.reason });
    else if (planned) upserts.push(planned);
  }
  const replaced = planner.superseded;
  const spelling = new Map(rows.flatMap((row) => (replaced.has(row.line) ? [[row.line, planner.keyOf(row) as string] as const] : [])));
  const tally = planner.tally((line) => spelling.get(line) as string);
  return {
    upserts: upserts.filter((u) => planner.isLatest(u.line, u.record.External_Id__c)),
    unchanged: unchanged.filter((u) => planner.isLatest(u.line, u.externalId)),
    unresolved: tally.unresolved,
    superseded: tally.superseded,
    conflicts: tally.conflicts,
  };
}

/** What a plan comes to, without its rows: counts of rows to create, to update and unchanged, and the rows refused. */
export type MeasurementImportTally = {
  toCreate: number;
  toUpdate: number;
  unchanged: number;
  unresolved: RowProblem[];
  superseded: RowProblem[];
  conflicts: RowProblem[];
};

/** What became of a row, kept per external id with its line (`line * KINDS + kind`: a number, not an object a row). */
const KINDS = 4;
const KIND = { create: 0, update: 1, unchanged: 2, conflict: 3 } as const;

/**
 * `planMeasurementImport` one row at a time, for a file read row by row: `plan` says what to do with each row as it
 * comes, and remembers only its external id and line (and the refused rows). A later row with the same external id
 * replaces an earlier one, so a row planned may turn out replaced: write only rows for which `isLatest` holds once
 * every row is planned, and ask `tally` for the counts.
 */
export class MeasurementImportPlanner {
  private readonly resolve: (reference: string) => KnownOutcome | undefined;
  private readonly stored = new Map<string, { outcomeId: string; measurement: KnownOutcome['measurements'][number] }>();
  /** Folded external id → `line * KINDS + kind` of the last row with it. */
  private readonly lastOfKey = new Map<string, number>();
  private readonly unresolved: RowProblem[] = [];
  private readonly conflicts = new Map<number, RowProblem>();
  /** Lines replaced by a later row → the folded external id they share with it. */
  private readonly replaced = new Map<number, string>();
  private readonly counts = [0, 0, 0, 0];

  public constructor(outcomes: readonly KnownOutcome[]) {
    this.resolve = outcomeResolver(outcomes);
    for (const outcome of outcomes) {
      for (const measurement of outcome.measurements) {
        if (measurement.externalId) this.stored.set(measurement.externalId.toLowerCase(), { outcomeId: outcome.id, measurement });
      }
    }
  }

  /** The lines replaced by a later row so far. */
  public get superseded(): ReadonlySet<number> {
    return new Set(this.replaced.keys());
  }

  /** The row's external id: its own, or the one derived from its outcome and date; null when its outcome is unknown. */
  public keyOf(row: ValidMeasurementRow): string | null {
    if (row.externalId) return row.externalId;
    const outcome = this.resolve(row.outcome);
    return outcome ? derivedExternalId(outcome, row.measuredOn) : null;
  }

  /** The line of the last row planned with this external id (any case), or -1. */
  public lineOf(externalId: string): number {
    return Math.floor((this.lastOfKey.get(externalId.toLowerCase()) ?? -KINDS) / KINDS);
  }

  /** True when no later row planned so far has the same external id. */
  public isLatest(line: number, externalId: string): boolean {
    return this.lineOf(externalId) === line;
  }

  /** What to do with one valid row (rows in file order): the upsert, the row unchanged, or null when refused. */
  public plan(row: ValidMeasurementRow): PlannedMeasurement | (UnchangedMeasurement & { action: 'unchanged' }) | null {
    const outcome = this.resolve(row.outcome);
    if (!outcome) {
      this.unresolved.push({
        line: row.line,
        externalId: row.externalId,
        error: `outcome: no Outcome_Requirement__c has External_Id__c or Id "${row.outcome}". Use the External_Id__c or record Id of an existing outcome, then import the row again.`,
      });
      return null;
    }
    const externalId = row.externalId ?? derivedExternalId(outcome, row.measuredOn);
    const key = externalId.toLowerCase();
    const planned = this.decide(row, outcome, externalId, key);
    const kind = planned === null ? KIND.conflict : KIND[planned.action];
    const earlier = this.lastOfKey.get(key);
    if (earlier !== undefined) {
      const line = Math.floor(earlier / KINDS);
      this.counts[earlier % KINDS] -= 1;
      this.conflicts.delete(line);
      this.replaced.set(line, key);
    }
    this.lastOfKey.set(key, row.line * KINDS + kind);
    this.counts[kind] += 1;
    return planned;
  }

  /**
   * The counts and refused rows once every row is planned. `spelling` gives the external id of a replaced row as
   * that row has it (its case may differ from the row that replaced it): see `superseded` and `keyOf`.
   */
  public tally(spelling: (line: number) => string): MeasurementImportTally {
    const byLine = (a: RowProblem, b: RowProblem): number => a.line - b.line;
    const superseded = [...this.replaced].map(([line, key]) => {
      const externalId = spelling(line);
      const winner = Math.floor((this.lastOfKey.get(key) as number) / KINDS);
      return {
        line,
        externalId,
        error: `external_id: line ${String(winner)} has the same external id "${externalId}" and, coming later, replaces this row. Keep only the row you mean.`,
      };
    });
    return {
      toCreate: this.counts[KIND.create],
      toUpdate: this.counts[KIND.update],
      unchanged: this.counts[KIND.unchanged],
      unresolved: this.unresolved,
      superseded: superseded.sort(byLine),
      conflicts: [...this.conflicts.values()].sort(byLine),
    };
  }
  private decide(
    row: ValidMeasurementRow,
    outcome: KnownOutcome,
    externalId: string,
    key: string,
  ): PlannedMeasurement | (UnchangedMeasurement & { action: 'unchanged' }) | null {
    const values = {
      Measured_On__c: row.measuredOn,
      Value__c: row.value,
      Source__c: row.source,
      ...(row.notes === null ? {} : { Notes__c: row.notes }),
    };
    const existing = this.stored.get(key);
    if (!existing) {
      return {
        line: row.line,
        action: 'create',
        record: { External_Id__c: externalId, Outcome_Requirement__c: outcome.id, ...values },
        reason: `new measurement ${externalId} of ${row.outcome} on ${row.measuredOn}`,
      };
    }
    if (existing.outcomeId !== outcome.id) {
      this.conflicts.set(row.line, {
        line: row.line,
        externalId,
        error: `external_id: "${externalId}" is already a measurement of another outcome (${existing.outcomeId}), and a measurement cannot move to another outcome. Give the row its own external_id, or name the outcome it belongs to.`,
      });
      return null;
    }
    const record: MeasurementUpsertRecord = { External_Id__c: externalId, ...values };
    const changes = describeChanges(existing.measurement, record);
    if (changes.length === 0) return { line: row.line, action: 'unchanged', externalId, reason: `${externalId} is already in the org with the same values` };
    return { line: row.line, action: 'update', record, reason: `${externalId} changed: ${changes.join(', ')}` };
  }


}

function describeChanges(stored: KnownOutcome['measurements'][number], record: MeasurementUpsertRecord): string[] {
  const changes: string[] = [];
  const shown = (value: unknown): string => (value === null || value === undefined ? 'blank' : String(value));
  if (stored.measuredOn !== record.Measured_On__c) changes.push(`${M.Measured_On__c} ${stored.measuredOn} → ${record.Measured_On__c}`);
  if (roundToScale(stored.value) !== roundToScale(record.Value__c)) changes.push(`${M.Value__c} ${stored.value} → ${record.Value__c}`);
  if ((stored.source ?? null) !== record.Source__c) changes.push(`${M.Source__c} ${shown(stored.source)} → ${record.Source__c}`);
  if (record.Notes__c !== undefined && (stored.notes ?? null) !== record.Notes__c) changes.push(`${M.Notes__c} changed`);
  return changes;
}
