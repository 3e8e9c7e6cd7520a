/**
 * The planning pass of `sf outcomes measurements import`: the file read a second time, row by row (the first read,
 * before any API call, gathered the outcome references), each row checked as of the org's today and planned as it is
 * parsed. Rows to write go to spools on disk (src/org/recordSpool.ts); what stays in memory is the external id of each
 * row (a later row with the same one replaces it) and the rows refused.
 */
import { Measurement, fieldsOf } from '../core/model.js';
import type { IsoDate } from '../core/dates.js';
import {
  isRowProblem,
  measurementRowValidator,
  MeasurementImportPlanner,
  type KnownOutcome,
  type MeasurementImportTally,
  type RowProblem,
} from '../core/plan/measurementImport.js';
import { forEachMeasurementRow } from '../csv/measurementFile.js';
import { ROWS_BETWEEN_COLLECTIONS, type SpooledMeasurements } from '../org/measurementApply.js';
import { collectEvery } from '../org/memory.js';
import { RecordSpool } from '../org/recordSpool.js';

const M = fieldsOf(Measurement);

export type PlannedImport = {
  /** Rows that passed the checks, before the lookup of their outcomes. */
  validRows: number;
  invalid: RowProblem[];
  tally: MeasurementImportTally;
  spooled: SpooledMeasurements;
  /** Deletes the spools: call it once the rows are written (or the run stops). */
  remove: () => void;
};

/** Plans every row of `file`; with `notes`, each spooled row keeps why it is written (for --verbose). */
export async function planImportFile(file: string, today: IsoDate, outcomes: readonly KnownOutcome[], notes: boolean): Promise<PlannedImport> {
  const check = measurementRowValidator(today);
  const planner = new MeasurementImportPlanner(outcomes);
  const creates = new RecordSpool(M.Outcome_Requirement__c);
  const updates = new RecordSpool();
  const remove = (): void => {
    creates.remove();
    updates.remove();
  };
  try {
    const invalid: RowProblem[] = [];
    let validRows = 0;
    const collect = collectEvery(ROWS_BETWEEN_COLLECTIONS);
    await forEachMeasurementRow(file, (row) => {
      collect(1);
      const checked = check(row);
      if (isRowProblem(checked)) {
        invalid.push(checked);
        return;
      }
      validRows += 1;
      const planned = planner.plan(checked);
      if (!planned || planned.action === 'unchanged') return;
      (planned.action === 'create' ? creates : updates).add(planned.line, planned.record, notes ? planned.reason : undefined);
    });
    // A row replaced by a later one is named by its own external id, whose case may differ from the later row's:
    // read again, only when the file has such rows.
    const replaced = planner.superseded;
    const spelling = new Map<number, string>();
    if (replaced.size > 0) {
      await forEachMeasurementRow(file, (row) => {
        if (!replaced.has(row.line)) return;
        const checked = check(row);
        if (!isRowProblem(checked)) spelling.set(row.line, planner.keyOf(checked) as string);
      });
    }
    return {
      validRows,
      invalid,
      tally: planner.tally((line) => spelling.get(line) as string),
      spooled: {
        creates,
        updates,
        isLatest: (line, externalId) => planner.isLatest(line, externalId),
        lineOf: (externalId) => planner.lineOf(externalId),
      },
      remove,
    };
  } catch (error) {
    remove();
    throw error;
  }
}
