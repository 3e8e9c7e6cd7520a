import { describe, expect, it } from '@jest/globals';
import { buildFeeListing, type FeeLine } from '../../../src/core/plan/feeListing.js';

const line = (extra: Partial<FeeLine>): FeeLine => ({
  id: 'f1',
  name: 'FEE-1',
  accountId: 'acc1',
  accountName: 'Acme',
  initiativeId: 'i1',
  initiativeName: 'Rollout',
  nextRenewalDate: '2026-03-01',
  outcomeId: 'o1',
  outcomeName: 'OR-1',
  outcomeDescription: 'Wastage',
  outcomeStatus: 'At Risk',
  dueDate: '2026-06-30',
  solutionComponentName: null,
  payoutRule: 'Linear',
  amountAtRisk: 1000,
  earnedToDate: 100,
  forecastToEarn: 600,
  forfeited: 0,
  status: 'Open',
  ...extra,
});

describe('buildFeeListing', () => {
  const fees = [
    line({}),
    line({ id: 'f2', amountAtRisk: 500, earnedToDate: 0, forecastToEarn: null, status: null }),
    line({ id: 'f3', initiativeId: 'i2', initiativeName: 'Phase 2', nextRenewalDate: '2026-01-10', amountAtRisk: 200, earnedToDate: 200, forecastToEarn: 200 }),
    line({ id: 'f4', accountId: 'acc2', accountName: 'Beta', initiativeId: 'i3', nextRenewalDate: '2027-01-01', amountAtRisk: 300, earnedToDate: 0, forecastToEarn: 0, forfeited: 300, status: 'Forfeited' }),
  ];
  const listing = buildFeeListing(fees, { asOf: '2026-01-01', withinDays: 120 });

  it('sums by initiative and by account; no forecast counts 0, an unjudged fee is counted', () => {
    expect(listing.initiatives.find((i) => i.initiativeId === 'i1')).toMatchObject({ fees: 2, atRisk: 1500, earned: 100, forecastToEarn: 600, shortfall: 900, notRecomputed: 1 });
    expect(listing.accounts).toEqual([
      expect.objectContaining({ accountId: 'acc1', fees: 3, atRisk: 1700, forecastToEarn: 800, shortfall: 900 }),
      expect.objectContaining({ accountId: 'acc2', fees: 1, atRisk: 300, forfeited: 300, shortfall: 300 }),
    ]);
    expect(listing.totals).toEqual({ fees: 4, atRisk: 2000, earned: 300, forecastToEarn: 800, forfeited: 300, shortfall: 1200, notRecomputed: 1 });
  });

  it('lists the renewals inside the window that fall short, soonest first; a fully forecast one is not short', () => {
    // i2 renews inside the window but is forecast to earn all of it; i3 falls short but renews after the window.
    expect(listing.renewalsFallingShort.map((r) => [r.initiativeId, r.daysToRenewal, r.shortfall])).toEqual([['i1', 59, 900]]);
    expect(buildFeeListing(fees, { asOf: '2026-01-01', withinDays: 365 }).renewalsFallingShort.map((r) => r.initiativeId)).toEqual(['i1', 'i3']);
    // The window's last day counts; a renewal already passed does not.
    expect(buildFeeListing(fees, { asOf: '2026-01-01', withinDays: 59 }).renewalsFallingShort).toHaveLength(1);
    expect(buildFeeListing(fees, { asOf: '2026-03-02', withinDays: 365 }).renewalsFallingShort.map((r) => r.initiativeId)).toEqual(['i3']);
  });
});
