/**
 * The apply step of a handover sync: writes a HandoverPlan to the org in dependency order and follows what the
 * org did with each planned item (done, failed, or blocked because its initiative failed), for the result.
 * A dry run goes through `plannedOnly`, which reports the same items without writing.
 */
import { Messages } from '@salesforce/core';
import type { HandoverGapCode } from '../core/handover.js';
import { FeeAtRisk, Initiative, OpportunityFields, SolutionComponent, fieldsOf } from '../core/model.js';
import type {
  ComponentChange,
  FieldValues,
  HandoverPlan,
  HandoverStatus,
  InitiativeChange,
  OpportunityStatusChange,
  PlanAction,
  TaskChange,
} from '../core/plan/handover.js';
import type { ApiUsage } from './apiUsage.js';
import { describeRecordErrors, type RecordResult, type WriteProgress } from './apply.js';
import { writeFromSource, type SourceWrite, type WriteResults } from './sourceWrite.js';
import type { OrgConnection, SfRecord } from './connection.js';
import { failWith } from './failWith.js';
import { removeDuplicateReviewTasks } from './reviewTasks.js';
import { collectEvery, collectGarbage } from './memory.js';
import { inMemory, type ItemSource } from './spool.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.handover.sync');

const I = fieldsOf(Initiative);
const S = fieldsOf(SolutionComponent);
const OPP = fieldsOf(OpportunityFields);
const FA = fieldsOf(FeeAtRisk);

/**
 * Items the result lists in `changes`. A first run over 10,000 opportunities plans some 80,000 items: listing them
 * all made a --json document of 55 MB, which took a gigabyte to print. The counts cover every item, `failures`
 * names every record not written, and `handovers` every opportunity; `changes` shows what was done and why.
 */
export const CHANGES_LISTED = 1000;

export type HandoverObject = 'Initiative__c' | 'Solution_Component__c' | 'Fee_At_Risk__c' | 'Task' | 'Opportunity';

/** What became of a planned item: planned (dry run), done, failed, or blocked because its initiative failed. */
export type ChangeResult = 'planned' | 'done' | 'failed' | 'blocked';

export type HandoverChange = {
  object: HandoverObject;
  action: PlanAction;
  /** The record written or left alone; null for a create that was not written. */
  recordId: string | null;
  name: string;
  opportunityId: string;
  /** Fields the write sets (empty for a skip). */
  fields: string[];
  reason: string;
  result: ChangeResult;
};

export type WriteCounts = { created: number; updated: number; skipped: number; failed: number };

export type HandoverGapReport = { code: HandoverGapCode; message: string; recordId?: string };

export type HandoverReport = {
  opportunityId: string;
  initiativeId: string | null;
  initiativeName: string;
  status: HandoverStatus;
  gaps: HandoverGapReport[];
  undatedLines: Array<{ lineItemId: string; name: string; reason: string }>;
};

export type HandoverFailure = { object: HandoverObject; opportunityId: string; recordId: string | null; name: string; error: string };

export type ApplyOutcome = { changes: ChangeLog; failures: HandoverFailure[]; initiativeIds: Map<string, string> };

/**
 * What a handover writes, object by object: from memory for a small run, from disk (src/org/spool.ts) for a whole
 * book, whose lists held at once took gigabytes at 100,000 deals.
 */
export type PlannedWrites = {
  /** True when the writes wait on disk: what a write leaves is then garbage worth collecting before the next (memory.ts). */
  atScale: boolean;
  initiatives: ItemSource<InitiativeChange>;
  components: ItemSource<ComponentChange>;
  tasks: ItemSource<TaskChange>;
  opportunities: ItemSource<OpportunityStatusChange>;
};

/** The plan's own lists as planned writes. */
export function writesOf(plan: HandoverPlan): PlannedWrites {
  return { atScale: false, initiatives: inMemory(plan.initiatives), components: inMemory(plan.components), tasks: inMemory(plan.tasks), opportunities: inMemory(plan.opportunities) };
}

export async function closeWrites(writes: PlannedWrites): Promise<void> {
  await Promise.all([writes.initiatives.close(), writes.components.close(), writes.tasks.close(), writes.opportunities.close()]);
}

/** Records streamed to a Bulk job between two full garbage collections at scale (memory.ts). */
const RECORDS_BETWEEN_COLLECTIONS = 100_000;

/** One write of an object's items: the action of the items it takes, and how (sourceWrite.ts). */
type ObjectWrite<T> = Omit<SourceWrite<T>, 'sobject' | 'bulkThreshold' | 'onSend' | 'onRecord'> & { action: PlanAction };

/**
 * Initiatives first (their Ids are the parents of everything else), then components, fees, review tasks and the
 * opportunities' statuses. An opportunity whose initiative or components failed gets no task and no status:
 * a rerun finishes it, and what was written is found again by its external ids. Each object and operation is one
 * write, read from its source as it is sent (one Bulk job above the threshold, whatever the size of the book).
 */
export async function applyHandover(
  conn: OrgConnection,
  plan: HandoverPlan,
  writes: PlannedWrites,
  context: { usage: ApiUsage; startedAt: Date; progress: WriteProgress; bulkThreshold?: number },
): Promise<ApplyOutcome> {
  const { usage, startedAt, progress, bulkThreshold } = context;
  const tracker = new ApplyTracker();
  // At scale, what one write read and sent is garbage before a Bulk job streams the next (memory.ts).
  const collect = collectEvery(RECORDS_BETWEEN_COLLECTIONS);
  const memoryHooks: Pick<SourceWrite<unknown>, 'onSend' | 'onRecord'> = writes.atScale
    ? { onSend: (_records, channel) => (channel === 'bulk' ? collectGarbage() : undefined), onRecord: () => collect(1) }
    : {};
  // Each write of the object, then each item hears what became of it: its result, or null (a skip, or blocked).
  const writeObject = async <T extends { action: PlanAction }>(
    sobject: HandoverObject,
    source: ItemSource<T>,
    operations: Array<ObjectWrite<T>>,
    settle: (item: T, result: RecordResult | null) => void,
  ): Promise<void> => {
    const written = new Map<PlanAction, WriteResults<T>>();
    for (const { action, ...operation } of operations) {
      // eslint-disable-next-line no-await-in-loop -- one write after the other, in dependency order
      const results = await failWith(messages, 'error.WriteFailed', [sobject])(
        writeFromSource(conn, source, { ...operation, sobject, bulkThreshold, ...memoryHooks }, usage, progress),
      );
      written.set(action, results);
    }
    for await (const page of source.pages()) for (const item of page) settle(item, written.get(item.action)?.of(item) ?? null);
  };

  // Initiatives: new ones upserted on the source id (a rerun finds them), known ones updated by Id.
  await writeObject(
    Initiative.apiName,
    writes.initiatives,
    [
      { action: 'create', operation: 'upsert', externalIdField: I.Source_Opportunity_Id__c, includes: (c) => c.action === 'create', record: (c) => ({ ...c.fields }) },
      { action: 'update', operation: 'update', includes: (c) => c.action === 'update', record: (c) => ({ Id: c.initiativeId, ...c.fields }) as SfRecord },
    ],
    (change, result) => tracker.initiative(change, result),
  );

  // Components: Initiative__c (the master) is set on create only; it is not updatable. Fees at risk name their
  // line's component: known, or created just now.
  const feeLines = new Set(plan.fees.map((f) => f.lineItemId));
  const componentOfLine = new Map<string, string>();
  const writable = (c: ComponentChange): boolean => c.action !== 'skip' && tracker.canWrite(c.opportunityId);
  await writeObject(
    SolutionComponent.apiName,
    writes.components,
    [
      {
        action: 'create',
        operation: 'upsert',
        externalIdField: S.Source_Line_Item_Id__c,
        createOnlyFields: [S.Initiative__c],
        parentField: S.Initiative__c,
        includes: (c) => c.action === 'create' && writable(c),
        record: (c) => ({ ...c.fields, [S.Initiative__c]: tracker.initiativeId(c.opportunityId) }),
      },
      { action: 'update', operation: 'update', includes: (c) => c.action === 'update' && writable(c), record: (c) => ({ Id: c.componentId, ...c.fields }) as SfRecord },
    ],
    (change, result) => {
      tracker.component(change, result);
      const id = change.componentId ?? (result?.success ? result.id : null);
      if (id && feeLines.has(change.lineItemId)) componentOfLine.set(change.lineItemId, id);
    },
  );

  // Fees at risk from the lines' terms: the outcome (the master) on create only; the line's component once written.
  await writeObject(
    FeeAtRisk.apiName,
    inMemory(plan.fees),
    [
      {
        action: 'create',
        operation: 'upsert',
        externalIdField: FA.Source_Line_Item_Id__c,
        createOnlyFields: [FA.Outcome_Requirement__c],
        parentField: FA.Outcome_Requirement__c,
        includes: (f) => f.action === 'create' && tracker.canWrite(f.opportunityId),
        record: (f): SfRecord => {
          const component = componentOfLine.get(f.lineItemId);
          return { ...f.fields, ...(component ? { [FA.Solution_Component__c]: component } : {}) };
        },
      },
      { action: 'update', operation: 'update', includes: (f) => f.action === 'update' && tracker.canWrite(f.opportunityId), record: (f) => ({ Id: f.feeId, ...f.fields }) as SfRecord },
    ],
    (change, result) => tracker.fee(change, result),
  );

  // Review tasks, then the opportunities' handover status.
  /** The review tasks this run created, by Id, with their initiative. */
  const createdTasks = new Map<string, string>();
  await writeObject(
    'Task',
    writes.tasks,
    [
      {
        action: 'create',
        operation: 'create',
        // One review task per initiative: its WhatId tells the records of a write apart.
        matchField: 'WhatId',
        includes: (t) => t.action === 'create' && tracker.canWrite(t.opportunityId),
        record: (t) => ({ ...t.fields, WhatId: tracker.initiativeId(t.opportunityId) }),
      },
    ],
    (change, result) => {
      tracker.task(change, result);
      const initiativeId = tracker.initiativeId(change.opportunityId);
      if (result?.success && result.id && initiativeId) createdTasks.set(result.id, initiativeId);
    },
  );
  // Two runs at once may both have created a task for an initiative: keep the oldest of each. The check reads every
  // review task created since the run started.
  if (createdTasks.size > 0) {
    const removed = await failWith(messages, 'error.QueryFailed')(removeDuplicateReviewTasks(conn, startedAt, createdTasks, usage));
    for (const id of removed) tracker.duplicateTask(id);
  }

  await writeObject(
    'Opportunity',
    writes.opportunities,
    [
      {
        action: 'update',
        operation: 'update',
        includes: (o) => o.action === 'update' && tracker.canWrite(o.opportunityId),
        record: (o) => ({ Id: o.opportunityId, [OPP.Handover_Status__c]: o.to }),
      },
    ],
    (change, result) => tracker.status(change, result),
  );

  return tracker.outcome();
}

/** A dry run: every item as planned, nothing written. */
export async function plannedOnly(plan: HandoverPlan, writes: PlannedWrites): Promise<ApplyOutcome> {
  const changes = new ChangeLog();
  const result = (action: PlanAction): ChangeResult => (action === 'skip' ? 'done' : 'planned');
  const add = (object: HandoverObject, action: PlanAction, change: () => Omit<HandoverChange, 'object' | 'action' | 'result'>): void =>
    changes.add(object, action, result(action), () => ({ object, action, ...change(), result: result(action) }));
  const each = async <T>(source: ItemSource<T>, see: (item: T) => void): Promise<void> => {
    for await (const page of source.pages()) page.forEach(see);
  };
  await each(writes.initiatives, (c) =>
    add('Initiative__c', c.action, () => ({ recordId: c.initiativeId, name: c.name, opportunityId: c.opportunityId, fields: Object.keys(c.fields), reason: c.reason })),
  );
  await each(writes.components, (c) =>
    add('Solution_Component__c', c.action, () => ({ recordId: c.componentId, name: c.name, opportunityId: c.opportunityId, fields: Object.keys(c.fields), reason: c.reason })),
  );
  for (const f of plan.fees) {
    add('Fee_At_Risk__c', f.action, () => ({ recordId: f.feeId, name: f.name, opportunityId: f.opportunityId, fields: Object.keys(f.fields), reason: f.reason }));
  }
  await each(writes.tasks, (t) => {
    const fields = t.action === 'create' ? Object.keys(t.fields) : [];
    add('Task', t.action, () => ({ recordId: t.existingTaskId, name: String(t.fields.Subject ?? ''), opportunityId: t.opportunityId, fields, reason: t.reason }));
  });
  await each(writes.opportunities, (o) => {
    const fields = o.action === 'update' ? [OPP.Handover_Status__c] : [];
    add('Opportunity', o.action, () => ({ recordId: o.opportunityId, name: o.opportunityName, opportunityId: o.opportunityId, fields, reason: o.reason }));
  });
  return { changes, failures: [], initiativeIds: new Map() };
}

/** The handovers of the result: the plan's, with the Ids of the initiatives this run created. */
export function handoverReports(plan: HandoverPlan, outcome: ApplyOutcome): HandoverReport[] {
  return plan.handovers.map((h) => ({
    opportunityId: h.opportunityId,
    initiativeId: h.initiativeId ?? outcome.initiativeIds.get(h.opportunityId) ?? null,
    initiativeName: h.initiativeName,
    status: h.status,
    gaps: h.gaps.map((g) => ({ ...g })),
    undatedLines: h.undatedLines.map((u) => ({ ...u })),
  }));
}

type Planned = HandoverPlan['initiatives'][number] | HandoverPlan['components'][number] | HandoverPlan['fees'][number] | HandoverPlan['tasks'][number];

/**
 * Counts every planned item by object and what became of it, and keeps the first CHANGES_LISTED of them for the
 * result (creates and updates before skips). An item is only built into a HandoverChange when it is kept.
 */
export class ChangeLog {
  private readonly byObject = new Map<HandoverObject, WriteCounts>();
  private readonly writes: HandoverChange[] = [];
  private readonly skips: HandoverChange[] = [];
  private total = 0;

  public add(object: HandoverObject, action: PlanAction, result: ChangeResult, change: () => HandoverChange): void {
    const counts = this.counts(object);
    this.total += 1;
    if (result === 'failed' || result === 'blocked') counts.failed += 1;
    else if (action === 'create') counts.created += 1;
    else if (action === 'update') counts.updated += 1;
    else counts.skipped += 1;
    const kept = action === 'skip' ? this.skips : this.writes;
    if (kept.length < CHANGES_LISTED) kept.push(change());
  }

  public counts(object: HandoverObject): WriteCounts {
    let counts = this.byObject.get(object);
    if (!counts) this.byObject.set(object, (counts = { created: 0, updated: 0, skipped: 0, failed: 0 }));
    return counts;
  }

  /** A create counted and listed as done that turned out a skip: counted, and listed, as a skip instead. */
  public reclassifyAsSkip(object: HandoverObject, recordId: string, reason: (planned: string) => string): void {
    const counts = this.counts(object);
    counts.created -= 1;
    counts.skipped += 1;
    const index = this.writes.findIndex((c) => c.object === object && c.recordId === recordId);
    if (index < 0) return;
    const [change] = this.writes.splice(index, 1);
    if (this.skips.length < CHANGES_LISTED) this.skips.push({ ...change, action: 'skip', recordId: null, fields: [], reason: reason(change.reason), result: 'done' });
  }

  public listed(): HandoverChange[] {
    return [...this.writes, ...this.skips].slice(0, CHANGES_LISTED);
  }

  public notListed(): number {
    return this.total - Math.min(this.total, CHANGES_LISTED);
  }
}

/** Follows what the org did with each planned item, and which opportunities may still be written. */
class ApplyTracker {
  private readonly changes = new ChangeLog();
  private readonly failures: HandoverFailure[] = [];
  private readonly initiativeIds = new Map<string, string>();
  private readonly blocked = new Set<string>();

  public initiative(change: HandoverPlan['initiatives'][number], result: RecordResult | null): void {
    const id = result?.id ?? change.initiativeId;
    if (change.kind === 'handover') {
      if (change.action !== 'skip' && !result?.success) this.blocked.add(change.opportunityId);
      else if (id) this.initiativeIds.set(change.opportunityId, id);
    }
    this.record('Initiative__c', change, change.name, id, change.fields, result);
  }

  public component(change: HandoverPlan['components'][number], result: RecordResult | null): void {
    if (change.action !== 'skip' && result && !result.success) this.blocked.add(change.opportunityId);
    this.record('Solution_Component__c', change, change.name, result?.id ?? change.componentId, change.fields, result);
  }

  /** A fee's failure does not block the opportunity: its task and status do not depend on it, and a rerun retries it. */
  public fee(change: HandoverPlan['fees'][number], result: RecordResult | null): void {
    this.record('Fee_At_Risk__c', change, change.name, result?.id ?? change.feeId, change.fields, result);
  }

  public task(change: HandoverPlan['tasks'][number], result: RecordResult | null): void {
    const name = String(change.fields.Subject ?? '');
    this.record('Task', change, name, result?.id ?? change.existingTaskId, change.action === 'create' ? change.fields : {}, result);
  }

  /** A task this run created that the duplicate check removed (another run's is older): a skip, not a create. */
  public duplicateTask(taskId: string): void {
    this.changes.reclassifyAsSkip('Task', taskId, (reason) => `${reason} (${messages.getMessage('reason.duplicateTask')})`);
  }

  public status(change: HandoverPlan['opportunities'][number], result: RecordResult | null): void {
    const fields: FieldValues = change.action === 'update' ? { [OPP.Handover_Status__c]: change.to } : {};
    this.record('Opportunity', change, change.opportunityName, change.opportunityId, fields, result);
  }

  public canWrite(opportunityId: string): boolean {
    return !this.blocked.has(opportunityId) && this.initiativeIds.has(opportunityId);
  }

  public initiativeId(opportunityId: string): string | null {
    return this.initiativeIds.get(opportunityId) ?? null;
  }

  public outcome(): ApplyOutcome {
    return { changes: this.changes, failures: this.failures, initiativeIds: this.initiativeIds };
  }

  private record(
    object: HandoverObject,
    change: Planned | HandoverPlan['opportunities'][number],
    name: string,
    recordId: string | null,
    fields: FieldValues,
    result: RecordResult | null,
  ): void {
    let outcome: ChangeResult;
    if (change.action === 'skip') outcome = 'done';
    else if (!result) outcome = 'blocked';
    else outcome = result.success ? 'done' : 'failed';
    // An upsert planned as a create that found the record (another run created it first) was an update.
    const createdElsewhere = change.action === 'create' && result?.success === true && result.created === false;
    const action: PlanAction = createdElsewhere ? 'update' : change.action;
    let reason = change.reason;
    if (outcome === 'blocked') reason = `${change.reason} (${messages.getMessage('reason.blocked')})`;
    else if (createdElsewhere) reason = `${change.reason} (${messages.getMessage('reason.createdElsewhere')})`;
    this.changes.add(object, action, outcome, () => ({
      object,
      action,
      recordId,
      name,
      opportunityId: change.opportunityId,
      fields: Object.keys(fields),
      reason,
      result: outcome,
    }));
    if (result && !result.success) {
      const error = describeRecordErrors(result.errors) || messages.getMessage('reason.noErrorGiven');
      this.failures.push({ object, opportunityId: change.opportunityId, recordId, name, error });
    } else if (outcome === 'blocked') {
      this.failures.push({ object, opportunityId: change.opportunityId, recordId, name, error: messages.getMessage('reason.blocked') });
    }
  }
}
