import { describe, expect, it, test } from '@jest/globals';
import { hasFeeTerms, planLineFee, type ExistingLineFee, type LineFeeTerms } from '../../../src/core/plan/handoverFees.js';

const INITIATIVE = 'a00000000000001AAA';
const OUTCOME = 'a01000000000001AAA';
const opportunity = { id: '006000000000001AAA', name: 'Deal' };
const terms = (extra: Partial<LineFeeTerms> = {}): LineFeeTerms => ({
  outcomeId: OUTCOME,
  outcomeInitiativeId: INITIATIVE,
  amount: 5000,
  rule: 'Linear',
  floorPercent: 40,
  capPercent: null,
  ...extra,
});
const line = (fee: LineFeeTerms) => ({ id: '00k000000000001AAA', name: 'Licence', fee });
const existing: ExistingLineFee = {
  Id: 'a0F000000000001AAA',
  Name: 'FEE-000001',
  Source_Line_Item_Id__c: '00k000000000001AAA',
  Outcome_Requirement__c: OUTCOME,
  Amount_At_Risk__c: 5000,
  Payout_Rule__c: 'Linear',
  Floor_Attainment_Percent__c: 40,
  Cap_Percent__c: null,
  Solution_Component__c: null,
};

describe('planLineFee', () => {
  it('creates a fee with the terms, the line as key and the outcome as master', () => {
    expect(planLineFee(line(terms()), opportunity, INITIATIVE, null)).toMatchObject({
      action: 'create',
      fields: { Amount_At_Risk__c: 5000, Payout_Rule__c: 'Linear', Floor_Attainment_Percent__c: 40, Source_Line_Item_Id__c: '00k000000000001AAA', Outcome_Requirement__c: OUTCOME },
    });
  });

  it('matches the outcome\'s initiative by its 15-character Id', () => {
    expect(planLineFee(line(terms({ outcomeInitiativeId: INITIATIVE.slice(0, 15) })), opportunity, INITIATIVE, null).action).toBe('create');
  });

  test.each<[string, Partial<LineFeeTerms>, string | null, RegExp]>([
    ['a floor on an all-or-nothing rule', { rule: 'All_Or_Nothing' }, INITIATIVE, /a floor and a cap apply to the Linear rule only/],
    ['a floor at 100%', { floorPercent: 100 }, INITIATIVE, /Fee_Floor_Percent__c must be from 0% up to below 100%, got 100%/],
    ['a cap below 100%', { capPercent: 90 }, INITIATIVE, /Fee_Cap_Percent__c must be 100% or more/],
    ['a negative amount', { amount: -1 }, INITIATIVE, /Fee_At_Risk_Amount__c is negative/],
    ['no rule', { rule: null }, INITIATIVE, /incomplete: set Fee_Payout_Rule__c on the line/],
    ['an initiative created in this run (no outcome can be its own yet)', {}, null, /is not an outcome of the initiative of "Deal"/],
  ])('skips %s, saying what to fix', (_, extra, initiativeId, reason) => {
    const change = planLineFee(line(terms(extra)), opportunity, initiativeId, null);
    expect(change.action).toBe('skip');
    expect(change.reason).toMatch(reason);
    expect(change.reason).toMatch(/^Line "Licence" \(00k000000000001AAA\): /);
  });

  it('updates only what changed on the line, and never blanks what the line leaves blank', () => {
    const withCap = { ...existing, Cap_Percent__c: 120 };
    expect(planLineFee(line(terms({ amount: 6000 })), opportunity, INITIATIVE, withCap)).toMatchObject({ action: 'update', fields: { Amount_At_Risk__c: 6000 } });
    expect(planLineFee(line(terms()), opportunity, INITIATIVE, existing)).toMatchObject({ action: 'skip', reason: 'Up to date' });
  });

  it('refuses to move a fee to another outcome (the master-detail is not reparentable)', () => {
    const moved = planLineFee(line(terms({ outcomeId: 'a01000000000002AAA' })), opportunity, INITIATIVE, existing);
    expect(moved).toMatchObject({ action: 'skip', reason: expect.stringMatching(/cannot move to another outcome: delete the fee and rerun/) });
  });

  it('a line without any fee term carries no fee', () => {
    expect(hasFeeTerms({ outcomeId: null, outcomeInitiativeId: null, amount: null, rule: null, floorPercent: null, capPercent: null })).toBe(false);
    expect(hasFeeTerms(null)).toBe(false);
    expect(hasFeeTerms(terms())).toBe(true);
  });
});
