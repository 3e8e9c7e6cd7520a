/**
 * Writes sample records in `sf data tree` format: a plan file listing per-object files in load order,
 * each file at most 200 records (the most `sf data import tree` takes from one file).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measurementsCsv, MEASUREMENTS_FILE } from './measurements.js';
import { TREE_ORDER, type SampleData, type SampleObject, type TreeRecord } from './records.js';

export const PLAN_FILE = 'outcomes-plan.json';
export const TREE_FILE_LIMIT = 200;

export type TreePlanEntry = { sobject: string; saveRefs: boolean; resolveRefs: boolean; files: string[] };

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

function referencesIn(records: readonly TreeRecord[]): Set<string> {
  const refs = new Set<string>();
  for (const record of records) {
    for (const [field, value] of Object.entries(record)) {
      if (field !== 'attributes' && typeof value === 'string' && value.startsWith('@')) refs.add(value.slice(1));
    }
  }
  return refs;
}

/** The plan and the file contents, without touching the disk. */
export function treeFiles(data: SampleData): { plan: TreePlanEntry[]; files: Map<string, string> } {
  const files = new Map<string, string>();
  const plan: TreePlanEntry[] = [];
  const objects = TREE_ORDER.filter((sobject) => data.records[sobject].length > 0);
  // Whether a reference points backwards is the tests' business; here: is the record referenced at all.
  const referenced = referencesIn(objects.flatMap((sobject) => data.records[sobject]));
  objects.forEach((sobject: SampleObject) => {
    const records = data.records[sobject];
    const chunks: TreeRecord[][] = [];
    for (let start = 0; start < records.length; start += TREE_FILE_LIMIT) chunks.push(records.slice(start, start + TREE_FILE_LIMIT));
    const names = chunks.length === 1 ? [`${sobject}.json`] : chunks.map((_, index) => `${sobject}-${index + 1}.json`);
    chunks.forEach((chunk, index) => files.set(names[index], json({ records: chunk })));
    plan.push({
      sobject,
      saveRefs: records.some((record) => referenced.has(record.attributes.referenceId)),
      resolveRefs: referencesIn(records).size > 0,
      files: names,
    });
  });
  return { plan, files };
}

/**
 * Writes the plan, the record files and measurements.csv into `folder`. Files a previous run listed in
 * its plan are removed first, so a smaller data set never leaves stale `Account-7.json` behind.
 */
export function writeSampleTree(folder: string, data: SampleData): { plan: TreePlanEntry[]; files: string[] } {
  mkdirSync(folder, { recursive: true });
  const previousPlan = join(folder, PLAN_FILE);
  if (existsSync(previousPlan)) {
    const previous = JSON.parse(readFileSync(previousPlan, 'utf8')) as TreePlanEntry[];
    for (const entry of previous) for (const file of entry.files) rmSync(join(folder, file), { force: true });
  }
  const { plan, files } = treeFiles(data);
  for (const [name, content] of files) writeFileSync(join(folder, name), content);
  writeFileSync(previousPlan, json(plan));
  writeFileSync(join(folder, MEASUREMENTS_FILE), measurementsCsv(data.measurements));
  return { plan, files: [PLAN_FILE, ...files.keys(), MEASUREMENTS_FILE] };
}
