/** Shared by the sample-data tests: a small data set, its records flattened, and the validation rules restated. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSampleData, type SampleData, type TreeRecord } from '../../src/sample/generate.js';

export const TODAY = '2026-11-23';

const cache = new Map<string, SampleData>();

/** Generation is pure, so tests share one data set per seed and size. */
export function sample(seed = 42, opportunities = 60, today = TODAY): SampleData {
  const key = `${seed}/${opportunities}/${today}`;
  if (!cache.has(key)) cache.set(key, generateSampleData({ seed, opportunities, today }));
  return cache.get(key) as SampleData;
}

export function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'sample-data-'));
}

export const refOf = (record: TreeRecord): string => `@${record.attributes.referenceId}`;

export function byRef(records: readonly TreeRecord[]): Map<string, TreeRecord> {
  return new Map(records.map((record) => [refOf(record), record]));
}

/**
 * The package's validation rules on Outcome_Requirement__c, restated from docs/design.md and the brief:
 * relative needs a non-zero baseline and Increase/Decrease, a percentage > 0 (and < 100 for Decrease);
 * absolute Increase target > baseline, Decrease target < baseline; a Date deadline needs a date;
 * a months offset is ≥ 0 (and is what a Months After Go-Live deadline needs).
 */
export function outcomeRuleViolations(outcome: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const baseline = outcome.Baseline_Value__c as number | undefined;
  const target = outcome.Target_Value__c as number | undefined;
  const direction = outcome.Direction__c;
  if (!outcome.Description__c) problems.push('Description__c is required');
  if (typeof target !== 'number') problems.push('Target_Value__c is missing');
  if (outcome.Quantity_Type__c === 'Relative_Percent') {
    if (!baseline) problems.push('relative quantity needs a non-zero baseline');
    if (direction !== 'Increase' && direction !== 'Decrease') problems.push('relative quantity needs Increase or Decrease');
    if (typeof target === 'number' && target <= 0) problems.push('relative percentage must be > 0');
    if (direction === 'Decrease' && typeof target === 'number' && target >= 100) problems.push('relative decrease must be < 100%');
  } else if (typeof baseline === 'number' && typeof target === 'number') {
    if (direction === 'Increase' && !(target > baseline)) problems.push('absolute Increase needs target > baseline');
    if (direction === 'Decrease' && !(target < baseline)) problems.push('absolute Decrease needs target < baseline');
  }
  if (outcome.Deadline_Type__c === 'Date' && !outcome.Deadline_Date__c) problems.push('Date deadline needs Deadline_Date__c');
  if (outcome.Deadline_Type__c === 'Months_After_Go_Live' && typeof outcome.Deadline_Offset_Months__c !== 'number') {
    problems.push('Months After Go-Live needs Deadline_Offset_Months__c');
  }
  if (typeof outcome.Deadline_Offset_Months__c === 'number' && outcome.Deadline_Offset_Months__c < 0) problems.push('offset must be ≥ 0');
  return problems;
}
