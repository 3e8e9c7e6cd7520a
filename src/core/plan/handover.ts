/**
 * Planning the handover of won opportunities to customer success (docs/design.md, "Who and how": Sales handover,
 * and "Sync rules"). Pure: the command fetches the opportunities, their line items, the initiatives that already
 * exist and the account teams, asks here what to write, then writes it.
 *
 * For each won opportunity the plan says, with a reason for every item:
 *  - its Initiative__c: create (upsert on Source_Opportunity_Id__c), complete one that sales entered with
 *    Opportunity__c but no source id (update by Id), update the fields the sync owns that changed, or skip;
 *  - one Solution_Component__c per line item (upsert on Source_Line_Item_Id__c, or update by Id);
 *  - one review Task for the CSM, once per initiative;
 *  - the Opportunity's Handover_Status__c, from the handover gaps of the initiative as it will be after the writes.
 *
 * Field ownership: what people entered (name, purpose, alignment, challenges, roles, a CSM, a go-live date) is
 * never overwritten; fields the sync owns are written only where they change; a blank source never blanks a field.
 */
import { addDays, addMonths, isAfter, type IsoDate } from '../dates.js';
import { handoverGaps, type HandoverGap, type HandoverOutcome } from '../handover.js';
import {
  fieldsOf,
  HANDOVER_STATUSES,
  Initiative,
  OpportunityFields,
  SolutionComponent,
  type ComponentType,
  type InitiativeStatus,
  type Lifecycle,
} from '../model.js';
import { roundTo } from '../numbers.js';
import { annualValueOfLine, nextRenewalDate, renewalDateOfLine } from '../renewal.js';
import { hasFeeTerms, planLineFee, type ExistingLineFee, type FeeChange, type LineFeeTerms } from './handoverFees.js';

const I = fieldsOf(Initiative);
const S = fieldsOf(SolutionComponent);
const OPP = fieldsOf(OpportunityFields);

export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];
const HANDED_OVER: HandoverStatus = 'Handed Over';
const INCOMPLETE: HandoverStatus = 'Incomplete';

/** Status a handed-over initiative starts in; it replaces a blank status or the 'Handover' that sales left. */
const ONBOARDING: InitiativeStatus = 'Onboarding';
const ADOPTING: InitiativeStatus = 'Adopting';
const HANDOVER: InitiativeStatus = 'Handover';

/**
 * The status the dates imply for an initiative the sync hands over: Onboarding until its go-live, Adopting once
 * it is live. A deal handed over after its go-live (won late, or synced late) is live, not onboarding, and a
 * status the dates contradict misleads every report that shows it ("Onboarding" for 18 months).
 */
export function handoverStatusOf(goLiveDate: IsoDate | null | undefined, today: IsoDate): InitiativeStatus {
  return goLiveDate && !isAfter(goLiveDate, today) ? ADOPTING : ONBOARDING;
}

/** The review task: its subject starts with this, so a rerun recognises the task it created before. */
export const HANDOVER_TASK_SUBJECT_PREFIX = 'Review handover: ';
/** The CSM gets three days to review a handover. */
export const HANDOVER_TASK_DUE_IN_DAYS = 3;
const TASK_SUBJECT_LENGTH = 255;

const NAME_LENGTH = Initiative.fields.Name.length;
const COMPONENT_NAME_LENGTH = SolutionComponent.fields.Name.length;
/** Currency fields keep two decimals: values equal after rounding to them are the same. */
const MONEY_SCALE = Initiative.fields.Annual_Contract_Value__c.scale ?? 2;

// ---- Inputs ----------------------------------------------------------------------------------------

/** An OpportunityLineItem with its product's fields, as the sync reads it. */
export type SourceLineItem = {
  readonly id: string;
  readonly productId: string | null;
  readonly productName: string | null;
  readonly quantity: number | null;
  readonly totalPrice: number | null;
  readonly serviceDate: IsoDate | null;
  readonly termMonths: number | null;
  readonly endDate: IsoDate | null;
  readonly roleInSolution: string | null;
  readonly componentType: ComponentType | null;
  readonly lifecycle: Lifecycle | null;
  readonly productDefaultTermMonths: number | null;
  /** Fee-at-risk terms sales recorded on the line (handoverFees.ts); absent or null without any. */
  readonly fee?: LineFeeTerms | null;
};

export type SourceOpportunity = {
  readonly id: string;
  readonly name: string;
  readonly accountId: string | null;
  readonly isWon: boolean;
  readonly closeDate: IsoDate | null;
  readonly amount: number | null;
  readonly contractEndDate: IsoDate | null;
  readonly expectedGoLiveDate: IsoDate | null;
  readonly handoverStatus: HandoverStatus | null;
  /** The account's owner when active: the CSM of last resort. */
  readonly accountOwnerId?: string | null;
  readonly lines: readonly SourceLineItem[];
};

export type ExistingComponent = {
  readonly Id: string;
  readonly Name: string | null;
  readonly Source_Line_Item_Id__c: string | null;
  readonly Product__c: string | null;
  readonly Quantity__c: number | null;
  readonly Total_Price__c: number | null;
  readonly Component_Type__c: ComponentType | null;
  readonly Lifecycle__c: Lifecycle | null;
  readonly Role_In_Solution__c: string | null;
  readonly Start_Date__c: IsoDate | null;
  readonly End_Date__c: IsoDate | null;
  readonly Renewal_Date__c: IsoDate | null;
  readonly Annual_Value__c: number | null;
};

export type ExistingInitiative = {
  readonly Id: string;
  readonly Name: string;
  readonly Account__c: string | null;
  readonly Opportunity__c: string | null;
  readonly Source_Opportunity_Id__c: string | null;
  readonly Purpose__c: string | null;
  readonly Status__c: InitiativeStatus | null;
  readonly CSM__c: string | null;
  readonly Handover_Date__c: IsoDate | null;
  readonly Go_Live_Date__c: IsoDate | null;
  readonly Annual_Contract_Value__c: number | null;
  readonly Total_Contract_Value__c: number | null;
  readonly Next_Renewal_Date__c: IsoDate | null;
  readonly components: readonly ExistingComponent[];
  readonly outcomes: readonly HandoverOutcome[];
};

/** A Task already on an initiative (any status: a review the CSM completed is not created again). */
export type ExistingTask = { readonly id: string; readonly whatId: string; readonly subject: string | null; readonly isClosed: boolean };

export type HandoverPlanInput = {
  readonly opportunities: readonly SourceOpportunity[];
  /** Opportunity Ids that were asked for but that the org did not return. */
  readonly missingOpportunityIds?: readonly string[];
  /** Initiatives of these opportunities, oldest first (the oldest of several that sales entered is the one completed). */
  readonly initiatives: readonly ExistingInitiative[];
  readonly tasks: readonly ExistingTask[];
  /** Account Id → the User Id of its Customer Success Manager on the account team. */
  readonly accountCsms: ReadonlyMap<string, string>;
  /** CSM for accounts without one on their team. */
  readonly defaultCsmId: string | null;
  /** False when the org has Account Teams switched off (then no account has a team CSM). */
  readonly accountTeams?: boolean;
  readonly today: IsoDate;
  /** Fees at risk handover created before, for the lines that carry fee terms (found by Source_Line_Item_Id__c). */
  readonly existingFees?: readonly ExistingLineFee[];
};

// ---- The plan --------------------------------------------------------------------------------------

export type PlanAction = 'create' | 'update' | 'skip';

/** Writable fields of a record, by API name. */
export type FieldValues = Record<string, string | number | boolean | null>;

export type InitiativeChange = {
  /** handover: the opportunity's initiative; duplicate: another one left alone; not handed over: the opportunity is skipped. */
  readonly kind: 'handover' | 'duplicate' | 'not handed over';
  readonly opportunityId: string;
  readonly opportunityName: string;
  readonly action: PlanAction;
  /** Null for a create (known once written). */
  readonly initiativeId: string | null;
  readonly name: string;
  /** Create: every field, with Source_Opportunity_Id__c, the upsert key. Update: only what changes. */
  readonly fields: FieldValues;
  readonly reason: string;
};

export type ComponentChange = {
  readonly opportunityId: string;
  readonly lineItemId: string;
  readonly action: PlanAction;
  readonly componentId: string | null;
  readonly name: string;
  /** Create: every field except Initiative__c (set from the initiative's Id once known). Update: what changes. */
  readonly fields: FieldValues;
  readonly reason: string;
};

export type TaskChange = {
  readonly opportunityId: string;
  readonly action: 'create' | 'skip';
  /** Null when the initiative is created in this run. */
  readonly initiativeId: string | null;
  readonly existingTaskId: string | null;
  /** Subject, Description, ActivityDate, Status, Priority and OwnerId when the CSM is known; WhatId is added at apply. */
  readonly fields: FieldValues;
  readonly reason: string;
};

export type OpportunityStatusChange = {
  readonly opportunityId: string;
  readonly opportunityName: string;
  readonly action: 'update' | 'skip';
  readonly from: HandoverStatus | null;
  readonly to: HandoverStatus;
  readonly reason: string;
};

/** A renewable line whose renewal date cannot be derived (reported, never guessed). */
export type UndatedLine = { readonly lineItemId: string; readonly name: string; readonly reason: string };

/** The state of one handover once the plan is written: what the CSM still lacks. */
export type HandoverSummary = {
  readonly opportunityId: string;
  readonly initiativeId: string | null;
  readonly initiativeName: string;
  readonly status: HandoverStatus;
  readonly gaps: readonly HandoverGap[];
  readonly undatedLines: readonly UndatedLine[];
};

/** What the planner plans every page against. */
type PlannerInput = Omit<HandoverPlanInput, 'opportunities'>;

/** Every handover by its state, and how many `handovers` leaves out. */
export type HandoverCounts = { readonly handedOver: number; readonly incomplete: number; readonly notListed: number };

export type HandoverPlan = {
  readonly initiatives: readonly InitiativeChange[];
  readonly components: readonly ComponentChange[];
  readonly tasks: readonly TaskChange[];
  readonly opportunities: readonly OpportunityStatusChange[];
  /** Up to HANDOVERS_LISTED handovers (every one when there are no more), the incomplete first when there are. */
  readonly handovers: readonly HandoverSummary[];
  readonly handoverCounts: HandoverCounts;
  /** One per line that carries fee terms. */
  readonly fees: readonly FeeChange[];
};

export function planHandover(input: HandoverPlanInput): HandoverPlan {
  const planner = handoverPlanner(input);
  planner.add(input.opportunities);
  return planner.plan();
}

/**
 * Plans a book a page of opportunities at a time (`add`), against what the org holds, indexed once: a sync at
 * scale never holds every opportunity with its line items at once. `plan()` gives what `planHandover` gives for
 * all the pages together. Handovers are listed up to `HANDOVERS_LISTED` (the incomplete first), and counted in full.
 */
/** The lists of a plan that grow with the book. */
export type PlannedRecords = Pick<HandoverPlan, 'initiatives' | 'components' | 'tasks' | 'opportunities'>;

export type HandoverPlanner = {
  add(opportunities: readonly SourceOpportunity[]): void;
  /**
   * The initiatives, components, tasks and statuses planned since the last call, which the plan then leaves out: a
   * caller may keep them elsewhere (fees, few, stay in the plan).
   */
  take(): PlannedRecords;
  plan(): HandoverPlan;
};

export function handoverPlanner(input: PlannerInput): HandoverPlanner {
  const plan: MutablePlan = { initiatives: [], components: [], tasks: [], opportunities: [], fees: [] };
  const listed = new HandoverListing();
  const context: PlanContext = {
    input,
    matcher: initiativeMatcher(input.initiatives),
    tasksByInitiative: groupBy(input.tasks.filter(isHandoverTask), (task) => task.whatId),
    feesByLine: new Map((input.existingFees ?? []).map((f) => [idKey(f.Source_Line_Item_Id__c), f])),
    listed,
  };
  for (const id of input.missingOpportunityIds ?? []) {
    plan.initiatives.push(skipOpportunity(id, '', 'No opportunity with this Id in the org: check the Id passed with --opportunity'));
  }
  return {
    add(opportunities): void {
      for (const opportunity of opportunities) {
        if (!opportunity.isWon) {
          plan.initiatives.push(skipOpportunity(opportunity.id, opportunity.name, 'Not Closed Won: only won opportunities are handed over'));
          continue;
        }
        const { initiative: existing, duplicates } = context.matcher(opportunity.id);
        for (const duplicate of duplicates) plan.initiatives.push(duplicateSkip(opportunity, duplicate, existing));
        if (!existing && !opportunity.accountId) {
          plan.initiatives.push(
            skipOpportunity(opportunity.id, opportunity.name, 'No account on the opportunity, and an initiative needs one: set the Account of the opportunity'),
          );
          continue;
        }
        planOneHandover(opportunity, existing, context, plan);
      }
    },
    take(): PlannedRecords {
      const taken = { initiatives: plan.initiatives, components: plan.components, tasks: plan.tasks, opportunities: plan.opportunities };
      Object.assign(plan, { initiatives: [], components: [], tasks: [], opportunities: [] });
      return taken;
    },
    plan: (): HandoverPlan => ({ ...plan, handovers: listed.handovers(), handoverCounts: listed.counts() }),
  };
}

/** Handovers a plan lists: at 100,000 opportunities the full list was most of a sync's memory and of its --json. */
export const HANDOVERS_LISTED = 1000;

/** Keeps the handovers worth listing: all of them when few, else the incomplete ones (a person must act) first. */
class HandoverListing {
  private readonly incomplete: Array<{ seq: number; summary: HandoverSummary }> = [];
  private readonly complete: Array<{ seq: number; summary: HandoverSummary }> = [];
  private total = 0;
  private handedOver = 0;

  public add(summary: HandoverSummary): void {
    const kept = summary.status === HANDED_OVER ? this.complete : this.incomplete;
    if (summary.status === HANDED_OVER) this.handedOver += 1;
    if (kept.length < HANDOVERS_LISTED) kept.push({ seq: this.total, summary });
    this.total += 1;
  }

  public handovers(): HandoverSummary[] {
    // Few enough: every handover, in the order planned; otherwise the incomplete first, then the complete.
    const all = this.total <= HANDOVERS_LISTED ? [...this.incomplete, ...this.complete].sort((a, b) => a.seq - b.seq) : [...this.incomplete, ...this.complete];
    return all.slice(0, HANDOVERS_LISTED).map((h) => h.summary);
  }

  public counts(): HandoverCounts {
    return { handedOver: this.handedOver, incomplete: this.total - this.handedOver, notListed: Math.max(0, this.total - HANDOVERS_LISTED) };
  }
}

type PlanContext = {
  input: PlannerInput;
  matcher: (opportunityId: string) => Match;
  tasksByInitiative: ReadonlyMap<string, ExistingTask[]>;
  feesByLine: ReadonlyMap<string, ExistingLineFee>;
  listed: HandoverListing;
};

type MutablePlan = {
  initiatives: InitiativeChange[];
  components: ComponentChange[];
  tasks: TaskChange[];
  opportunities: OpportunityStatusChange[];
  fees: FeeChange[];
};

function planOneHandover(opportunity: SourceOpportunity, existing: ExistingInitiative | null, context: PlanContext, plan: MutablePlan): void {
  const { input, tasksByInitiative, feesByLine } = context;
  const { today } = input;
  const componentsBySource = new Map((existing?.components ?? []).filter((c) => c.Source_Line_Item_Id__c).map((c) => [c.Source_Line_Item_Id__c as string, c]));
  const lines = opportunity.lines.map((line) => planComponent(opportunity, line, componentsBySource.get(line.id) ?? null));
  plan.components.push(...lines.map((l) => l.change));

  // The initiative as it will be: its other components (entered by hand) stay as they are.
  const lineIds = new Set(opportunity.lines.map((l) => l.id));
  const otherComponents = (existing?.components ?? []).filter((c) => !c.Source_Line_Item_Id__c || !lineIds.has(c.Source_Line_Item_Id__c));
  const componentsAfter = [...otherComponents, ...lines.map((l) => l.after)];

  const initiative = planInitiative(opportunity, existing, componentsAfter, lines, input);
  plan.initiatives.push(initiative.change);

  const gaps = handoverGaps({ initiative: initiative.after, outcomes: existing?.outcomes ?? [], components: componentsAfter });
  const status: HandoverStatus = gaps.length === 0 ? HANDED_OVER : INCOMPLETE;
  const undatedLines = lines.flatMap((l) => (l.undated ? [l.undated] : []));
  context.listed.add({
    opportunityId: opportunity.id,
    initiativeId: existing?.Id ?? null,
    initiativeName: initiative.after.Name,
    status,
    gaps,
    undatedLines,
  });

  for (const { line, change } of lines) {
    if (!hasFeeTerms(line.fee)) continue;
    plan.fees.push(planLineFee({ id: line.id, name: change.name, fee: line.fee }, opportunity, existing?.Id ?? null, feesByLine.get(idKey(line.id)) ?? null));
  }

  plan.tasks.push(planTask(opportunity, existing, initiative.after, gaps, tasksByInitiative, today));
  plan.opportunities.push(planOpportunityStatus(opportunity, status, gaps.length));
}

// ---- Initiative ------------------------------------------------------------------------------------

type InitiativeAfter = { Id: string | null; Name: string; Purpose__c: string | null; CSM__c: string | null };

function planInitiative(
  opportunity: SourceOpportunity,
  existing: ExistingInitiative | null,
  componentsAfter: readonly ExistingComponentState[],
  lines: readonly PlannedLine[],
  input: PlannerInput,
): { change: InitiativeChange; after: InitiativeAfter } {
  const revenue = revenueOf(opportunity, lines);
  const nextRenewal = nextRenewalDate(componentsAfter, input.today);
  const csm = existing?.CSM__c ? null : csmFor(opportunity, input);

  if (!existing) {
    const name = truncate(opportunity.name, NAME_LENGTH);
    const fields = withoutBlanks({
      [I.Name]: name,
      [I.Source_Opportunity_Id__c]: opportunity.id,
      [I.Opportunity__c]: opportunity.id,
      [I.Account__c]: opportunity.accountId,
      [I.Status__c]: handoverStatusOf(opportunity.expectedGoLiveDate, input.today),
      [I.Handover_Date__c]: input.today,
      [I.Go_Live_Date__c]: opportunity.expectedGoLiveDate,
      [I.Annual_Contract_Value__c]: revenue.annual,
      [I.Total_Contract_Value__c]: revenue.total,
      [I.Next_Renewal_Date__c]: nextRenewal,
      [I.CSM__c]: csm?.userId ?? null,
    });
    const notes = [`New initiative for won opportunity "${opportunity.name}"`, csm ? `CSM ${csm.source}` : 'no CSM found'];
    return {
      change: { kind: 'handover', opportunityId: opportunity.id, opportunityName: opportunity.name, action: 'create', initiativeId: null, name, fields, reason: notes.join('; ') },
      after: { Id: null, Name: name, Purpose__c: null, CSM__c: csm?.userId ?? null },
    };
  }

  const completing = !existing.Source_Opportunity_Id__c;
  const owned = changedFields(existing, {
    [I.Source_Opportunity_Id__c]: opportunity.id,
    [I.Opportunity__c]: opportunity.id,
    [I.Account__c]: opportunity.accountId,
    [I.Annual_Contract_Value__c]: revenue.annual,
    [I.Total_Contract_Value__c]: revenue.total,
    [I.Next_Renewal_Date__c]: nextRenewal,
  });
  const filled = fillBlanks(existing, {
    [I.Handover_Date__c]: input.today,
    [I.Go_Live_Date__c]: opportunity.expectedGoLiveDate,
    [I.CSM__c]: csm?.userId ?? null,
  });
  const goLive = existing.Go_Live_Date__c ?? opportunity.expectedGoLiveDate;
  const statusChange: FieldValues = !existing.Status__c || existing.Status__c === HANDOVER ? { [I.Status__c]: handoverStatusOf(goLive, input.today) } : {};
  const fields: FieldValues = { ...owned, ...filled, ...statusChange };
  const changed = Object.keys(fields);

  let reason: string;
  if (completing) reason = `Completes the initiative sales entered for "${opportunity.name}" (sets ${changed.join(', ')})`;
  else if (changed.length > 0) reason = `Updates ${changed.join(', ')}`;
  else reason = 'Up to date';
  if (fields[I.CSM__c]) reason += `; CSM ${String(csm?.source)}`;

  return {
    change: {
      kind: 'handover',
      opportunityId: opportunity.id,
      opportunityName: opportunity.name,
      action: changed.length > 0 ? 'update' : 'skip',
      initiativeId: existing.Id,
      name: existing.Name,
      fields,
      reason,
    },
    after: { Id: existing.Id, Name: existing.Name, Purpose__c: existing.Purpose__c, CSM__c: existing.CSM__c ?? csm?.userId ?? null },
  };
}

/**
 * Annual contract value: the annual values of the renewable lines; total contract value: the Opportunity's Amount,
 * else the sum of its lines. Without lines there is nothing to sum, so nothing is written.
 */
function revenueOf(opportunity: SourceOpportunity, lines: readonly PlannedLine[]): { annual: number | null; total: number | null } {
  if (lines.length === 0) return { annual: null, total: opportunity.amount };
  const annual = lines.reduce((sum, l) => sum + (l.after.Lifecycle__c === 'Renewable' ? (l.after.Annual_Value__c ?? 0) : 0), 0);
  const linesTotal = lines.reduce((sum, l) => sum + (l.line.totalPrice ?? 0), 0);
  return { annual: roundTo(annual, MONEY_SCALE), total: opportunity.amount ?? roundTo(linesTotal, MONEY_SCALE) };
}

/** The account team's Customer Success Manager, else the default CSM, else the account's owner. */
function csmFor(opportunity: SourceOpportunity, input: PlannerInput): { userId: string; source: string } | null {
  const fromTeam = opportunity.accountId ? input.accountCsms.get(opportunity.accountId) : undefined;
  if (fromTeam) return { userId: fromTeam, source: 'from the account team' };
  const noTeamCsm = input.accountTeams === false ? 'Account Teams are not enabled in this org' : 'no Customer Success Manager on the account team';
  if (input.defaultCsmId) return { userId: input.defaultCsmId, source: `is the default CSM (${noTeamCsm})` };
  if (opportunity.accountOwnerId) return { userId: opportunity.accountOwnerId, source: `is the account owner (${noTeamCsm}, and no default CSM)` };
  return null;
}

// ---- Solution components ---------------------------------------------------------------------------

type ExistingComponentState = Omit<ExistingComponent, 'Id'> & { Id: string | null };
type PlannedLine = { line: SourceLineItem; change: ComponentChange; after: ExistingComponentState; undated: UndatedLine | null };

// eslint-disable-next-line complexity -- every field's fallback (??) counts as a branch; the plan reads top to bottom
function planComponent(opportunity: SourceOpportunity, line: SourceLineItem, existing: ExistingComponent | null): PlannedLine {
  const start = line.serviceDate ?? opportunity.closeDate;
  const term = line.termMonths ?? line.productDefaultTermMonths;
  const lifecycle = line.lifecycle ?? existing?.Lifecycle__c ?? null;
  const renewal =
    lifecycle === 'Renewable'
      ? renewalDateOfLine({
          endDate: line.endDate,
          contractEndDate: opportunity.contractEndDate,
          serviceDate: line.serviceDate,
          closeDate: opportunity.closeDate,
          termMonths: line.termMonths,
          productDefaultTermMonths: line.productDefaultTermMonths,
        })
      : null;
  const name = truncate(line.productName ?? `Line ${line.id}`, COMPONENT_NAME_LENGTH);
  const owned: FieldValues = {
    [S.Name]: name,
    [S.Product__c]: line.productId,
    [S.Quantity__c]: line.quantity,
    [S.Total_Price__c]: line.totalPrice,
    [S.Component_Type__c]: line.componentType,
    [S.Lifecycle__c]: line.lifecycle,
    [S.Start_Date__c]: start,
    // A renewable line ends when it renews; any other line at the end of its term, if it has one. A contract that
    // ended before the line started (an add-on delivered after it) dates the renewal, not the line's end.
    [S.End_Date__c]: line.endDate ?? (renewal?.date && !(start && renewal.date < start) ? renewal.date : null) ?? endOfTerm(start, term),
    [S.Renewal_Date__c]: renewal?.date ?? null,
    [S.Annual_Value__c]: annualValueOfLine(line.totalPrice, term, lifecycle),
  };
  const undated =
    renewal && renewal.date === null && !existing?.Renewal_Date__c ? { lineItemId: line.id, name, reason: renewal.reason } : null;
  const renewalNote = renewal?.date ? `renews ${renewal.date} (${renewal.basis})` : undated ? 'renewal date unknown' : null;

  if (!existing) {
    const fields = withoutBlanks({ ...owned, [S.Source_Line_Item_Id__c]: line.id, [S.Role_In_Solution__c]: line.roleInSolution });
    const after = { ...emptyComponent(), ...fields, Id: null } as ExistingComponentState;
    const reason = [`New line item of "${opportunity.name}"`, renewalNote].filter(Boolean).join('; ');
    return {
      line,
      change: { opportunityId: opportunity.id, lineItemId: line.id, action: 'create', componentId: null, name, fields, reason },
      after,
      undated,
    };
  }

  const fields: FieldValues = { ...changedFields(existing, owned), ...fillBlanks(existing, { [S.Role_In_Solution__c]: line.roleInSolution }) };
  const changed = Object.keys(fields);
  const after = { ...existing, ...fields } as ExistingComponentState;
  const reason = changed.length > 0 ? [`Updates ${changed.join(', ')}`, renewalNote].filter(Boolean).join('; ') : 'Up to date';
  return {
    line,
    change: {
      opportunityId: opportunity.id,
      lineItemId: line.id,
      action: changed.length > 0 ? 'update' : 'skip',
      componentId: existing.Id,
      name: existing.Name ?? name,
      fields,
      reason,
    },
    after,
    undated,
  };
}

/** Start plus the term's months (ADDMONTHS) minus one day, as Salesforce dates the end of a Contract. */
function endOfTerm(start: IsoDate | null, termMonths: number | null): IsoDate | null {
  if (!start || termMonths == null || !Number.isInteger(termMonths) || termMonths <= 0) return null;
  return addDays(addMonths(start, termMonths), -1);
}

function emptyComponent(): ExistingComponentState {
  return {
    Id: null,
    Name: null,
    Source_Line_Item_Id__c: null,
    Product__c: null,
    Quantity__c: null,
    Total_Price__c: null,
    Component_Type__c: null,
    Lifecycle__c: null,
    Role_In_Solution__c: null,
    Start_Date__c: null,
    End_Date__c: null,
    Renewal_Date__c: null,
    Annual_Value__c: null,
  };
}

// ---- Task and opportunity status -------------------------------------------------------------------

function planTask(
  opportunity: SourceOpportunity,
  existing: ExistingInitiative | null,
  initiative: InitiativeAfter,
  gaps: readonly HandoverGap[],
  tasksByInitiative: ReadonlyMap<string, ExistingTask[]>,
  today: IsoDate,
): TaskChange {
  const fields = handoverTaskFields(initiative, gaps, today);
  const found = existing ? (tasksByInitiative.get(idKey(existing.Id)) ?? [])[0] : undefined;
  if (found) {
    return {
      opportunityId: opportunity.id,
      action: 'skip',
      initiativeId: existing?.Id ?? null,
      existingTaskId: found.id,
      fields,
      reason: `The initiative already has its review task (${found.id}, ${found.isClosed ? 'closed' : 'open'})`,
    };
  }
  return {
    opportunityId: opportunity.id,
    action: 'create',
    initiativeId: existing?.Id ?? null,
    existingTaskId: null,
    fields,
    reason: initiative.CSM__c
      ? `Review task for the CSM, due ${String(fields.ActivityDate)}`
      : `Review task, due ${String(fields.ActivityDate)}; no CSM known, so it is assigned to the user running the sync`,
  };
}

/** The Task the CSM gets: what to review, the gaps to close, due in three days. */
export function handoverTaskFields(initiative: InitiativeAfter, gaps: readonly HandoverGap[], today: IsoDate): FieldValues {
  const description =
    gaps.length === 0
      ? `The handover of "${initiative.Name}" is complete. Review the initiative, its outcomes and its bill of materials.`
      : [`The handover of "${initiative.Name}" has ${gaps.length} gap(s) to close:`, ...gaps.map((gap) => `- ${gap.message}`)].join('\n');
  return withoutBlanks({
    Subject: truncate(`${HANDOVER_TASK_SUBJECT_PREFIX}${initiative.Name}`, TASK_SUBJECT_LENGTH),
    Description: description,
    ActivityDate: addDays(today, HANDOVER_TASK_DUE_IN_DAYS),
    Status: 'Not Started',
    Priority: 'Normal',
    OwnerId: initiative.CSM__c,
  });
}

function planOpportunityStatus(opportunity: SourceOpportunity, status: HandoverStatus, gapCount: number): OpportunityStatusChange {
  const why = gapCount === 0 ? 'the handover has no gaps' : `the handover has ${gapCount} gap(s)`;
  const base = { opportunityId: opportunity.id, opportunityName: opportunity.name, from: opportunity.handoverStatus, to: status };
  return opportunity.handoverStatus === status
    ? { ...base, action: 'skip', reason: `${OPP.Handover_Status__c} is already ${status}` }
    : { ...base, action: 'update', reason: `${OPP.Handover_Status__c} → ${status}: ${why}` };
}

function isHandoverTask(task: ExistingTask): boolean {
  return (task.subject ?? '').startsWith(HANDOVER_TASK_SUBJECT_PREFIX);
}

// ---- Matching initiatives to opportunities ---------------------------------------------------------

type Match = { initiative: ExistingInitiative | null; duplicates: ExistingInitiative[] };

/**
 * An initiative belongs to an opportunity by its source id (set by an earlier sync); failing that, the oldest one
 * that sales entered with Opportunity__c and no source id is completed. Other such initiatives are left alone and
 * reported, so nothing is duplicated or silently merged.
 */
function initiativeMatcher(initiatives: readonly ExistingInitiative[]): (opportunityId: string) => Match {
  const bySource = new Map<string, ExistingInitiative>();
  const entered = new Map<string, ExistingInitiative[]>();
  for (const initiative of initiatives) {
    if (initiative.Source_Opportunity_Id__c) {
      const key = idKey(initiative.Source_Opportunity_Id__c);
      if (!bySource.has(key)) bySource.set(key, initiative);
    } else if (initiative.Opportunity__c) {
      const key = idKey(initiative.Opportunity__c);
      entered.set(key, [...(entered.get(key) ?? []), initiative]);
    }
  }
  return (opportunityId) => {
    const key = idKey(opportunityId);
    const candidates = entered.get(key) ?? [];
    const initiative = bySource.get(key) ?? candidates[0] ?? null;
    return { initiative, duplicates: candidates.filter((c) => c !== initiative) };
  };
}

function duplicateSkip(opportunity: SourceOpportunity, duplicate: ExistingInitiative, kept: ExistingInitiative | null): InitiativeChange {
  return {
    kind: 'duplicate',
    opportunityId: opportunity.id,
    opportunityName: opportunity.name,
    action: 'skip',
    initiativeId: duplicate.Id,
    name: duplicate.Name,
    fields: {},
    reason: `Another initiative for the same opportunity; ${kept?.Id ?? 'the other'} is the one handed over. Merge this one into it or delete it`,
  };
}

function skipOpportunity(opportunityId: string, opportunityName: string, reason: string): InitiativeChange {
  return { kind: 'not handed over', opportunityId, opportunityName, action: 'skip', initiativeId: null, name: opportunityName || opportunityId, fields: {}, reason };
}

// ---- Field helpers ---------------------------------------------------------------------------------

/** The desired values that differ from the record's; blank desired values are left out (a blank never blanks). */
function changedFields(record: object, desired: FieldValues): FieldValues {
  const current = record as Record<string, unknown>;
  const changes: FieldValues = {};
  for (const [field, value] of Object.entries(desired)) {
    if (isBlank(value) || sameValue(field, current[field], value)) continue;
    changes[field] = value;
  }
  return changes;
}

/** The values for fields that are blank on the record: what a person filled in stays. */
function fillBlanks(record: object, values: FieldValues): FieldValues {
  const current = record as Record<string, unknown>;
  const fills: FieldValues = {};
  for (const [field, value] of Object.entries(values)) {
    if (!isBlank(value) && isBlank(current[field])) fills[field] = value;
  }
  return fills;
}

function withoutBlanks(values: FieldValues): FieldValues {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => !isBlank(value)));
}

/** Fields that hold record Ids, which the org may return in their 18-character form. */
const ID_FIELDS: ReadonlySet<string> = new Set([
  I.Account__c,
  I.Opportunity__c,
  I.Source_Opportunity_Id__c,
  I.CSM__c,
  S.Product__c,
  S.Source_Line_Item_Id__c,
]);

function sameValue(field: string, a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return roundTo(a, 4) === roundTo(b, 4);
  if (ID_FIELDS.has(field) && typeof a === 'string' && typeof b === 'string') return idKey(a) === idKey(b);
  return a === b;
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** 15- and 18-character forms of an Id name the same record: compare their first 15 (case-sensitive) characters. */
export function idKey(id: string): string {
  return id.slice(0, 15);
}

function truncate(text: string, length: number | undefined): string {
  return length !== undefined && text.length > length ? text.slice(0, length) : text;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = idKey(key(item));
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

// ---- Counts ----------------------------------------------------------------------------------------

export type ActionCounts = { create: number; update: number; skip: number };

export function countActions(items: ReadonlyArray<{ action: PlanAction }>): ActionCounts {
  const counts: ActionCounts = { create: 0, update: 0, skip: 0 };
  for (const item of items) counts[item.action] += 1;
  return counts;
}

/**
 * Accounts whose CSM the plan may need: those of won opportunities whose initiative has no CSM yet (or has no
 * initiative). The command asks the account teams about these only, so a rerun costs no team query at all.
 */
export function accountsNeedingCsm(opportunities: ReadonlyArray<Pick<SourceOpportunity, 'id' | 'accountId' | 'isWon'>>, initiatives: readonly ExistingInitiative[]): string[] {
  const matcher = initiativeMatcher(initiatives);
  const accounts = new Set<string>();
  for (const opportunity of opportunities) {
    if (!opportunity.isWon || !opportunity.accountId) continue;
    if (!matcher(opportunity.id).initiative?.CSM__c) accounts.add(opportunity.accountId);
  }
  return [...accounts];
}

// ---- Review tasks two runs created at once ----------------------------------------------------------

/** An open review task, as read back after a run created tasks. */
export type RecentReviewTask = { readonly id: string; readonly whatId: string; readonly createdDate: string };

/**
 * Review tasks are inserts, not upserts (Salesforce has no unique external id on activities), so two handover runs
 * at the same moment can each create one for an initiative. Each run, after creating tasks, reads the recent open
 * ones back and removes all but the oldest of each initiative (ties broken by Id). Every run decides the same,
 * so two runs converge on one task per initiative whichever finishes first.
 */
export function duplicateReviewTasks(tasks: readonly RecentReviewTask[]): string[] {
  const oldestFirst = [...tasks].sort((a, b) => (a.createdDate === b.createdDate ? (a.id < b.id ? -1 : 1) : a.createdDate < b.createdDate ? -1 : 1));
  const kept = new Set<string>();
  const duplicates: string[] = [];
  for (const task of oldestFirst) {
    if (kept.has(task.whatId)) duplicates.push(task.id);
    else kept.add(task.whatId);
  }
  return duplicates;
}
