/**
 * The measurement import done the naive way: the same checks and plan (src/core/plan/measurementImport.ts), but
 * each outcome looked up with a query of its own and each measurement upserted with a call of its own.
 */
import { Measurement, fieldsOf } from '../../src/core/model.js';
import {
  MEASUREMENT_COLUMNS,
  outcomeReferences,
  planMeasurementImport,
  validateMeasurementRows,
  type MeasurementRow,
} from '../../src/core/plan/measurementImport.js';
import { matchColumns, readCsvFile } from '../../src/csv/readCsv.js';
import { fetchReferencedOutcomes, type ReferencedOutcome } from '../../src/org/queries/measurements.js';
import { asOrgConnection, tally, writeOne, type NaiveContext, type NaiveWrites, type OneResult } from './oneByOne.js';

const M = fieldsOf(Measurement);

export type NaiveImportResult = { rowsRead: number; valid: number; upserts: number; writes: NaiveWrites };

export async function naiveImport(ctx: NaiveContext, file: string): Promise<NaiveImportResult> {
  const conn = asOrgConnection(ctx.conn);
  const table = await readCsvFile(file);
  const columns = matchColumns(table.header, MEASUREMENT_COLUMNS);
  const rows: MeasurementRow[] = table.rows.map(({ line, values }) => ({
    line,
    values: Object.fromEntries(MEASUREMENT_COLUMNS.map((name) => [name, values[columns[name] ?? ''] ?? ''])) as MeasurementRow['values'],
  }));
  const { valid } = validateMeasurementRows(rows, ctx.today);
  const outcomes: ReferencedOutcome[] = [];
  for (const reference of outcomeReferences(valid)) {
    // eslint-disable-next-line no-await-in-loop -- one outcome per query is the point of the baseline
    outcomes.push(...(await fetchReferencedOutcomes(conn, [reference], ctx.usage)));
  }
  const plan = planMeasurementImport(valid, outcomes);
  const results: OneResult[] = [];
  for (const upsert of plan.upserts) {
    // eslint-disable-next-line no-await-in-loop -- one record per call is the point of the baseline
    results.push(await writeOne(ctx, Measurement.apiName, 'upsert', { ...upsert.record }, M.External_Id__c));
  }
  return { rowsRead: rows.length, valid: valid.length, upserts: plan.upserts.length, writes: tally(results, 'import') };
}
