import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { dateProblem } from '../../../core/dates.js';
import type { HandoverGapCode } from '../../../core/handover.js';
import { Initiative, OpportunityFields, SolutionComponent, fieldsOf } from '../../../core/model.js';
import {
  accountsNeedingCsm,
  idKey,
  planHandover,
  type FieldValues,
  type HandoverPlan,
  type HandoverStatus,
  type PlanAction,
} from '../../../core/plan/handover.js';
import { ApiUsage, type ApiUsageSnapshot } from '../../../org/apiUsage.js';
import { describeRecordErrors, type RecordResult, writeInCollections, type WriteRequest } from '../../../org/apply.js';
import type { OrgConnection, SfRecord } from '../../../org/connection.js';
import { fetchAccountCsms, fetchExistingHandovers, fetchOpportunities, fetchUser } from '../../../org/queries/handover.js';
import { isSalesforceId } from '../../../org/soql.js';
import { errorMessage, localToday } from '../../../cli/runtime.js';
import { OutcomesCommand } from '../../../cli/command.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.handover.sync');

const I = fieldsOf(Initiative);
const S = fieldsOf(SolutionComponent);
const OPP = fieldsOf(OpportunityFields);
const OPPORTUNITY_PREFIX = '006';
const USER_PREFIX = '005';
/** Rows of the change table shown to people. */
const TABLE_ROWS_SHOWN = 100;
/**
 * Items the result lists in `changes`. A first run over 10,000 opportunities plans some 80,000 items: listing them
 * all made a --json document of 55 MB, which took a gigabyte to print. The counts cover every item, `failures`
 * names every record not written, and `handovers` every opportunity; `changes` shows what was done and why.
 */
export const CHANGES_LISTED = 1000;

export type HandoverObject = 'Initiative__c' | 'Solution_Component__c' | 'Task' | 'Opportunity';

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

export type HandoverSyncResult = {
  dryRun: boolean;
  today: string;
  /** Opportunities read (won ones, or those named with --opportunity). */
  opportunities: number;
  /** On a dry run: what would be written; otherwise what was. */
  initiatives: WriteCounts;
  components: WriteCounts;
  tasks: WriteCounts;
  opportunityStatuses: WriteCounts;
  /**
   * Up to CHANGES_LISTED planned items with their reasons: creates and updates first, then skips, each in the order
   * planned. The counts above cover every item.
   */
  changes: HandoverChange[];
  /** Planned items left out of `changes` (0 when it lists them all). */
  changesNotListed: number;
  handovers: HandoverReport[];
  failures: HandoverFailure[];
  apiCalls: ApiUsageSnapshot;
};

export default class HandoverSync extends OutcomesCommand<HandoverSyncResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    since: Flags.string({ summary: messages.getMessage('flags.since.summary'), exclusive: ['opportunity'] }),
    opportunity: Flags.string({ multiple: true, summary: messages.getMessage('flags.opportunity.summary'), exclusive: ['since'] }),
    'default-csm': Flags.string({ summary: messages.getMessage('flags.default-csm.summary') }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary') }),
  };

  public async run(): Promise<HandoverSyncResult> {
    const { flags } = await this.parse(HandoverSync);
    // Flag values are checked before any API call.
    const opportunityIds = flags.opportunity?.map((id) => id.trim());
    for (const id of opportunityIds ?? []) {
      if (!isSalesforceId(id) || !id.startsWith(OPPORTUNITY_PREFIX)) throw messages.createError('error.InvalidOpportunityId', [id]);
    }
    const since = flags.since?.trim();
    const sinceProblem = since === undefined ? null : dateProblem(since);
    if (sinceProblem) throw messages.createError('error.InvalidDate', [sinceProblem]);
    const defaultCsmFlag = flags['default-csm']?.trim();
    if (defaultCsmFlag !== undefined && isSalesforceId(defaultCsmFlag) && !defaultCsmFlag.startsWith(USER_PREFIX)) {
      throw messages.createError('error.DefaultCsmNotUser', [defaultCsmFlag]);
    }
    const today = localToday();
    const dryRun = flags['dry-run'];
    const usage = new ApiUsage();
    const conn = flags['target-org'].getConnection(flags['api-version']);

    // Fetch: the default CSM, won opportunities with their lines, their initiatives with review tasks, account teams.
    this.spinner.start(messages.getMessage('spinner.fetch'));
    const defaultCsmId = defaultCsmFlag ? await this.resolveDefaultCsm(conn, defaultCsmFlag, usage) : null;
    const selection = { since, opportunityIds };
    const opportunities = await this.query(fetchOpportunities(conn, selection, usage));
    const fetchedKeys = new Set(opportunities.map((o) => idKey(o.id)));
    const missingOpportunityIds = (opportunityIds ?? []).filter((id) => !fetchedKeys.has(idKey(id)));
    const wonIds = opportunities.filter((o) => o.isWon).map((o) => o.id);
    const { initiatives, tasks } = await this.query(fetchExistingHandovers(conn, selection, wonIds, usage));
    const csmAccounts = accountsNeedingCsm(opportunities, initiatives);
    const accountCsms =
      csmAccounts.length > 0 ? await this.query(fetchAccountCsms(conn, csmAccounts, usage, selection)) : new Map<string, string>();
    this.spinner.stop();

    // Plan.
    const plan = planHandover({ opportunities, missingOpportunityIds, initiatives, tasks, accountCsms, defaultCsmId, today });

    // Apply.
    const outcome = dryRun ? plannedOnly(plan) : await this.apply(conn, plan, usage);

    // Report.
    const result: HandoverSyncResult = {
      dryRun,
      today,
      opportunities: opportunities.length,
      initiatives: outcome.changes.counts('Initiative__c'),
      components: outcome.changes.counts('Solution_Component__c'),
      tasks: outcome.changes.counts('Task'),
      opportunityStatuses: outcome.changes.counts('Opportunity'),
      changes: outcome.changes.listed(),
      changesNotListed: outcome.changes.notListed(),
      handovers: plan.handovers.map((h) => ({
        opportunityId: h.opportunityId,
        initiativeId: h.initiativeId ?? outcome.initiativeIds.get(h.opportunityId) ?? null,
        initiativeName: h.initiativeName,
        status: h.status,
        gaps: h.gaps.map((g) => ({ ...g })),
        undatedLines: h.undatedLines.map((u) => ({ ...u })),
      })),
      failures: outcome.failures,
      apiCalls: usage.snapshot(),
    };
    this.report(result);
    this.exitFor(result.failures.length);
    return result;
  }

  private async resolveDefaultCsm(conn: OrgConnection, usernameOrId: string, usage: ApiUsage): Promise<string> {
    const user = await this.query(fetchUser(conn, usernameOrId, usage));
    if (!user) {
      this.spinner.stop();
      throw messages.createError('error.DefaultCsmNotFound', [usernameOrId]);
    }
    if (!user.isActive) {
      this.spinner.stop();
      throw messages.createError('error.DefaultCsmInactive', [user.username || usernameOrId]);
    }
    return user.id;
  }

  private async query<T>(pending: Promise<T>): Promise<T> {
    try {
      return await pending;
    } catch (error) {
      this.spinner.stop();
      throw messages.createError('error.QueryFailed', [errorMessage(error)]);
    }
  }

  /**
   * Initiatives first (their Ids are the parents of everything else), then components, review tasks and the
   * opportunities' statuses. An opportunity whose initiative or components failed gets no task and no status:
   * a rerun finishes it, and what was written is found again by its external ids.
   */
  private async apply(conn: OrgConnection, plan: HandoverPlan, usage: ApiUsage): Promise<ApplyOutcome> {
    const tracker = new ApplyTracker();
    const write = async (request: WriteRequest, label: string): Promise<RecordResult[]> => {
      if (request.records.length === 0) return [];
      this.spinner.start(messages.getMessage('spinner.write', [request.records.length, label]));
      try {
        return await writeInCollections(conn, request, usage, (done, total) => {
          this.spinner.status = `${done}/${total}`;
        });
      } catch (error) {
        this.spinner.stop();
        throw messages.createError('error.WriteFailed', [label, errorMessage(error)]);
      } finally {
        this.spinner.stop();
      }
    };

    // Initiatives: new ones upserted on the source id (a rerun finds them), known ones updated by Id.
    const initiativeCreates = plan.initiatives.filter((c) => c.action === 'create');
    const initiativeUpdates = plan.initiatives.filter((c) => c.action === 'update');
    const created = await write(
      { sobject: Initiative.apiName, operation: 'upsert', externalIdField: I.Source_Opportunity_Id__c, records: initiativeCreates.map((c) => ({ ...c.fields })) },
      Initiative.apiName,
    );
    initiativeCreates.forEach((change, i) => tracker.initiative(change, created[i]));
    const updated = await write(
      { sobject: Initiative.apiName, operation: 'update', records: initiativeUpdates.map((c) => ({ Id: c.initiativeId, ...c.fields }) as SfRecord) },
      Initiative.apiName,
    );
    initiativeUpdates.forEach((change, i) => tracker.initiative(change, updated[i]));
    plan.initiatives.filter((c) => c.action === 'skip').forEach((change) => tracker.initiative(change, null));

    // Components: Initiative__c (the master) is set on create only; it is not updatable.
    const components = partition(plan.components, (c) => c.action !== 'skip' && tracker.canWrite(c.opportunityId));
    const componentCreates = components.write.filter((c) => c.action === 'create');
    const componentUpdates = components.write.filter((c) => c.action === 'update');
    const componentsCreated = await write(
      {
        sobject: SolutionComponent.apiName,
        operation: 'upsert',
        externalIdField: S.Source_Line_Item_Id__c,
        records: componentCreates.map((c) => ({ ...c.fields, [S.Initiative__c]: tracker.initiativeId(c.opportunityId) })),
      },
      SolutionComponent.apiName,
    );
    componentCreates.forEach((change, i) => tracker.component(change, componentsCreated[i]));
    const componentsUpdated = await write(
      { sobject: SolutionComponent.apiName, operation: 'update', records: componentUpdates.map((c) => ({ Id: c.componentId, ...c.fields }) as SfRecord) },
      SolutionComponent.apiName,
    );
    componentUpdates.forEach((change, i) => tracker.component(change, componentsUpdated[i]));
    components.leave.forEach((c) => tracker.component(c, null));

    // Review tasks, then the opportunities' handover status.
    const tasks = partition(plan.tasks, (t) => t.action === 'create' && tracker.canWrite(t.opportunityId));
    const tasksCreated = await write(
      { sobject: 'Task', operation: 'create', records: tasks.write.map((t) => ({ ...t.fields, WhatId: tracker.initiativeId(t.opportunityId) })) },
      'Task',
    );
    tasks.write.forEach((change, i) => tracker.task(change, tasksCreated[i]));
    tasks.leave.forEach((t) => tracker.task(t, null));

    const statuses = partition(plan.opportunities, (o) => o.action === 'update' && tracker.canWrite(o.opportunityId));
    const statusesWritten = await write(
      { sobject: 'Opportunity', operation: 'update', records: statuses.write.map((o) => ({ Id: o.opportunityId, [OPP.Handover_Status__c]: o.to })) },
      'Opportunity',
    );
    statuses.write.forEach((change, i) => tracker.status(change, statusesWritten[i]));
    statuses.leave.forEach((o) => tracker.status(o, null));

    return tracker.outcome();
  }

  private report(result: HandoverSyncResult): void {
    const rows = result.changes.slice(0, TABLE_ROWS_SHOWN).map((c) => ({
      object: c.object,
      record: c.recordId ? `${c.name} (${c.recordId})` : c.name,
      action: messages.getMessage(`action.${c.action}`),
      result: messages.getMessage(`result.${c.result}`),
      reason: c.reason,
    }));
    if (rows.length > 0) {
      this.table({
        title: messages.getMessage('table.changes.title'),
        data: rows,
        columns: [
          { key: 'object', name: messages.getMessage('table.object') },
          { key: 'record', name: messages.getMessage('table.record') },
          { key: 'action', name: messages.getMessage('table.action') },
          { key: 'result', name: messages.getMessage('table.result') },
          { key: 'reason', name: messages.getMessage('table.reason') },
        ],
      });
      const planned = [result.initiatives, result.components, result.tasks, result.opportunityStatuses].reduce(
        (sum, c) => sum + c.created + c.updated + c.skipped + c.failed,
        0,
      );
      if (planned > TABLE_ROWS_SHOWN) this.log(messages.getMessage('info.moreRows', [planned - TABLE_ROWS_SHOWN, CHANGES_LISTED]));
    }
    const withGaps = result.handovers.filter((h) => h.gaps.length > 0);
    if (withGaps.length > 0) {
      this.table({
        title: messages.getMessage('table.gaps.title'),
        data: withGaps.flatMap((h) => h.gaps.map((g) => ({ initiative: h.initiativeName, gap: g.message }))),
        columns: [
          { key: 'initiative', name: messages.getMessage('table.initiative') },
          { key: 'gap', name: messages.getMessage('table.gap') },
        ],
      });
    }
    for (const failure of result.failures) {
      this.warn(messages.getMessage('warn.recordFailed', [failure.object, failure.recordId ? `${failure.name} (${failure.recordId})` : failure.name, failure.error]));
    }
    if (result.dryRun) this.log(messages.getMessage('info.dryRun'));
    const complete = result.handovers.filter((h) => h.status === 'Handed Over').length;
    this.logSuccess(
      messages.getMessage(result.dryRun ? 'success.dryRun' : 'success', [
        result.opportunities,
        result.initiatives.created,
        result.initiatives.updated,
        result.components.created,
        result.components.updated,
        result.tasks.created,
        complete,
        result.handovers.length - complete,
        result.failures.length,
        result.apiCalls.total,
      ]),
    );
  }
}

type ApplyOutcome = { changes: ChangeLog; failures: HandoverFailure[]; initiativeIds: Map<string, string> };

type Planned = HandoverPlan['initiatives'][number] | HandoverPlan['components'][number] | HandoverPlan['tasks'][number];

/**
 * Counts every planned item by object and what became of it, and keeps the first CHANGES_LISTED of them for the
 * result (creates and updates before skips). An item is only built into a HandoverChange when it is kept.
 */
class ChangeLog {
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

  public task(change: HandoverPlan['tasks'][number], result: RecordResult | null): void {
    const name = String(change.fields.Subject ?? '');
    this.record('Task', change, name, result?.id ?? change.existingTaskId, change.action === 'create' ? change.fields : {}, result);
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
    this.changes.add(object, change.action, outcome, () => ({
      object,
      action: change.action,
      recordId,
      name,
      opportunityId: change.opportunityId,
      fields: Object.keys(fields),
      reason: outcome === 'blocked' ? `${change.reason} (${messages.getMessage('reason.blocked')})` : change.reason,
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

/** A dry run: every item as planned, nothing written. */
function plannedOnly(plan: HandoverPlan): ApplyOutcome {
  const changes = new ChangeLog();
  const result = (action: PlanAction): ChangeResult => (action === 'skip' ? 'done' : 'planned');
  const add = (object: HandoverObject, action: PlanAction, change: () => Omit<HandoverChange, 'object' | 'action' | 'result'>): void =>
    changes.add(object, action, result(action), () => ({ object, action, ...change(), result: result(action) }));
  for (const c of plan.initiatives) {
    add('Initiative__c', c.action, () => ({ recordId: c.initiativeId, name: c.name, opportunityId: c.opportunityId, fields: Object.keys(c.fields), reason: c.reason }));
  }
  for (const c of plan.components) {
    add('Solution_Component__c', c.action, () => ({ recordId: c.componentId, name: c.name, opportunityId: c.opportunityId, fields: Object.keys(c.fields), reason: c.reason }));
  }
  for (const t of plan.tasks) {
    const fields = t.action === 'create' ? Object.keys(t.fields) : [];
    add('Task', t.action, () => ({ recordId: t.existingTaskId, name: String(t.fields.Subject ?? ''), opportunityId: t.opportunityId, fields, reason: t.reason }));
  }
  for (const o of plan.opportunities) {
    const fields = o.action === 'update' ? [OPP.Handover_Status__c] : [];
    add('Opportunity', o.action, () => ({ recordId: o.opportunityId, name: o.opportunityName, opportunityId: o.opportunityId, fields, reason: o.reason }));
  }
  return { changes, failures: [], initiativeIds: new Map() };
}

function partition<T>(items: readonly T[], toWrite: (item: T) => boolean): { write: T[]; leave: T[] } {
  return { write: items.filter(toWrite), leave: items.filter((item) => !toWrite(item)) };
}


