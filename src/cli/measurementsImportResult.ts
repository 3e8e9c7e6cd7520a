/**
 * The --json result of `sf outcomes measurements import`, assembled from the plan, what the org did with each row
 * and the failures. scripts/contracts reads this type (through the command's run()) to write
 * schemas/outcomes-measurements-import.json.
 */
import type { MeasurementImportTally } from '../core/plan/measurementImport.js';
import type { ApiUsageSnapshot } from '../org/apiUsage.js';
import type { ImportMode, MeasurementImportFailure } from '../org/measurementApply.js';

export type MeasurementsImportResult = {
  file: string;
  dryRun: boolean;
  mode: ImportMode;
  /** Data rows in the file. */
  rowsRead: number;
  /** Rows that passed every check and name an outcome of the org (duplicates and conflicts included). */
  valid: number;
  /** The plan: rows to create, rows to update, rows already in the org with the same values. */
  toCreate: number;
  toUpdate: number;
  unchanged: number;
  /** What the org did (0 on a dry run). */
  upserted: number;
  created: number;
  updated: number;
  /** Rows not imported because they are wrong, name no outcome of the org, conflict with another outcome's measurement, or were refused by the org. */
  failed: number;
  /** Earlier rows replaced by a later row with the same external id. */
  duplicates: number;
  /** The error file written, or null when every row was fine (a stale one of an earlier run is removed) or on a dry run. */
  errorFile: string | null;
  failures: MeasurementImportFailure[];
  apiCalls: ApiUsageSnapshot;
};

/** What the import wrote: rows created and updated, and rows not imported (a duplicate replaced by a later row is not a failure). */
export type ImportWritten = { upserted: number; created: number; updated: number; failed: number };

export function importWritten(applied: { created: number; updated: number }, failures: readonly MeasurementImportFailure[]): ImportWritten {
  const { created, updated } = applied;
  return { upserted: created + updated, created, updated, failed: failures.filter((f) => f.kind !== 'duplicate').length };
}

export type MeasurementsImportRun = {
  file: string;
  dryRun: boolean;
  mode: ImportMode;
  rowsRead: number;
  /** Rows that passed the checks, before the lookup of their outcomes. */
  validRows: number;
  plan: MeasurementImportTally;
  written: ImportWritten;
  errorFile: string | null;
  failures: MeasurementImportFailure[];
  apiCalls: ApiUsageSnapshot;
};

export function measurementsImportResult(input: MeasurementsImportRun): MeasurementsImportResult {
  const { plan, written } = input;
  return {
    file: input.file,
    dryRun: input.dryRun,
    mode: input.mode,
    rowsRead: input.rowsRead,
    valid: input.validRows - plan.unresolved.length,
    toCreate: plan.toCreate,
    toUpdate: plan.toUpdate,
    unchanged: plan.unchanged,
    upserted: written.upserted,
    created: written.created,
    updated: written.updated,
    failed: written.failed,
    duplicates: plan.superseded.length,
    errorFile: input.errorFile,
    failures: input.failures,
    apiCalls: input.apiCalls,
  };
}
