/**
 * The content of a value-realization report, independent of its format: what the customer set out to achieve,
 * what is attained, the trend of each outcome, what is at risk before the renewal, and which outcomes are still
 * assumed. Attainment and status are computed afresh from the measurements (`assessOutcome`) as of a given date,
 * never read from the values stored on the outcome, which are only as fresh as the last recompute.
 */
import { compareDates, daysBetween, isAfter, isBefore, type IsoDate } from '../dates.js';
import { dueDateOf } from '../deadline.js';
import { OUTCOME_STATUSES, type InitiativeStatus, type OutcomeStatus, type Priority, type ValidationStatus } from '../model.js';
import { resolvedTarget } from '../quantity.js';
import { deadlineSummary, quantitySummary as quantityInWords } from '../words.js';
import type { InitiativeRecord, MeasurementRecord, OutcomeRequirementRecord, SolutionComponentRecord } from '../schemas.js';
import { nextRenewalDate } from '../renewal.js';
import { renewalRisk, RISKY_STATUSES } from '../risk.js';
import { assessOutcome, DEFAULT_AT_RISK_THRESHOLD_PERCENT } from '../trajectory.js';
import { outcomeStanding, type OutcomeStanding, type PeerComparison } from './benchmark.js';
import { feeSums, outcomeFees, type FeeSums, type OutcomeFee, type ReportFeeSource } from './reportFees.js';

export type ReportScope = { kind: 'initiative' | 'account'; id: string };

export type OutcomeSource = {
  record: OutcomeRequirementRecord;
  measurements: MeasurementRecord[];
  /** Solution components linked to the outcome through Outcome_Component__c. */
  componentIds: string[];
};

export type InitiativeSource = {
  record: InitiativeRecord;
  accountName: string | null;
  components: SolutionComponentRecord[];
  outcomes: OutcomeSource[];
};

export type ValueReportInput = {
  scope: ReportScope;
  asOf: IsoDate;
  initiatives: InitiativeSource[];
  /**
   * Days ahead of the report date that a renewal counts as near (`--within`). Null, the default: the next renewal,
   * whenever it falls — a customer report asks "what is at risk before the renewal", not "within 120 days".
   */
  renewalWindowDays?: number | null;
  atRiskThresholdPercent?: number;
  /** ISO code of the amounts' currency (the records' CurrencyIsoCode, else the org's default); null when unknown. */
  currency?: string | null;
  /** Peers to compare outcomes with a KPI against (`sf outcomes benchmark`'s groups or a pooled file); null: none. */
  peers?: PeerComparison | null;
  /** The fees at risk in scope, to show the fee position; null or absent leaves fees out of the report entirely. */
  fees?: readonly ReportFeeSource[] | null;
};

export type OutcomeRef = { id: string; name: string | null; description: string; priority: Priority | null };

export type OutcomeValue = OutcomeRef & {
  validationStatus: ValidationStatus | null;
  quantity: {
    type: OutcomeRequirementRecord['Quantity_Type__c'] | null;
    direction: OutcomeRequirementRecord['Direction__c'] | null;
    baseline: number | null;
    /** As entered: for Relative % the change in percent of the baseline. */
    enteredTarget: number | null;
    /** The value to reach, resolved from the baseline for Relative %; null while the quantity is incomplete. */
    targetValue: number | null;
    unit: string | null;
    summary: string;
  };
  deadline: { type: OutcomeRequirementRecord['Deadline_Type__c'] | null; dueDate: IsoDate | null; summary: string };
  measurementMethod: string | null;
  latest: { value: number; measuredOn: IsoDate } | null;
  attainmentPercent: number | null;
  forecast: { value: number; attainmentPercent: number | null } | null;
  /** Computed as of the report's date. */
  status: OutcomeStatus;
  reason: string;
  /** What the org has stored, for comparison: a difference means the recompute has not run since. */
  storedStatus: OutcomeStatus | null;
  /** Measurements up to the report's date, oldest first. */
  series: Array<{ date: IsoDate; value: number }>;
  /** Measurements dated after the report's date, left out of everything above. */
  measurementsAfterAsOf: number;
  /** For an outcome with a KPI: where its improvement stands among other customers; null when there are too few. */
  peerStanding: OutcomeStanding | null;
  /** The fees at risk on this outcome, judged as of the report's date; absent when the report leaves fees out. */
  fees?: OutcomeFee[];
};

export type RenewableLine = {
  id: string | null;
  name: string;
  componentType: SolutionComponentRecord['Component_Type__c'] | null;
  renewalDate: IsoDate | null;
  annualValue: number | null;
  /** Names of primary outcomes not on track that this line serves (Outcome_Component__c). */
  servesOutcomesNotOnTrack: string[];
};

export type RenewalOutlook = {
  nextRenewalDate: IsoDate | null;
  daysLeft: number | null;
  withinWindow: boolean;
  renewableLines: RenewableLine[];
  renewableAnnualValue: number;
  /** Primary outcomes in all: with none, there is nothing to judge the renewal by. */
  primaryOutcomes: number;
  primaryNotOnTrack: Array<OutcomeRef & { status: OutcomeStatus; reason: string }>;
  /** The renewal-risk rule: the next renewal is within the window while a primary outcome is not on track. */
  atRisk: boolean;
  summary: string;
};

/**
 * Where the initiative stands in its life, read from its dates as of the report date rather than from the stored
 * Status__c, which nobody may have moved on since the handover ("Onboarding" for an initiative live for 18 months).
 */
export type Lifecycle = {
  /** Live: go-live on or before the report date; onboarding: go-live ahead; unknown: no go-live date. */
  phase: 'live' | 'onboarding' | 'unknown';
  goLiveDate: IsoDate | null;
  handoverDate: IsoDate | null;
  /** The first measurement on or before the report date. */
  firstMeasuredOn: IsoDate | null;
  /** Dates recorded after the report date: they are shown as ahead, never as done. */
  handoverAfterAsOf: boolean;
  /** The stored status says Handover or Onboarding while the dates say the initiative is live. */
  storedStatusStale: boolean;
};

export type InitiativeValue = {
  id: string;
  name: string;
  accountId: string;
  accountName: string | null;
  status: InitiativeStatus | null;
  purpose: string | null;
  strategicAlignment: string | null;
  challenges: string | null;
  handoverDate: IsoDate | null;
  goLiveDate: IsoDate | null;
  lifecycle: Lifecycle;
  outcomes: OutcomeValue[];
  renewal: RenewalOutlook;
  /** Stated by the customer or validated, against assumed and still to validate with the customer. */
  validation: { stated: OutcomeRef[]; validated: OutcomeRef[]; toValidate: OutcomeRef[]; unclassified: OutcomeRef[] };
  /** Sums of the outcomes' fees at risk; absent when the report leaves fees out. */
  fees?: FeeSums;
};

export type ReportTotals = {
  initiatives: number;
  outcomes: number;
  byStatus: Record<OutcomeStatus, number>;
  primaryNotOnTrack: number;
  toValidate: number;
  initiativesAtRisk: number;
  renewableAnnualValue: number;
};

/** A renewal at risk, as the summary page lists it. */
export type RenewalAtRisk = {
  initiativeId: string;
  initiativeName: string;
  renewalDate: IsoDate;
  daysLeft: number;
  renewableAnnualValue: number;
  outcomes: Array<OutcomeRef & { status: OutcomeStatus }>;
};

/** The one-screen summary an executive reads first: goals, what is attained or on course, what is at risk, what needs the customer. */
export type ReportSummary = {
  /** Each initiative's purpose: what the customer set out to achieve. */
  goals: Array<{ initiativeId: string; initiativeName: string; purpose: string | null }>;
  /** Attained or on track (the forecast reaches the target by the due date). */
  outcomes: { total: number; attainedOrOnCourse: number };
  primary: { total: number; attainedOrOnCourse: number };
  renewalsAtRisk: RenewalAtRisk[];
  /** Assumed in the sales cycle: the customer should confirm them. */
  toValidate: OutcomeRef[];
  /** No measurement on or before the report date: the customer should provide one. */
  noMeasurement: OutcomeRef[];
};

export type ValueReport = {
  asOf: IsoDate;
  scope: ReportScope & { name: string };
  /** Null: the next renewal whenever it falls; else the `--within` window in days. */
  renewalWindowDays: number | null;
  /** ISO currency code of the amounts, or null when the org did not say. */
  currency: string | null;
  summary: ReportSummary;
  initiatives: InitiativeValue[];
  totals: ReportTotals;
  /** The fee position of the whole report; null when the report leaves fees out (a customer report, by default). */
  fees: FeeSums | null;
};

/** Why there is nothing to report, or null when there is something. */
export function nothingToReport(initiatives: readonly InitiativeSource[]): { reason: 'no-initiative' } | { reason: 'no-outcomes'; names: string[] } | null {
  if (initiatives.length === 0) return { reason: 'no-initiative' };
  if (initiatives.every((i) => i.outcomes.length === 0)) return { reason: 'no-outcomes', names: initiatives.map((i) => i.record.Name) };
  return null;
}

export function buildValueReport(input: ValueReportInput): ValueReport {
  const renewalWindowDays = input.renewalWindowDays ?? null;
  const threshold = input.atRiskThresholdPercent ?? DEFAULT_AT_RISK_THRESHOLD_PERCENT;
  const peers = input.peers ?? null;
  const feesByOutcome = input.fees == null ? null : groupByOutcome(input.fees);
  const initiatives = input.initiatives.map((source) => initiativeValue(source, input.asOf, renewalWindowDays, threshold, feesByOutcome, peers));
  const first = input.initiatives[0];
  const scopeName =
    input.scope.kind === 'initiative'
      ? (first?.record.Name ?? input.scope.id)
      : (input.initiatives.find((i) => i.accountName)?.accountName ?? input.scope.id);
  return {
    asOf: input.asOf,
    scope: { ...input.scope, name: scopeName },
    renewalWindowDays,
    currency: input.currency ?? null,
    summary: summaryOf(initiatives),
    initiatives,
    totals: totalsOf(initiatives),
    fees: feesByOutcome === null ? null : feeSums(initiatives.flatMap((i) => i.outcomes.flatMap((o) => o.fees ?? []))),
  };
}

function groupByOutcome(fees: readonly ReportFeeSource[]): Map<string, ReportFeeSource[]> {
  const byOutcome = new Map<string, ReportFeeSource[]>();
  for (const fee of fees) byOutcome.set(fee.Outcome_Requirement__c, [...(byOutcome.get(fee.Outcome_Requirement__c) ?? []), fee]);
  return byOutcome;
}

const ON_COURSE: readonly OutcomeStatus[] = ['Attained', 'On Track'];

function summaryOf(initiatives: InitiativeValue[]): ReportSummary {
  const outcomes = initiatives.flatMap((i) => i.outcomes);
  const primary = outcomes.filter((o) => o.priority === 'Primary');
  const onCourse = (list: OutcomeValue[]): number => list.filter((o) => ON_COURSE.includes(o.status)).length;
  return {
    goals: initiatives.map((i) => ({ initiativeId: i.id, initiativeName: i.name, purpose: i.purpose })),
    outcomes: { total: outcomes.length, attainedOrOnCourse: onCourse(outcomes) },
    primary: { total: primary.length, attainedOrOnCourse: onCourse(primary) },
    renewalsAtRisk: initiatives
      .filter((i) => i.renewal.atRisk && i.renewal.nextRenewalDate !== null && i.renewal.daysLeft !== null)
      .map((i) => ({
        initiativeId: i.id,
        initiativeName: i.name,
        renewalDate: i.renewal.nextRenewalDate as IsoDate,
        daysLeft: i.renewal.daysLeft as number,
        renewableAnnualValue: i.renewal.renewableAnnualValue,
        outcomes: i.renewal.primaryNotOnTrack.map((o) => ({ ...refOf(o), status: o.status })),
      }))
      .sort((a, b) => a.daysLeft - b.daysLeft),
    toValidate: initiatives.flatMap((i) => i.validation.toValidate),
    noMeasurement: outcomes.filter((o) => o.latest === null).map(refOf),
  };
}

function lifecycleOf(record: InitiativeRecord, firstMeasuredOn: IsoDate | null, asOf: IsoDate): Lifecycle {
  const goLiveDate = record.Go_Live_Date__c ?? null;
  const handoverDate = record.Handover_Date__c ?? null;
  const phase = goLiveDate === null ? 'unknown' : isAfter(goLiveDate, asOf) ? 'onboarding' : 'live';
  const stored = record.Status__c ?? null;
  return {
    phase,
    goLiveDate,
    handoverDate,
    firstMeasuredOn,
    handoverAfterAsOf: handoverDate !== null && isAfter(handoverDate, asOf),
    storedStatusStale: phase === 'live' && (stored === null || stored === 'Handover' || stored === 'Onboarding'),
  };
}

function initiativeValue(
  source: InitiativeSource,
  asOf: IsoDate,
  windowDays: number | null,
  threshold: number,
  feesByOutcome: ReadonlyMap<string, ReportFeeSource[]> | null,
  peers: PeerComparison | null,
): InitiativeValue {
  const { record } = source;
  const anchors = { goLiveDate: record.Go_Live_Date__c ?? null, handoverDate: record.Handover_Date__c ?? null };
  const outcomes = [...source.outcomes]
    .sort(byPriorityThenName)
    .map((outcome) => outcomeValue(outcome, anchors, asOf, threshold, feesByOutcome, peers === null ? null : { peers, accountId: record.Account__c }));
  const refs = new Map(outcomes.map((o) => [o.id, refOf(o)]));
  const classify = (status: ValidationStatus | null): OutcomeRef[] =>
    outcomes.filter((o) => o.validationStatus === status).map((o) => refs.get(o.id) as OutcomeRef);
  return {
    id: String(record.Id),
    name: record.Name,
    accountId: record.Account__c,
    accountName: source.accountName,
    status: record.Status__c ?? null,
    purpose: record.Purpose__c ?? null,
    strategicAlignment: record.Strategic_Alignment__c ?? null,
    challenges: record.Challenges__c ?? null,
    handoverDate: anchors.handoverDate,
    goLiveDate: anchors.goLiveDate,
    lifecycle: lifecycleOf(record, firstDate(outcomes.flatMap((o) => o.series.map((p) => p.date))), asOf),
    outcomes,
    renewal: renewalOutlook(source, outcomes, asOf, windowDays),
    validation: {
      stated: classify('Stated by Customer'),
      validated: classify('Validated'),
      toValidate: classify('Assumed_Needs_Validation'),
      unclassified: classify(null),
    },
    ...(feesByOutcome === null ? {} : { fees: feeSums(outcomes.flatMap((o) => o.fees ?? [])) }),
  };
}

function outcomeValue(
  source: OutcomeSource,
  anchors: { goLiveDate: IsoDate | null; handoverDate: IsoDate | null },
  asOf: IsoDate,
  threshold: number,
  feesByOutcome: ReadonlyMap<string, ReportFeeSource[]> | null,
  comparison: { peers: PeerComparison; accountId: string } | null,
): OutcomeValue {
  const { record } = source;
  const known = source.measurements.filter((m) => !isAfter(m.Measured_On__c, asOf));
  const dueDate = dueDateOf(record, anchors);
  const assessment = assessOutcome(record, known, { today: asOf, dueDate, atRiskThresholdPercent: threshold });
  const series = [...known]
    .sort((a, b) => compareDates(a.Measured_On__c, b.Measured_On__c))
    .map((m) => ({ date: m.Measured_On__c, value: m.Value__c }));
  return {
    ...refOf({ id: String(record.Id), name: record.Name ?? null, description: record.Description__c, priority: record.Priority__c ?? null }),
    validationStatus: record.Validation_Status__c ?? null,
    quantity: {
      type: record.Quantity_Type__c ?? null,
      direction: record.Direction__c ?? null,
      baseline: record.Baseline_Value__c ?? null,
      enteredTarget: record.Target_Value__c ?? null,
      targetValue: resolvedTarget(record),
      unit: record.Unit__c ?? null,
      summary: quantitySummary(record),
    },
    deadline: {
      type: record.Deadline_Type__c ?? null,
      dueDate,
      summary: deadlineSummary(record, dueDate, anchors),
    },
    measurementMethod: record.Measurement_Method__c ?? null,
    latest:
      assessment.latestValue !== null && assessment.latestMeasuredOn !== null
        ? { value: assessment.latestValue, measuredOn: assessment.latestMeasuredOn }
        : null,
    attainmentPercent: assessment.attainmentPercent,
    forecast: assessment.forecastValue === null ? null : { value: assessment.forecastValue, attainmentPercent: assessment.forecastAttainmentPercent },
    status: assessment.status,
    reason: assessment.reason,
    storedStatus: record.Status__c ?? null,
    series,
    measurementsAfterAsOf: source.measurements.length - known.length,
    peerStanding: comparison === null ? null : peerStandingOf(record, assessment.latestValue, comparison),
    ...(feesByOutcome === null ? {} : { fees: outcomeFees(feesByOutcome.get(String(record.Id)) ?? [], assessment, asOf) }),
  };
}

/** The outcome's latest value as of the report, against the other customers' (the customer itself excluded). */
function peerStandingOf(
  record: OutcomeRequirementRecord,
  latestValue: number | null,
  comparison: { peers: PeerComparison; accountId: string },
): OutcomeStanding | null {
  return outcomeStanding(comparison.peers, {
    kpiId: record.KPI__c ?? null,
    accountId: comparison.accountId,
    direction: record.Direction__c ?? null,
    quantityType: record.Quantity_Type__c ?? null,
    baseline: record.Baseline_Value__c ?? null,
    latestValue,
  });
}

function renewalOutlook(source: InitiativeSource, outcomes: OutcomeValue[], asOf: IsoDate, windowDays: number | null): RenewalOutlook {
  const primaryOutcomes = outcomes.filter((o) => o.priority === 'Primary').length;
  const notOnTrack = outcomes.filter((o) => o.priority === 'Primary' && RISKY_STATUSES.includes(o.status));
  const notOnTrackIds = new Set(notOnTrack.map((o) => o.id));
  const renewable = source.components.filter((c) => c.Lifecycle__c === 'Renewable');
  const renewableLines: RenewableLine[] = renewable
    .map((c) => ({
      id: c.Id ?? null,
      name: c.Name,
      componentType: c.Component_Type__c ?? null,
      renewalDate: c.Renewal_Date__c ?? null,
      annualValue: c.Annual_Value__c ?? null,
      servesOutcomesNotOnTrack: source.outcomes
        .filter((o) => notOnTrackIds.has(String(o.record.Id)) && c.Id !== undefined && o.componentIds.includes(c.Id))
        .map((o) => o.record.Name ?? o.record.Description__c),
    }))
    .sort((a, b) => compareNullableDates(a.renewalDate, b.renewalDate) || a.name.localeCompare(b.name));

  const nextRenewal = nextRenewalOf(source, asOf);
  const daysLeft = nextRenewal === null ? null : daysBetween(asOf, nextRenewal);
  const withinWindow = daysLeft !== null && (windowDays === null || daysLeft <= windowDays);
  // The same rule as `sf outcomes risk`, fed with the statuses computed for this report; without a window the
  // window reaches the next renewal itself, so "at risk before the renewal" never depends on a fixed 120 days.
  const risk = renewalRisk({
    initiative: { Next_Renewal_Date__c: nextRenewal },
    outcomes: outcomes.map((o) => ({ Id: o.id, Description__c: o.description, Priority__c: o.priority, Status__c: o.status })),
    today: asOf,
    withinDays: windowDays ?? Math.max(daysLeft ?? 0, 0),
  });
  return {
    nextRenewalDate: nextRenewal,
    daysLeft,
    withinWindow,
    renewableLines,
    renewableAnnualValue: sum(renewableLines.map((l) => l.annualValue ?? 0)),
    primaryOutcomes,
    primaryNotOnTrack: notOnTrack.map((o) => ({ ...refOf(o), status: o.status, reason: o.reason })),
    atRisk: risk !== null,
    summary: renewalSummary(nextRenewal, daysLeft, windowDays, primaryOutcomes, notOnTrack.length),
  };
}

/**
 * The earliest renewal of a Renewable line on or after the report's date; the initiative's stored
 * Next_Renewal_Date__c when no line is dated (a line may be undated, which the renewal sync reports).
 */
function nextRenewalOf(source: InitiativeSource, asOf: IsoDate): IsoDate | null {
  const fromLines = nextRenewalDate(source.components, asOf);
  if (fromLines !== null) return fromLines;
  const stored = source.record.Next_Renewal_Date__c ?? null;
  return stored !== null && !isBefore(stored, asOf) ? stored : null;
}

function renewalSummary(date: IsoDate | null, daysLeft: number | null, windowDays: number | null, primary: number, notOnTrack: number): string {
  if (date === null || daysLeft === null) return 'No renewal date ahead: no renewable line is dated after the report date.';
  const when = `Renews on ${date}, in ${daysLeft} ${daysLeft === 1 ? 'day' : 'days'}`;
  const outcomes =
    primary === 0
      ? 'no primary outcome is recorded to judge it by'
      : notOnTrack === 0
        ? 'every primary outcome is attained or on track'
        : `${notOnTrack} primary ${notOnTrack === 1 ? 'outcome is' : 'outcomes are'} not on track`;
  if (windowDays === null) return `${when}, and ${outcomes}${notOnTrack > 0 ? ': at risk' : ''}.`;
  if (daysLeft <= windowDays) return `${when}, within ${windowDays} days, and ${outcomes}${notOnTrack > 0 ? ': at risk' : ''}.`;
  return `${when}, beyond the ${windowDays}-day window; ${outcomes}.`;
}

/** "Increase from 100 to 115 (15% uplift)", "At most 6 months", or what is missing (words shared with the components). */
export function quantitySummary(outcome: OutcomeRequirementRecord): string {
  return quantityInWords(outcome);
}

function totalsOf(initiatives: InitiativeValue[]): ReportTotals {
  const outcomes = initiatives.flatMap((i) => i.outcomes);
  const byStatus = Object.fromEntries(OUTCOME_STATUSES.map((s) => [s, 0])) as Record<OutcomeStatus, number>;
  for (const o of outcomes) byStatus[o.status] += 1;
  return {
    initiatives: initiatives.length,
    outcomes: outcomes.length,
    byStatus,
    primaryNotOnTrack: sum(initiatives.map((i) => i.renewal.primaryNotOnTrack.length)),
    toValidate: sum(initiatives.map((i) => i.validation.toValidate.length)),
    initiativesAtRisk: initiatives.filter((i) => i.renewal.atRisk).length,
    renewableAnnualValue: sum(initiatives.map((i) => i.renewal.renewableAnnualValue)),
  };
}

function firstDate(dates: IsoDate[]): IsoDate | null {
  return dates.length === 0 ? null : [...dates].sort(compareDates)[0];
}

function refOf(o: OutcomeRef): OutcomeRef {
  return { id: o.id, name: o.name, description: o.description, priority: o.priority };
}

function byPriorityThenName(a: OutcomeSource, b: OutcomeSource): number {
  const rank = (p: Priority | null | undefined): number => (p === 'Primary' ? 0 : p === 'Secondary' ? 1 : 2);
  return rank(a.record.Priority__c) - rank(b.record.Priority__c) || (a.record.Name ?? '').localeCompare(b.record.Name ?? '');
}

function compareNullableDates(a: IsoDate | null, b: IsoDate | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compareDates(a, b);
}

/** Sums money to the cent without binary drift (0.1 + 0.2). */
function sum(values: number[]): number {
  return Math.round(values.reduce((total, v) => total + v, 0) * 100) / 100;
}
