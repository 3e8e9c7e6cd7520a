/**
 * Measurements are not tree records: customers send them as CSV, and `sf outcomes` imports them.
 * This module makes believable series per outcome (improving, flat or getting worse), plants a few
 * deliberately bad rows at fixed places so the import's error file has something to show, and writes
 * large valid files for the benchmark.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { addDays, addMonths, daysBetween, endOfMonth } from './dates.js';
import { createRandom, deriveSeed, type Random } from './random.js';
import { MEASUREMENT_NOTES, type OutcomeTemplate } from './initiatives.js';

export const MEASUREMENTS_FILE = 'measurements.csv';
export const MEASUREMENT_COLUMNS = ['outcome', 'measured_on', 'value', 'source', 'notes', 'external_id'] as const;

export type MeasurementRow = {
  outcome: string;
  measured_on: string;
  value: string;
  source: string;
  notes: string;
  external_id: string;
};

export type OutcomeProfile = {
  /** The outcome's External_Id__c (OUT-000123). */
  readonly externalId: string;
  readonly template: OutcomeTemplate;
  readonly baseline: number;
  /** The target as a value of the measure (for relative outcomes: the baseline moved by the percentage). */
  readonly targetValue: number;
  /** Go-live, else the handover (close date): measuring starts here. */
  readonly start: string;
  readonly due: string;
  /** False for outcomes nobody has measured yet. */
  readonly measured: boolean;
};

/** The bad rows, in the order they appear in the file; each breaks exactly one rule of the import. */
export const BAD_ROW_KINDS = [
  'unknown-outcome',
  'future-date',
  'non-numeric-value',
  'malformed-date',
  'unknown-source',
  'missing-value',
] as const;
export type BadRowKind = (typeof BAD_ROW_KINDS)[number];
export const UNKNOWN_OUTCOME_ID = 'OUT-999999';

type Trend = 'improving' | 'flat' | 'worsening';

const outcomeNumber = (externalId: string): string => externalId.replace(/^OUT-/, '');
const measurementId = (outcome: string, measuredOn: string): string => `MEAS-${outcomeNumber(outcome)}-${measuredOn}`;

export function measurementSeries(rng: Random, profiles: readonly OutcomeProfile[], today: string): MeasurementRow[] {
  const valid: MeasurementRow[] = [];
  for (const profile of profiles) {
    if (!profile.measured) continue;
    const trend = rng.weighted<Trend>([['improving', 50], ['flat', 25], ['worsening', 25]]);
    const pace = 0.6 + rng.next() * 0.8;
    const horizonMonths = Math.max(3, Math.round(daysBetween(profile.start, profile.due) / 30.44));
    const { template } = profile;
    for (let elapsed = 0, measuredOn = endOfMonth(profile.start); measuredOn <= today; elapsed += template.cadenceMonths) {
      const share = elapsed / horizonMonths;
      const progress =
        trend === 'improving' ? Math.min(1.25, share * pace * 1.1) : trend === 'flat' ? 0.05 * share : -0.5 * share * pace;
      valid.push({
        outcome: profile.externalId,
        measured_on: measuredOn,
        value: formatValue(valueAt(rng, profile, progress), template),
        source: template.source,
        notes: rng.chance(0.2) ? rng.pick(MEASUREMENT_NOTES[template.source]) : '',
        external_id: measurementId(profile.externalId, measuredOn),
      });
      measuredOn = addMonths(measuredOn, template.cadenceMonths);
    }
  }
  return withBadRows(valid, profiles, today);
}

function valueAt(rng: Random, profile: OutcomeProfile, progress: number): number {
  const span = profile.targetValue - profile.baseline;
  const noise = (rng.next() + rng.next() - 1) * 0.1 * Math.abs(span);
  return profile.baseline + progress * span + noise;
}

function formatValue(value: number, template: OutcomeTemplate): string {
  const bounded = template.unit.startsWith('%') ? Math.min(100, Math.max(0, value)) : Math.max(0, value);
  return bounded.toFixed(template.decimals);
}

/**
 * Inserts one row of each bad kind at fixed places (evenly through the file), each modelled on the
 * valid row it sits before, so it looks like a real feed's mistakes.
 */
function withBadRows(valid: MeasurementRow[], profiles: readonly OutcomeProfile[], today: string): MeasurementRow[] {
  const fallback: MeasurementRow = {
    outcome: profiles[0]?.externalId ?? 'OUT-000001',
    measured_on: endOfMonth(addMonths(today, -1)),
    value: '1',
    source: 'Manual',
    notes: '',
    external_id: '',
  };
  const rows = [...valid];
  for (let kind = BAD_ROW_KINDS.length - 1; kind >= 0; kind--) {
    const position = Math.floor(((kind + 1) * valid.length) / (BAD_ROW_KINDS.length + 1));
    const model = valid[position] ?? valid[valid.length - 1] ?? fallback;
    rows.splice(position, 0, badRow(BAD_ROW_KINDS[kind], kind, model, today));
  }
  return rows;
}

function badRow(kind: BadRowKind, ordinal: number, model: MeasurementRow, today: string): MeasurementRow {
  // A different day of the model's month per kind keeps every external id unique.
  const measuredOn = `${model.measured_on.slice(0, 8)}${String(10 + ordinal).padStart(2, '0')}`;
  const row = { ...model, measured_on: measuredOn, notes: '', external_id: measurementId(model.outcome, measuredOn) };
  switch (kind) {
    case 'unknown-outcome':
      return { ...row, outcome: UNKNOWN_OUTCOME_ID, external_id: measurementId(UNKNOWN_OUTCOME_ID, measuredOn) };
    case 'future-date': {
      const future = addDays(today, 40);
      return { ...row, measured_on: future, external_id: measurementId(model.outcome, future) };
    }
    case 'non-numeric-value':
      return { ...row, value: 'n/a' };
    case 'malformed-date': {
      const [year, month, day] = measuredOn.split('-');
      const written = `${day}/${month}/${year}`;
      return { ...row, measured_on: written, external_id: measurementId(model.outcome, written) };
    }
    case 'unknown-source':
      return { ...row, source: 'Spreadsheet' };
    case 'missing-value':
      return { ...row, value: '' };
  }
}

// ---- CSV -----------------------------------------------------------------------------------------

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(row: MeasurementRow): string {
  return MEASUREMENT_COLUMNS.map((column) => csvField(row[column])).join(',');
}

export function measurementsCsv(rows: readonly MeasurementRow[]): string {
  return [MEASUREMENT_COLUMNS.join(','), ...rows.map(csvLine)].join('\n') + '\n';
}

/**
 * Writes `count` valid measurement rows for the benchmark: daily values per outcome, going back
 * from `today`, round-robin over the outcomes, streamed in chunks so millions of rows fit in memory.
 */
export function writeBulkMeasurements(
  file: string,
  profiles: readonly OutcomeProfile[],
  options: { count: number; today: string; seed: number },
): { rows: number } {
  if (profiles.length === 0) throw new Error('The sample data has no outcome requirements to measure: generate more opportunities');
  if (!Number.isInteger(options.count) || options.count < 0) throw new Error(`--measurements must be a whole number, got ${options.count}`);
  const rng = createRandom(deriveSeed(options.seed, 'bulk-measurements'));
  const days = Math.ceil(options.count / profiles.length);
  const dates = Array.from({ length: days }, (_, offset) => addDays(options.today, -offset));
  const descriptor = openSync(file, 'w');
  try {
    let chunk = [MEASUREMENT_COLUMNS.join(',')];
    for (let index = 0; index < options.count; index++) {
      const profile = profiles[index % profiles.length];
      const offset = Math.floor(index / profiles.length);
      // The oldest day sits at the baseline, today close to the target.
      const progress = 0.9 * (1 - offset / Math.max(1, days - 1));
      const measuredOn = dates[offset];
      chunk.push(
        csvLine({
          outcome: profile.externalId,
          measured_on: measuredOn,
          value: formatValue(valueAt(rng, profile, progress), profile.template),
          source: profile.template.source,
          notes: '',
          external_id: measurementId(profile.externalId, measuredOn),
        }),
      );
      if (chunk.length >= 10_000) {
        writeSync(descriptor, chunk.join('\n') + '\n');
        chunk = [];
      }
    }
    if (chunk.length > 0) writeSync(descriptor, chunk.join('\n') + '\n');
  } finally {
    closeSync(descriptor);
  }
  return { rows: options.count };
}
