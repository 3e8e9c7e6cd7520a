/**
 * The fetch step of a handover sync, and the page-by-page loop of its plan step: the won opportunities with their line items, then what the org already holds
 * for them (initiatives with components, outcomes and review tasks; the account teams' CSMs; fees made from lines).
 * The opportunities are read first (which initiatives, teams and fees to read depends on them) and kept on disk
 * (src/org/spool.ts) while the rest is read, unless they are few (named, or changes read by Id): only their ids,
 * accounts and fee lines stay in memory.
 */
import {
  accountsNeedingCsm,
  idKey,
  type ExistingInitiative,
  type ExistingTask,
  type HandoverPlan,
  handoverPlanner,
  type HandoverPlanInput,
  type SourceOpportunity,
} from '../core/plan/handover.js';
import { hasFeeTerms, type ExistingLineFee } from '../core/plan/handoverFees.js';
import type { ApiUsage } from './apiUsage.js';
import type { OrgConnection } from './connection.js';
import { closeWrites, writesOf, type PlannedWrites } from './handoverApply.js';
import { collectEvery } from './memory.js';
import { inMemory, Spool, type ItemSource } from './spool.js';
import { fetchFeesOfLines } from './queries/fees.js';
import { fetchAccountCsms, fetchExistingHandovers, forEachOpportunityPage, type AccountCsms, type OpportunitySelection } from './queries/handover.js';

export type HandoverBook = {
  /** True when the opportunities wait on disk: a whole book, or every opportunity closed since a date. */
  spooled: boolean;
  /** Opportunities read: the won ones, or those named (won or not, so the plan can say why one is skipped). */
  count: number;
  /** Named opportunities the org did not return. */
  missingOpportunityIds: string[];
  opportunities: ItemSource<SourceOpportunity>;
  initiatives: ExistingInitiative[];
  tasks: ExistingTask[];
  /** The account teams' CSMs, when an account needed one (null: no team query was made). */
  team: AccountCsms | null;
  existingFees: ExistingLineFee[];
};

/**
 * Reads what a handover plans from. `changesOnly`: the named Ids are opportunities that changed, some perhaps no
 * longer won, which are left out rather than reported. The caller closes `opportunities` when done with them.
 */
export async function readHandoverBook(
  conn: OrgConnection,
  selection: OpportunitySelection,
  options: { changesOnly: boolean },
  usage: ApiUsage,
): Promise<HandoverBook> {
  const kept: SourceOpportunity[] = [];
  const spool = selection.opportunityIds ? null : await Spool.open<SourceOpportunity>('handover');
  try {
    const seen: Array<Pick<SourceOpportunity, 'id' | 'accountId' | 'isWon'>> = [];
    const feeLineIds: string[] = [];
    const collect = collectEvery(COLLECT_EVERY);
    await forEachOpportunityPage(conn, selection, usage, async (page) => {
      const wanted = options.changesOnly ? page.filter((o) => o.isWon) : page;
      for (const o of wanted) {
        seen.push({ id: o.id, accountId: o.accountId, isWon: o.isWon });
        for (const line of o.lines) if (hasFeeTerms(line.fee)) feeLineIds.push(line.id);
      }
      if (spool) {
        await spool.add(wanted);
        collect(wanted.length);
      } else for (const o of wanted) kept.push(o);
    });
    const fetchedKeys = new Set(seen.map((o) => idKey(o.id)));
    const missingOpportunityIds = (selection.opportunityIds ?? []).filter((id) => !options.changesOnly && !fetchedKeys.has(idKey(id)));
    const wonIds = seen.filter((o) => o.isWon).map((o) => o.id);
    const { initiatives, tasks } = await fetchExistingHandovers(conn, selection, wonIds, usage);
    const csmAccounts = accountsNeedingCsm(seen, initiatives);
    const team = csmAccounts.length > 0 ? await fetchAccountCsms(conn, csmAccounts, usage, selection) : null;
    const existingFees = feeLineIds.length > 0 ? await fetchFeesOfLines(conn, feeLineIds, usage) : [];
    return { spooled: spool !== null, count: seen.length, missingOpportunityIds, opportunities: spool ?? inMemory(kept), initiatives, tasks, team, existingFees };
  } catch (error) {
    await spool?.close();
    throw error;
  }
}

/** What the planner needs beyond the book: the CSMs and the day. */
export type HandoverSettings = Pick<HandoverPlanInput, 'accountCsms' | 'accountTeams' | 'defaultCsmId' | 'today'>;

/**
 * Plans the book a page of opportunities at a time. When the opportunities waited on disk, so do the planned
 * writes (initiatives, components, tasks, statuses: each grows with the book) until the apply writes them a part at
 * a time. Planning consumes the book: what it read is released once planned, so it is not held while the apply
 * writes. The caller closes the writes once done.
 */
export async function planHandoverBook(book: HandoverBook, settings: HandoverSettings): Promise<{ plan: HandoverPlan; writes: PlannedWrites }> {
  const { missingOpportunityIds, initiatives, tasks, existingFees } = book;
  const planner = handoverPlanner({ missingOpportunityIds, initiatives, tasks, existingFees, ...settings });
  Object.assign(book, { initiatives: [], tasks: [], existingFees: [] });
  const spooled = book.spooled ? await openSpools() : null;
  const collect = collectEvery(COLLECT_EVERY);
  try {
    for await (const page of book.opportunities.pages(PLANNED_AT_A_TIME)) {
      planner.add(page);
      if (spooled) {
        const taken = planner.take();
        await spooled.initiatives.add(taken.initiatives);
        await spooled.components.add(taken.components);
        await spooled.tasks.add(taken.tasks);
        await spooled.opportunities.add(taken.opportunities);
        collect(page.length);
      }
    }
  } catch (error) {
    if (spooled) await closeWrites(spooled);
    throw error;
  } finally {
    await book.opportunities.close();
  }
  const plan = planner.plan();
  return { plan, writes: spooled ?? writesOf(plan) };
}

/** Opportunities read or planned at scale between two full garbage collections (src/org/memory.ts). */
const COLLECT_EVERY = 20_000;

/**
 * Opportunities planned at a time: few enough that what planning them makes dies young, in the collector's
 * cheapest generation, rather than piling up until a full collection (pages of 2,000 raised the peak by a tenth).
 */
const PLANNED_AT_A_TIME = 250;

type SpooledWrites = { atScale: true } & { [K in Exclude<keyof PlannedWrites, 'atScale'>]: Spool<PlannedWrites[K] extends ItemSource<infer T> ? T : never> };

async function openSpools(): Promise<SpooledWrites> {
  const opened: Array<Spool<never>> = [];
  try {
    // eslint-disable-next-line no-await-in-loop -- four folders, one after another, so a failure closes the others
    for (let i = 0; i < 4; i++) opened.push(await Spool.open<never>('handover'));
  } catch (error) {
    await Promise.all(opened.map((spool) => spool.close()));
    throw error;
  }
  const [initiatives, components, tasks, opportunities] = opened;
  return { atScale: true, initiatives, components, tasks, opportunities };
}
