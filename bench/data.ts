/**
 * The benchmark's data: the seeded sample generator's book of business, sized by the number of won opportunities
 * (about half of all opportunities are won, so the generator is asked for enough and its answer reported as is),
 * written as an `sf data tree` folder the local org loads, plus a valid measurements CSV for the import.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { generateSampleData, writeBulkMeasurements, writeSampleTree, type SampleData } from '../local-org/src/sample/generate.js';
import { WON_STAGE } from '../local-org/src/sample/picklists.js';

/** Measurements imported at 10,000 won opportunities; smaller sizes import proportionally fewer. */
export const MEASUREMENTS_AT_10K = 100_000;
const REFERENCE_SIZE = 10_000;
/** How close to the asked number of won opportunities the generated data must come before it is used. */
const WON_TOLERANCE = 0.02;
const MAX_CORRECTIONS = 3;

export type BenchData = {
  /** Won opportunities asked for. */
  size: number;
  opportunities: number;
  won: number;
  lineItems: number;
  initiatives: number;
  outcomes: number;
  measurements: number;
  dataDir: string;
  measurementsFile: string;
  generateMs: number;
};

/** Measurements for a size: 100,000 at 10,000 won opportunities, scaled in proportion below and above. */
export function measurementsFor(size: number): number {
  return Math.max(1, Math.round((MEASUREMENTS_AT_10K * size) / REFERENCE_SIZE));
}

function wonCount(data: SampleData): number {
  return data.records.Opportunity.filter((o) => o.StageName === WON_STAGE).length;
}

/**
 * Generates data with about `size` won opportunities: first with twice as many opportunities, then (up to three
 * times) scaled by the won share that came out, while that misses by more than 2%. The won count is reported as is.
 */
export function prepareData(options: { size: number; seed: number; today: string; folder: string }): BenchData {
  const started = performance.now();
  let opportunities = options.size * 2;
  let data = generateSampleData({ seed: options.seed, opportunities, today: options.today });
  for (let attempt = 0; attempt < MAX_CORRECTIONS; attempt++) {
    const won = wonCount(data);
    if (won === 0 || Math.abs(won - options.size) <= options.size * WON_TOLERANCE) break;
    opportunities = Math.max(1, Math.round((opportunities * options.size) / won));
    data = generateSampleData({ seed: options.seed, opportunities, today: options.today });
  }
  const dataDir = path.join(options.folder, 'tree');
  const measurementsFile = path.join(options.folder, 'measurements-bulk.csv');
  mkdirSync(dataDir, { recursive: true });
  writeSampleTree(dataDir, data);
  const measurements = measurementsFor(options.size);
  writeBulkMeasurements(measurementsFile, data.outcomeProfiles, { count: measurements, today: options.today, seed: options.seed });
  return {
    size: options.size,
    opportunities,
    won: wonCount(data),
    lineItems: data.records.OpportunityLineItem.length,
    initiatives: data.records.Initiative__c.length,
    outcomes: data.records.Outcome_Requirement__c.length,
    measurements,
    dataDir,
    measurementsFile,
    generateMs: performance.now() - started,
  };
}
