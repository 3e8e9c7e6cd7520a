/**
 * Loads an `sf data tree` folder into the engine: plan entries in order, `@Ref` values replaced by the Ids
 * of records saved earlier, 200 records per create as `sf data import tree` sends them. A reference to a
 * record later in the same entry (a self lookup such as Parent_Capability__c) is filled in by an update
 * once the entry is in, so the order of records inside a file does not matter.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrgEngine, SaveResult, SfRecord } from '../engine/types.js';
import { planFilesIn, STANDARD_PRICE_BOOK_REF, TREE_FILE_LIMIT, type TreePlanEntry, type TreeRecord } from './plan.js';

export type TreeLoadResult = {
  plan: string;
  records: Record<string, number>;
  /** Plan entries left out because the org lacks their object (a feature switched off), with their record counts. */
  skipped: Record<string, number>;
};

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${(error as Error).message}. Fix or regenerate the data folder.`);
  }
}

const describeErrors = (errors: Array<{ statusCode: string; message: string; fields: string[] }>): string =>
  errors.map((e) => `${e.statusCode}: ${e.message}${e.fields?.length ? ` [${e.fields.join(', ')}]` : ''}`).join('; ');

/** The record that made an all-or-none call fail (not one of those rolled back because of it). */
function firstFailure(results: SaveResult[]): number {
  const cause = results.findIndex((r) => !r.success && r.errors[0]?.statusCode !== 'ALL_OR_NONE_OPERATION_ROLLED_BACK');
  return cause >= 0 ? cause : results.findIndex((r) => !r.success);
}

function standardPriceBookId(engine: OrgEngine): string {
  const [book] = engine.query('SELECT Id FROM Pricebook2 WHERE IsStandard = true LIMIT 1').records;
  if (!book) throw new Error('This org has no Standard Price Book to resolve @StandardPriceBook to.');
  return String(book.Id);
}

/**
 * Salesforce requires User.ProfileId, and a data set cannot know an org's profile Ids (the shipped sample
 * leaves it out). Loading a data folder into the local org is the org's own start-up, not a client's
 * import, so it gives such users the Standard User profile; `sf data import tree` gets no such help.
 */
function standardUserProfileId(engine: OrgEngine): string | undefined {
  const [profile] = engine.query("SELECT Id FROM Profile WHERE Name = 'Standard User' LIMIT 1").records;
  return profile ? String(profile.Id) : undefined;
}

/**
 * `skipObjects`: objects of a feature the org has switched off (AccountTeamMember without Account Teams): their
 * entries are left out and counted, the way an admin loads a data set into an org without that feature.
 */
export function loadTree(engine: OrgEngine, dir: string, planFile?: string, skipObjects: ReadonlySet<string> = new Set()): TreeLoadResult {
  const plans = planFile ? [planFile] : planFilesIn(dir);
  if (plans.length !== 1) {
    throw new Error(
      plans.length === 0
        ? `No *-plan.json in ${dir}: a data folder needs an sf data tree plan (generate one with the sample generator or save the org).`
        : `${dir} holds several plans (${plans.join(', ')}); name the one to load.`,
    );
  }
  const plan = readJson<TreePlanEntry[]>(join(dir, plans[0]));
  if (!Array.isArray(plan)) throw new Error(`${plans[0]} must be a JSON array of { sobject, saveRefs, resolveRefs, files }.`);
  const savedRefs = new Map<string, string>();
  const counts: Record<string, number> = {};
  const skipped: Record<string, number> = {};

  for (const entry of plan) {
    const records = entry.files.flatMap((file) => {
      const content = readJson<{ records?: TreeRecord[] }>(join(dir, file));
      if (!Array.isArray(content.records)) throw new Error(`${file} must hold { "records": [...] }.`);
      return content.records.map((record) => ({ record, file }));
    });
    if (skipObjects.has(entry.sobject)) {
      skipped[entry.sobject] = (skipped[entry.sobject] ?? 0) + records.length;
      continue;
    }
    const entryRefs = new Set(records.map(({ record }) => record.attributes?.referenceId).filter(Boolean));
    const localRefs = new Map<string, string>();
    const deferred: Array<{ referenceId: string; field: string; ref: string; file: string }> = [];
    let batch: Array<{ row: SfRecord; referenceId: string; file: string }> = [];
    let pendingRefs = new Set<string>();

    const flush = (): void => {
      if (!batch.length) return;
      const results = engine.create(entry.sobject, batch.map((b) => b.row), { allOrNone: true });
      const failed = firstFailure(results);
      if (failed >= 0) {
        const { file, referenceId } = batch[failed];
        throw new Error(`${file}: ${entry.sobject} record ${referenceId} was rejected: ${describeErrors(results[failed].errors)}`);
      }
      results.forEach((result, i) => {
        if (batch[i].referenceId && result.id) localRefs.set(batch[i].referenceId, result.id);
      });
      batch = [];
      pendingRefs = new Set();
    };

    for (const { record, file } of records) {
      const { attributes, ...fields } = record;
      const row: SfRecord = {};
      for (const [field, value] of Object.entries(fields)) {
        if (!(entry.resolveRefs && typeof value === 'string' && value.startsWith('@'))) {
          row[field] = value;
          continue;
        }
        if (value === STANDARD_PRICE_BOOK_REF) {
          row[field] = standardPriceBookId(engine);
          continue;
        }
        const ref = value.slice(1);
        // A reference to a record earlier in this entry (a self lookup) needs that record saved first.
        if (pendingRefs.has(ref)) flush();
        const id = savedRefs.get(ref) ?? localRefs.get(ref);
        if (id) row[field] = id;
        else if (entryRefs.has(ref)) deferred.push({ referenceId: attributes.referenceId, field, ref, file });
        else {
          throw new Error(
            `${file}: record ${attributes?.referenceId} sets ${field} to @${ref}, which no earlier plan entry with saveRefs defines. Put the object that defines ${ref} first in the plan and give it "saveRefs": true.`,
          );
        }
      }
      if (entry.sobject === 'User' && !Object.keys(row).some((f) => f.toLowerCase() === 'profileid')) row.ProfileId = standardUserProfileId(engine);
      batch.push({ row, referenceId: attributes?.referenceId, file });
      if (attributes?.referenceId) pendingRefs.add(attributes.referenceId);
      if (batch.length === TREE_FILE_LIMIT) flush();
    }
    flush();
    // References to records later in the entry are set once everything is in.
    if (deferred.length) {
      const updates = deferred.map((d) => ({ Id: localRefs.get(d.referenceId), [d.field]: localRefs.get(d.ref) }) as SfRecord);
      for (let start = 0; start < updates.length; start += TREE_FILE_LIMIT) {
        const results = engine.update(entry.sobject, updates.slice(start, start + TREE_FILE_LIMIT), { allOrNone: true });
        const failed = firstFailure(results);
        if (failed >= 0) {
          const d = deferred[start + failed];
          throw new Error(`${d.file}: setting ${d.field} of ${d.referenceId} to @${d.ref} failed: ${describeErrors(results[failed].errors)}`);
        }
      }
    }
    if (entry.saveRefs) for (const [ref, id] of localRefs) savedRefs.set(ref, id);
    counts[entry.sobject] = (counts[entry.sobject] ?? 0) + records.length;
  }
  return { plan: plans[0], records: counts, skipped };
}
