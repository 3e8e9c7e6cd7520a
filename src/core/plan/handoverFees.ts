/**
 * Fee-at-risk terms carried over from a won deal's line items (docs/design.md, "Fee at risk"): sales records on a
 * line the outcome it depends on (Fee_Outcome__c, an outcome of the deal's initiative), the amount, the payout
 * rule and, for a linear rule, floor and cap; handover makes one Fee_At_Risk__c per such line, upserted on
 * Source_Line_Item_Id__c, so a rerun updates it instead of adding another. The line is the source of the terms it
 * carries: a change on the line is brought over, a blank on the line never blanks the fee. Tiers are recorded on
 * the fee after handover (a line has no room for them). Pure.
 */
import { FeeAtRisk, OpportunityLineItemFields, fieldsOf, type PayoutRule } from '../model.js';
import { roundTo } from '../numbers.js';

const FA = fieldsOf(FeeAtRisk);
const LINE = fieldsOf(OpportunityLineItemFields);

/** The fee fields of a line item; `outcomeInitiativeId` is the initiative of the outcome the line names. */
export type LineFeeTerms = {
  readonly outcomeId: string | null;
  readonly outcomeInitiativeId: string | null;
  readonly amount: number | null;
  readonly rule: PayoutRule | null;
  readonly floorPercent: number | null;
  readonly capPercent: number | null;
};

/** A fee handover created before, found by its line. */
export type ExistingLineFee = {
  readonly Id: string;
  readonly Name: string | null;
  readonly Source_Line_Item_Id__c: string;
  readonly Outcome_Requirement__c: string;
  readonly Amount_At_Risk__c: number;
  readonly Payout_Rule__c: PayoutRule;
  readonly Floor_Attainment_Percent__c: number | null;
  readonly Cap_Percent__c: number | null;
  readonly Solution_Component__c: string | null;
};

export type FeeChange = {
  readonly opportunityId: string;
  readonly lineItemId: string;
  readonly action: 'create' | 'update' | 'skip';
  readonly feeId: string | null;
  readonly name: string;
  /**
   * Create: every term with Source_Line_Item_Id__c (the upsert key) and Outcome_Requirement__c (the master, set on
   * create only); Solution_Component__c is added at apply, once the line's component is written. Update: what changes.
   */
  readonly fields: Record<string, string | number>;
  readonly reason: string;
};

/** Whether a line carries any fee term at all (a line without one makes no fee and no noise). */
export function hasFeeTerms(terms: LineFeeTerms | null | undefined): terms is LineFeeTerms {
  return (
    terms != null &&
    (terms.outcomeId !== null || terms.amount !== null || terms.rule !== null || terms.floorPercent !== null || terms.capPercent !== null)
  );
}

const sameId = (a: string | null, b: string | null): boolean => a !== null && b !== null && a.slice(0, 15) === b.slice(0, 15);

/**
 * The fee change of one line. `initiativeId`: the deal's initiative as it exists before the run (null when handover
 * creates it, and then no outcome can belong to it yet).
 */
export function planLineFee(
  line: { readonly id: string; readonly name: string; readonly fee: LineFeeTerms },
  opportunity: { readonly id: string; readonly name: string },
  initiativeId: string | null,
  existing: ExistingLineFee | null,
): FeeChange {
  const { fee } = line;
  const base = { opportunityId: opportunity.id, lineItemId: line.id, feeId: existing?.Id ?? null, name: existing?.Name ?? `Fee at risk: ${line.name}` };
  const skip = (reason: string): FeeChange => ({ ...base, action: 'skip', fields: {}, reason: `Line "${line.name}" (${line.id}): ${reason}` });

  const problem = lineTermsProblem(fee, initiativeId, opportunity.name);
  if (problem !== null) return skip(problem);
  const outcomeId = fee.outcomeId as string;
  const amount = fee.amount as number;
  const rule = fee.rule as PayoutRule;

  const terms: Record<string, string | number | null> = {
    [FA.Amount_At_Risk__c]: roundTo(amount, 2),
    [FA.Payout_Rule__c]: rule,
    [FA.Floor_Attainment_Percent__c]: fee.floorPercent,
    [FA.Cap_Percent__c]: fee.capPercent,
  };
  if (!existing) {
    const fields = withoutBlanks({ ...terms, [FA.Source_Line_Item_Id__c]: line.id, [FA.Outcome_Requirement__c]: outcomeId });
    return { ...base, action: 'create', fields, reason: `New fee at risk from line "${line.name}": ${amount} on outcome ${outcomeId}, ${rule}` };
  }
  if (!sameId(existing.Outcome_Requirement__c, outcomeId)) {
    return skip(
      `the fee ${existing.Id} is on outcome ${existing.Outcome_Requirement__c}, the line now names ${outcomeId}, and a fee cannot move to another outcome: delete the fee and rerun`,
    );
  }
  const fields: Record<string, string | number> = {};
  for (const [field, value] of Object.entries(terms)) {
    if (value === null) continue;
    const current = (existing as unknown as Record<string, unknown>)[field];
    if (typeof value === 'number' && typeof current === 'number' ? roundTo(value, 2) === roundTo(current, 2) : value === current) continue;
    fields[field] = value;
  }
  const changed = Object.keys(fields);
  return changed.length > 0
    ? { ...base, action: 'update', fields, reason: `Updates ${changed.join(', ')} from line "${line.name}"` }
    : { ...base, action: 'skip', fields: {}, reason: 'Up to date' };
}

/** Why a line's terms cannot become a fee (what to fix on the line), or null when they can. */
function lineTermsProblem(fee: LineFeeTerms, initiativeId: string | null, opportunityName: string): string | null {
  const wanted: Array<string | null> = [
    fee.outcomeId === null ? LINE.Fee_Outcome__c : null,
    fee.amount === null ? LINE.Fee_At_Risk_Amount__c : null,
    fee.rule === null ? LINE.Fee_Payout_Rule__c : null,
  ];
  const missing = wanted.filter((f): f is string => f !== null);
  if (missing.length > 0) return `the fee terms are incomplete: set ${missing.join(', ')} on the line`;
  if ((fee.amount as number) < 0) return `${LINE.Fee_At_Risk_Amount__c} is negative (${fee.amount as number}): enter the part of the fee that depends on the outcome`;
  if (fee.rule !== 'Linear' && (fee.floorPercent !== null || fee.capPercent !== null)) {
    return `a floor and a cap apply to the Linear rule only: clear ${LINE.Fee_Floor_Percent__c} and ${LINE.Fee_Cap_Percent__c} or choose Linear`;
  }
  if (fee.floorPercent !== null && (fee.floorPercent < 0 || fee.floorPercent >= 100)) {
    return `${LINE.Fee_Floor_Percent__c} must be from 0% up to below 100%, got ${fee.floorPercent}%`;
  }
  if (fee.capPercent !== null && fee.capPercent < 100) return `${LINE.Fee_Cap_Percent__c} must be 100% or more, got ${fee.capPercent}%`;
  if (!sameId(fee.outcomeInitiativeId, initiativeId)) {
    return `${LINE.Fee_Outcome__c} ${fee.outcomeId as string} is not an outcome of the initiative of "${opportunityName}": pick one of this deal's outcomes (record them on its initiative first)`;
  }
  return null;
}

function withoutBlanks(values: Record<string, string | number | null>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)) as Record<string, string | number>;
}
