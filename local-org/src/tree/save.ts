/**
 * Saves the org's records as an `sf data tree` folder that `sf data import tree --plan` loads into a real org:
 * one plan entry per object with records, parents before children, lookup Ids replaced with `@Ref`s, and
 * only fields a user can write (no Id, system, formula, roll-up or auto-number fields). A lookup to a record
 * that is not saved (the running user, the standard price book) is left out: its Id would mean nothing in another org.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DescribeSObjectResult, OrgEngine, SfRecord } from '../engine/types.js';
import { DEFAULT_PLAN_FILE, planFilesIn, STANDARD_PRICE_BOOK_REF, TREE_FILE_LIMIT, type TreePlanEntry, type TreeRecord } from './plan.js';

type DescribeField = DescribeSObjectResult['fields'][number];

/** Objects that belong to the org, not to its data. */
const NOT_DATA = new Set(['Organization', 'Group', 'Profile', 'RecordType']);

/**
 * Records every org has before data is loaded: the running user and the standard price book. Saving them would
 * duplicate them on load (and a real org has its own).
 */
function orgOwnIds(engine: OrgEngine): Set<string> {
  const ids = new Set([engine.userId]);
  const standardBook = standardPriceBookIdOf(engine);
  if (standardBook) ids.add(standardBook);
  return ids;
}

function standardPriceBookIdOf(engine: OrgEngine): string | null {
  try {
    const [book] = engine.query('SELECT Id FROM Pricebook2 WHERE IsStandard = true').records;
    return book ? String(book.Id) : null;
  } catch {
    return null; // an org without price books has no standard one
  }
}

export type TreeSaveResult = { dir: string; plan: string; files: string[]; records: Record<string, number> };

/** Fields Salesforce derives from others on insert and refuses alongside them (a line takes UnitPrice or TotalPrice). */
const DERIVED_ON_INSERT: Record<string, string[]> = { OpportunityLineItem: ['TotalPrice'] };

function writableFields(describe: DescribeSObjectResult): DescribeField[] {
  const derived = DERIVED_ON_INSERT[describe.name] ?? [];
  return describe.fields.filter(
    (f) =>
      f.name !== 'Id' &&
      !derived.includes(f.name) &&
      f.name !== 'OwnerId' &&
      f.createable !== false &&
      f.calculated !== true &&
      f.autoNumber !== true &&
      f.type !== 'address' &&
      f.type !== 'location',
  );
}

const referencesOf = (field: DescribeField): string[] => (field.type === 'reference' && Array.isArray(field.referenceTo) ? (field.referenceTo as string[]) : []);

/** Parents first; a self lookup does not count (its records are ordered within the object instead). */
function loadOrder(objects: Map<string, DescribeField[]>): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string): void => {
    if (order.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const field of objects.get(name) ?? []) for (const parent of referencesOf(field)) if (parent !== name && objects.has(parent)) visit(parent);
    visiting.delete(name);
    order.push(name);
  };
  [...objects.keys()].sort().forEach(visit);
  return order;
}

/** Records of a self-referencing object, each after the record it points to. */
function parentsFirst(records: SfRecord[], selfFields: string[]): SfRecord[] {
  if (!selfFields.length) return records;
  const byId = new Map(records.map((r) => [String(r.Id), r]));
  const done = new Set<string>();
  const ordered: SfRecord[] = [];
  const place = (record: SfRecord, depth: number): void => {
    const id = String(record.Id);
    if (done.has(id) || depth > records.length) return;
    for (const field of selfFields) {
      const parent = byId.get(String(record[field]));
      if (parent && parent !== record) place(parent, depth + 1);
    }
    done.add(id);
    ordered.push(record);
  };
  records.forEach((r) => place(r, 0));
  return ordered;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export function saveTree(engine: OrgEngine, dir: string): TreeSaveResult {
  const candidates = engine
    .describeGlobal()
    .sobjects.filter((o) => o.queryable && o.createable && !NOT_DATA.has(o.name))
    .map((o) => o.name);
  const skip = orgOwnIds(engine);
  const fieldsByObject = new Map<string, DescribeField[]>();
  const recordsByObject = new Map<string, SfRecord[]>();
  for (const name of candidates) {
    const fields = writableFields(engine.describe(name));
    const records = engine.query(`SELECT ${['Id', ...fields.map((f) => f.name)].join(', ')} FROM ${name}`).records.filter((r) => !skip.has(String(r.Id)));
    if (records.length === 0) continue;
    fieldsByObject.set(name, fields);
    recordsByObject.set(name, records);
  }

  const order = loadOrder(fieldsByObject);
  const refOfId = new Map<string, string>();
  for (const name of order) {
    const selfFields = (fieldsByObject.get(name) ?? []).filter((f) => referencesOf(f).includes(name)).map((f) => f.name);
    const records = parentsFirst(recordsByObject.get(name) ?? [], selfFields);
    recordsByObject.set(name, records);
    records.forEach((r, i) => refOfId.set(String(r.Id), `${name}Ref${i + 1}`));
  }
  // Standard price entries point at the Standard Price Book by the reference the loader resolves in any org.
  const standardBook = standardPriceBookIdOf(engine);
  if (standardBook) refOfId.set(standardBook, STANDARD_PRICE_BOOK_REF.slice(1));

  mkdirSync(dir, { recursive: true });
  const existingPlans = planFilesIn(dir);
  const planName = existingPlans.length === 1 ? existingPlans[0] : DEFAULT_PLAN_FILE;
  // Files the previous plan listed go first, so a smaller org never leaves stale record files behind.
  if (existsSync(join(dir, planName))) {
    try {
      for (const entry of JSON.parse(readFileSync(join(dir, planName), 'utf8')) as TreePlanEntry[]) {
        for (const file of entry.files) rmSync(join(dir, file), { force: true });
      }
    } catch {
      // An unreadable old plan is simply replaced.
    }
  }

  const referenced = new Set<string>();
  const plan: TreePlanEntry[] = [];
  const files: string[] = [];
  const counts: Record<string, number> = {};
  const treeRecords = new Map<string, TreeRecord[]>();
  for (const name of order) {
    const fields = fieldsByObject.get(name) ?? [];
    treeRecords.set(
      name,
      (recordsByObject.get(name) ?? []).map((record) => {
        const tree: TreeRecord = { attributes: { type: name, referenceId: refOfId.get(String(record.Id)) as string } };
        for (const field of fields) {
          const value = record[field.name];
          if (value === null || value === undefined) continue;
          if (referencesOf(field).length) {
            const ref = refOfId.get(String(value));
            if (!ref) continue;
            tree[field.name] = `@${ref}`;
            referenced.add(ref.replace(/Ref\d+$/, ''));
          } else tree[field.name] = value;
        }
        return tree;
      }),
    );
  }
  for (const name of order) {
    const records = treeRecords.get(name) ?? [];
    const chunks: TreeRecord[][] = [];
    for (let start = 0; start < records.length; start += TREE_FILE_LIMIT) chunks.push(records.slice(start, start + TREE_FILE_LIMIT));
    const names = chunks.length === 1 ? [`${name}.json`] : chunks.map((_, i) => `${name}-${i + 1}.json`);
    chunks.forEach((chunk, i) => writeFileSync(join(dir, names[i]), json({ records: chunk })));
    plan.push({
      sobject: name,
      saveRefs: referenced.has(name),
      resolveRefs: records.some((r) => Object.values(r).some((v) => typeof v === 'string' && v.startsWith('@'))),
      files: names,
    });
    files.push(...names);
    counts[name] = records.length;
  }
  writeFileSync(join(dir, planName), json(plan));
  return { dir, plan: planName, files: [planName, ...files], records: counts };
}
