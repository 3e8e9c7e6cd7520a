import { describe, expect, it } from '@jest/globals';
import { feeTermsProblem, type FeeTerms } from '../../../src/core/fee.js';
import { SAMPLE_FEES } from '../../src/sample/fees.js';
import { generateSampleData } from '../../src/sample/generate.js';
import { sample, TODAY } from './helpers.js';

describe('sample fees at risk', () => {
  const data = sample();
  const fees = data.records.Fee_At_Risk__c;
  const tiers = data.records.Fee_Tier__c;

  it('puts a few fees of each payout rule on primary outcomes', () => {
    expect(fees).toHaveLength(SAMPLE_FEES);
    const counts = new Map<string, number>();
    for (const fee of fees) counts.set(String(fee.Payout_Rule__c), (counts.get(String(fee.Payout_Rule__c)) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ Tiered: 3, Linear: 3, All_Or_Nothing: 3 });
    const outcomes = new Map(data.records.Outcome_Requirement__c.map((o) => [`@${o.attributes.referenceId}`, o]));
    for (const fee of fees) expect(outcomes.get(String(fee.Outcome_Requirement__c))?.Priority__c).toBe('Primary');
  });

  it('has terms the org accepts and the core can apply (tiers only on tiered fees, rising)', () => {
    for (const fee of fees) {
      const own = tiers.filter((t) => t.Fee_At_Risk__c === `@${fee.attributes.referenceId}`);
      const terms: FeeTerms = {
        Amount_At_Risk__c: Number(fee.Amount_At_Risk__c),
        Payout_Rule__c: fee.Payout_Rule__c as FeeTerms['Payout_Rule__c'],
        Floor_Attainment_Percent__c: (fee.Floor_Attainment_Percent__c as number | undefined) ?? null,
        Cap_Percent__c: (fee.Cap_Percent__c as number | undefined) ?? null,
        tiers: own.map((t) => ({ From_Attainment_Percent__c: Number(t.From_Attainment_Percent__c), Payout_Percent__c: Number(t.Payout_Percent__c) })),
      };
      expect({ fee: fee.attributes.referenceId, problem: feeTermsProblem(terms) }).toEqual({ fee: fee.attributes.referenceId, problem: null });
      expect(own.length > 0).toBe(fee.Payout_Rule__c === 'Tiered');
      expect(Number(fee.Amount_At_Risk__c)).toBeGreaterThan(0);
    }
  });

  it('a one-deal sample still has a tiered fee with its tiers', () => {
    const tiny = generateSampleData({ seed: 3, opportunities: 1, today: TODAY });
    expect(tiny.records.Fee_At_Risk__c[0].Payout_Rule__c).toBe('Tiered');
    expect(tiny.records.Fee_Tier__c.length).toBeGreaterThan(0);
  });
});
