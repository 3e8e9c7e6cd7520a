import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { MEASUREMENT_SOURCES } from '../../../src/core/model.js';
import { BAD_ROW_KINDS, measurementsCsv, writeBulkMeasurements } from '../../src/sample/generate.js';
import { MEASUREMENT_COLUMNS, UNKNOWN_OUTCOME_ID, type MeasurementRow } from '../../src/sample/measurements.js';
import { sample, tempFolder, TODAY } from './helpers.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

const parseCsv = (text: string): MeasurementRow[] => parse<MeasurementRow>(text, { columns: true, skip_empty_lines: true });

/** What the import would reject, and why: the rules of Measurement__c restated. */
function problemsOf(row: MeasurementRow, outcomes: Set<string>): string[] {
  const problems: string[] = [];
  if (!outcomes.has(row.outcome)) problems.push('unknown-outcome');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(row.measured_on) || Number.isNaN(Date.parse(row.measured_on))) problems.push('malformed-date');
  else if (row.measured_on > TODAY) problems.push('future-date');
  if (row.value === '') problems.push('missing-value');
  else if (!Number.isFinite(Number(row.value))) problems.push('non-numeric-value');
  if (!(MEASUREMENT_SOURCES as readonly string[]).includes(row.source)) problems.push('unknown-source');
  return problems;
}

describe('measurements.csv', () => {
  const data = sample();
  const outcomes = new Set(data.records.Outcome_Requirement__c.map((outcome) => outcome.External_Id__c as string));
  const rows = parseCsv(measurementsCsv(data.measurements));

  it('has the import’s columns and round-trips through a CSV parser', () => {
    expect(measurementsCsv(data.measurements).split('\n')[0]).toBe('outcome,measured_on,value,source,notes,external_id');
    expect(MEASUREMENT_COLUMNS).toEqual(['outcome', 'measured_on', 'value', 'source', 'notes', 'external_id']);
    expect(rows).toEqual(data.measurements);
    expect(rows.some((row) => row.notes.includes(','))).toBe(true);
  });

  it('has exactly one deliberately bad row of each kind, each breaking one rule, in file order', () => {
    const bad = rows.map((row, line) => ({ line, problems: problemsOf(row, outcomes) })).filter((entry) => entry.problems.length > 0);
    expect(bad.map((entry) => entry.problems)).toEqual(BAD_ROW_KINDS.map((kind) => [kind]));
    // Spread through the file, not bunched at the end.
    expect(bad[0].line).toBeLessThan(rows.length / 4);
    expect(bad[bad.length - 1].line).toBeGreaterThan(rows.length / 2);
    expect(rows.some((row) => row.outcome === UNKNOWN_OUTCOME_ID)).toBe(true);
  });

  it('puts the bad rows at the same places for the same seed and size', () => {
    const again = generateAgain();
    expect(again.filter((row) => problemsOf(row, outcomes).length > 0)).toEqual(rows.filter((row) => problemsOf(row, outcomes).length > 0));
  });

  it('has unique, stable external ids built from outcome and date', () => {
    expect(new Set(rows.map((row) => row.external_id)).size).toBe(rows.length);
    for (const row of rows.filter((candidate) => problemsOf(candidate, outcomes).length === 0)) {
      expect(row.external_id).toBe(`MEAS-${row.outcome.slice(4)}-${row.measured_on}`);
    }
  });

  it('dates valid rows from the outcome’s go-live or handover up to today', () => {
    const starts = new Map(data.outcomeProfiles.map((profile) => [profile.externalId, profile.start]));
    for (const row of rows.filter((candidate) => problemsOf(candidate, outcomes).length === 0)) {
      expect(row.measured_on <= TODAY).toBe(true);
      expect(row.measured_on.slice(0, 7) >= (starts.get(row.outcome) as string).slice(0, 7)).toBe(true);
    }
  });

  it('tells believable stories: some series improve toward target, some stay flat or get worse; some outcomes have none', () => {
    const large = sample(42, 600);
    const series = new Map<string, number[]>();
    for (const row of large.measurements) {
      const value = Number(row.value);
      if (row.value !== '' && Number.isFinite(value)) series.set(row.outcome, [...(series.get(row.outcome) ?? []), value]);
    }
    let towardTarget = 0;
    let awayOrFlat = 0;
    for (const profile of large.outcomeProfiles) {
      const values = series.get(profile.externalId);
      if (!values || values.length < 6) continue;
      const moved = (values[values.length - 1] - values[0]) / (profile.targetValue - profile.baseline);
      if (moved > 0.5) towardTarget++;
      else awayOrFlat++;
    }
    expect(towardTarget).toBeGreaterThan(20);
    expect(awayOrFlat).toBeGreaterThan(20);
    expect(large.outcomeProfiles.filter((profile) => !series.has(profile.externalId)).length).toBeGreaterThan(0);
  });

  function generateAgain(): MeasurementRow[] {
    return parseCsv(measurementsCsv(sample(42, 60).measurements.map((row) => ({ ...row }))));
  }
});

describe('writeBulkMeasurements', () => {
  it('writes the requested number of valid, unique rows for the benchmark, deterministically', () => {
    const folder = tempFolder();
    folders.push(folder);
    const data = sample();
    const outcomes = new Set(data.records.Outcome_Requirement__c.map((outcome) => outcome.External_Id__c as string));
    const first = join(folder, 'first.csv');
    const second = join(folder, 'second.csv');
    writeBulkMeasurements(first, data.outcomeProfiles, { count: 25_000, today: TODAY, seed: 42 });
    writeBulkMeasurements(second, data.outcomeProfiles, { count: 25_000, today: TODAY, seed: 42 });
    const text = readFileSync(first, 'utf8');
    expect(readFileSync(second, 'utf8')).toBe(text);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(25_000);
    expect(new Set(rows.map((row) => row.external_id)).size).toBe(rows.length);
    expect(rows.filter((row) => problemsOf(row, outcomes).length > 0)).toEqual([]);
  });

  it('refuses when there is nothing to measure', () => {
    expect(() => writeBulkMeasurements(join(tempFolder(), 'x.csv'), [], { count: 10, today: TODAY, seed: 1 })).toThrow(/no outcome requirements/);
  });
});
