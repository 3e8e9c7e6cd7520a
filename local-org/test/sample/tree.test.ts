import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { generateSampleData, PLAN_FILE, TREE_FILE_LIMIT, TREE_ORDER, writeSampleTree, type TreePlanEntry, type TreeRecord } from '../../src/sample/generate.js';
import { sample, tempFolder, TODAY } from './helpers.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function written(opportunities: number): { folder: string; plan: TreePlanEntry[] } {
  const folder = tempFolder();
  folders.push(folder);
  writeSampleTree(folder, sample(42, opportunities));
  return { folder, plan: JSON.parse(readFileSync(join(folder, PLAN_FILE), 'utf8')) as TreePlanEntry[] };
}

const readRecords = (folder: string, file: string): TreeRecord[] =>
  (JSON.parse(readFileSync(join(folder, file), 'utf8')) as { records: TreeRecord[] }).records;

describe('writeSampleTree', () => {
  const large = written(1_200);

  it('writes a plan in load order that lists every record file it wrote', () => {
    expect(large.plan.map((entry) => entry.sobject)).toEqual([...TREE_ORDER]);
    const listed = large.plan.flatMap((entry) => entry.files).sort();
    const onDisk = readdirSync(large.folder).filter((file) => file.endsWith('.json') && file !== PLAN_FILE).sort();
    expect(listed).toEqual(onDisk);
  });

  it('resolves every @reference to a record saved by an earlier plan entry', () => {
    const saved = new Set<string>();
    let references = 0;
    for (const entry of large.plan) {
      const records = entry.files.flatMap((file) => readRecords(large.folder, file));
      for (const record of records) {
        expect(record.attributes.type).toBe(entry.sobject);
        for (const [field, value] of Object.entries(record)) {
          if (field === 'attributes' || typeof value !== 'string' || !value.startsWith('@')) continue;
          if (value === '@StandardPriceBook') continue; // every org has it; the loader resolves it
          references++;
          expect(entry.resolveRefs).toBe(true);
          if (!saved.has(value.slice(1))) throw new Error(`${record.attributes.referenceId}.${field} points to ${value}, not saved before ${entry.sobject}`);
        }
      }
      if (entry.saveRefs) for (const record of records) saved.add(record.attributes.referenceId);
    }
    expect(references).toBeGreaterThan(60_000 / 10);
  });

  it('keeps reference ids unique across the whole set', () => {
    const ids = large.plan.flatMap((entry) => entry.files.flatMap((file) => readRecords(large.folder, file).map((record) => record.attributes.referenceId)));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts at most 200 records in a file, splitting big objects into numbered files', () => {
    for (const entry of large.plan) {
      const sizes = entry.files.map((file) => readRecords(large.folder, file).length);
      for (const size of sizes) expect(size).toBeLessThanOrEqual(TREE_FILE_LIMIT);
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(sample(42, 1_200).records[entry.sobject as (typeof TREE_ORDER)[number]].length);
      if (entry.files.length > 1) {
        expect(entry.files).toEqual(entry.files.map((_, index) => `${entry.sobject}-${index + 1}.json`));
        expect(sizes.slice(0, -1).every((size) => size === TREE_FILE_LIMIT)).toBe(true);
      }
    }
    expect(large.plan.find((entry) => entry.sobject === 'OpportunityLineItem')?.files.length).toBeGreaterThan(20);
    expect(large.plan.find((entry) => entry.sobject === 'Pricebook2')?.files).toEqual(['Pricebook2.json']);
  });

  it('removes the files of a previous, larger run from the same folder', () => {
    const folder = tempFolder();
    folders.push(folder);
    writeSampleTree(folder, sample(42, 1_200));
    expect(existsSync(join(folder, 'Opportunity-6.json'))).toBe(true);
    writeSampleTree(folder, generateSampleData({ seed: 42, opportunities: 20, today: TODAY }));
    expect(existsSync(join(folder, 'Opportunity-6.json'))).toBe(false);
    expect(existsSync(join(folder, 'Opportunity.json'))).toBe(true);
  });
});
