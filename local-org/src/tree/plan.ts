/** The `sf data tree` plan format (`sf data import tree --plan`): objects in load order and their record files. */
import { readdirSync } from 'node:fs';

export type TreePlanEntry = { sobject: string; saveRefs: boolean; resolveRefs: boolean; files: string[] };
export type TreeRecord = Record<string, unknown> & { attributes: { type: string; referenceId: string } };

/** `sf data import tree` takes at most 200 records from one file. */
export const TREE_FILE_LIMIT = 200;
export const DEFAULT_PLAN_FILE = 'outcomes-plan.json';

/** The plan files of a folder, sorted. */
export function planFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('-plan.json'))
      .sort();
  } catch {
    return [];
  }
}

/**
 * The Standard Price Book exists in every org and cannot be imported, so tree files name it by this reference;
 * before `sf data import tree` into a real org, replace it by that org's standard price book Id.
 */
export const STANDARD_PRICE_BOOK_REF = '@StandardPriceBook';
