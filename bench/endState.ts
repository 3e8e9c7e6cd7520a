/**
 * The end state of a benchmark org, in a form two orgs can be compared in: the records the syncs write, each under a
 * key from its source (not its Id, which two orgs need not share), with system fields and auto-numbers left out and
 * references to written records replaced by those records' keys. The naive baseline must leave the same end state
 * as the commands; this is how the benchmark checks it.
 */
import { Initiative, Measurement, OutcomeRequirement, SolutionComponent, fieldsOf } from '../src/core/model.js';

const I = fieldsOf(Initiative);
const S = fieldsOf(SolutionComponent);
const O = fieldsOf(OutcomeRequirement);
const M = fieldsOf(Measurement);

/** Reads the records of one object straight from the org's engine (no API call, nothing counted). */
export type RecordSource = (sobject: string) => ReadonlyArray<Record<string, unknown> & { Id: string }>;

/** Set by the org on every write: differs between any two runs. */
const SYSTEM_FIELDS = new Set(['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'LastActivityDate']);
/** Auto-numbers follow creation order, which batching may change without changing anything that matters. */
const AUTO_NUMBER_FIELDS: Record<string, readonly string[]> = {
  [OutcomeRequirement.apiName]: [O.Name],
  [Measurement.apiName]: [M.Name],
};

type Keyed = { object: string; key: (record: Record<string, unknown>, keyOf: (id: unknown) => string) => string };

/** The objects the four syncs write, each with the key that names a record across orgs. */
const COMPARED: readonly Keyed[] = [
  { object: 'Opportunity', key: (r) => `Opportunity ${String(r.Id)}` },
  { object: Initiative.apiName, key: (r) => `Initiative of ${String(r[I.Source_Opportunity_Id__c] ?? r[I.Opportunity__c] ?? r[I.Name])}` },
  { object: SolutionComponent.apiName, key: (r) => `Component of line ${String(r[S.Source_Line_Item_Id__c] ?? r[S.Name])}` },
  { object: 'Task', key: (r, keyOf) => `Task on ${keyOf(r.WhatId)}: ${String(r.Subject)}` },
  { object: OutcomeRequirement.apiName, key: (r) => `Outcome ${String(r[O.External_Id__c] ?? r.Id)}` },
  { object: Measurement.apiName, key: (r) => `Measurement ${String(r[M.External_Id__c])}` },
];

/** Records sharing a key with another of their object (two initiatives of one opportunity, two review tasks): object → count of extras. */
export function duplicateRecords(records: RecordSource): Record<string, number> {
  const keyById = new Map<string, string>();
  const keyOf = (id: unknown): string => (typeof id === 'string' ? (keyById.get(id) ?? id) : String(id));
  for (const { object, key } of COMPARED) {
    if (object !== 'Task') for (const row of records(object)) keyById.set(row.Id, key(row, keyOf));
  }
  const extras: Record<string, number> = {};
  for (const { object, key } of COMPARED) {
    const seen = new Set<string>();
    for (const row of records(object)) {
      const k = key(row, keyOf);
      if (seen.has(k)) extras[object] = (extras[object] ?? 0) + 1;
      seen.add(k);
    }
  }
  return extras;
}

/** object → record key → canonical JSON of the record. */
export type EndState = Map<string, Map<string, string>>;

/**
 * `runningUserId`: the org's own admin user, whose Id differs between any two local orgs; the records it owns or
 * created compare as owned by "the running user".
 */
export function captureEndState(records: RecordSource, options: { runningUserId?: string } = {}): EndState {
  // Records loaded from the data folder have the same Ids in both orgs; written ones are known by their source keys.
  const keyById = new Map<string, string>(options.runningUserId ? [[options.runningUserId, 'the running user']] : []);
  const keyOf = (id: unknown): string => (typeof id === 'string' ? (keyById.get(id) ?? id) : String(id));
  const byObject = COMPARED.map(({ object, key }) => ({ object, key, rows: records(object) }));
  // Initiatives first: tasks are keyed by the initiative they hang on.
  for (const { object, key, rows } of byObject) {
    if (object === 'Task') continue;
    for (const row of rows) keyById.set(row.Id, key(row, keyOf));
  }
  const state: EndState = new Map();
  for (const { object, key, rows } of byObject) {
    const skipped = new Set([...SYSTEM_FIELDS, ...(AUTO_NUMBER_FIELDS[object] ?? [])]);
    const canonical = new Map<string, string>();
    for (const row of rows) {
      const fields = Object.keys(row)
        .filter((field) => !skipped.has(field))
        .sort()
        .map((field) => [field, keyById.has(row[field] as string) ? keyOf(row[field]) : row[field]]);
      canonical.set(key(row, keyOf), JSON.stringify(fields));
    }
    state.set(object, canonical);
  }
  return state;
}

export type EndStateDifference = { object: string; onlyInFirst: number; onlyInSecond: number; different: number; examples: string[] };

/** Where two end states differ, per object; empty when they are the same. */
export function compareEndStates(first: EndState, second: EndState, examplesPerObject = 3): EndStateDifference[] {
  const differences: EndStateDifference[] = [];
  for (const [object, a] of first) {
    const b = second.get(object) ?? new Map<string, string>();
    const examples: string[] = [];
    let onlyInFirst = 0;
    let different = 0;
    for (const [key, value] of a) {
      const other = b.get(key);
      if (other === undefined) {
        onlyInFirst++;
        if (examples.length < examplesPerObject) examples.push(`only in the commands' org: ${key}`);
      } else if (other !== value) {
        different++;
        if (examples.length < examplesPerObject) examples.push(`${key}: ${describeDifference(value, other)}`);
      }
    }
    let onlyInSecond = 0;
    for (const key of b.keys()) {
      if (a.has(key)) continue;
      onlyInSecond++;
      if (examples.length < examplesPerObject) examples.push(`only in the naive org: ${key}`);
    }
    if (onlyInFirst + onlyInSecond + different > 0) differences.push({ object, onlyInFirst, onlyInSecond, different, examples });
  }
  return differences;
}

function describeDifference(first: string, second: string): string {
  const a = new Map(JSON.parse(first) as Array<[string, unknown]>);
  const b = new Map(JSON.parse(second) as Array<[string, unknown]>);
  const fields = [...new Set([...a.keys(), ...b.keys()])].filter((f) => JSON.stringify(a.get(f)) !== JSON.stringify(b.get(f)));
  return fields
    .slice(0, 4)
    .map((f) => `${f} ${JSON.stringify(a.get(f) ?? null)} (commands) vs ${JSON.stringify(b.get(f) ?? null)} (naive)`)
    .join('; ');
}

/** Records per object, for the report. */
export function endStateCounts(state: EndState): Record<string, number> {
  return Object.fromEntries([...state].map(([object, records]) => [object, records.size]));
}
