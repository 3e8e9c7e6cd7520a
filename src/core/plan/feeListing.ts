/**
 * The fee position of a book of business: each fee at risk as recompute last judged it, summed by initiative and
 * by account, and the renewals inside a window whose fees are forecast to earn less than is at risk. Pure: the
 * command fetches the stored fee fields, this adds them up.
 */
import { addDays, compareDates, daysBetween, isAfter, isBefore, type IsoDate } from '../dates.js';
import type { FeeStatus, PayoutRule } from '../model.js';
import { roundTo } from '../numbers.js';

/** A fee at risk with what recompute stored on it and where it sits in the book. */
export type FeeLine = {
  id: string;
  name: string | null;
  accountId: string;
  accountName: string | null;
  initiativeId: string;
  initiativeName: string | null;
  nextRenewalDate: IsoDate | null;
  outcomeId: string;
  outcomeName: string | null;
  outcomeDescription: string | null;
  outcomeStatus: string | null;
  dueDate: IsoDate | null;
  solutionComponentName: string | null;
  payoutRule: PayoutRule;
  amountAtRisk: number;
  earnedToDate: number | null;
  forecastToEarn: number | null;
  forfeited: number | null;
  /** Null until recompute has judged the fee. */
  status: FeeStatus | null;
};

export type FeeTotals = {
  fees: number;
  atRisk: number;
  earned: number;
  /** Forecast to earn; a fee with nothing to forecast from (no measurement) counts as 0. */
  forecastToEarn: number;
  forfeited: number;
  /** At risk minus forecast to earn, never below 0. */
  shortfall: number;
  /** Fees recompute has not judged yet (no status): their amounts count as at risk only. */
  notRecomputed: number;
};

export type InitiativeFees = FeeTotals & {
  initiativeId: string;
  initiativeName: string | null;
  accountId: string;
  accountName: string | null;
  nextRenewalDate: IsoDate | null;
};

export type AccountFees = FeeTotals & { accountId: string; accountName: string | null };

export type RenewalShortfall = InitiativeFees & { nextRenewalDate: IsoDate; daysToRenewal: number };

export type FeeListing = {
  fees: FeeLine[];
  initiatives: InitiativeFees[];
  accounts: AccountFees[];
  totals: FeeTotals;
  /** Initiatives renewing inside the window whose fees are forecast to earn less than is at risk: soonest first. */
  renewalsFallingShort: RenewalShortfall[];
};

export function feeTotals(fees: readonly FeeLine[]): FeeTotals {
  const sum = (value: (fee: FeeLine) => number | null): number => roundTo(fees.reduce((total, fee) => total + (value(fee) ?? 0), 0), 2);
  const atRisk = sum((f) => f.amountAtRisk);
  const forecastToEarn = sum((f) => f.forecastToEarn);
  return {
    fees: fees.length,
    atRisk,
    earned: sum((f) => f.earnedToDate),
    forecastToEarn,
    forfeited: sum((f) => f.forfeited),
    shortfall: roundTo(Math.max(atRisk - forecastToEarn, 0), 2),
    notRecomputed: fees.filter((f) => f.status === null).length,
  };
}

export function buildFeeListing(fees: readonly FeeLine[], { asOf, withinDays }: { asOf: IsoDate; withinDays: number }): FeeListing {
  const byInitiative = groupBy(fees, (f) => f.initiativeId);
  const initiatives = [...byInitiative.values()].map(
    (group): InitiativeFees => ({
      initiativeId: group[0].initiativeId,
      initiativeName: group[0].initiativeName,
      accountId: group[0].accountId,
      accountName: group[0].accountName,
      nextRenewalDate: group[0].nextRenewalDate,
      ...feeTotals(group),
    }),
  );
  const accounts = [...groupBy(fees, (f) => f.accountId).values()].map(
    (group): AccountFees => ({ accountId: group[0].accountId, accountName: group[0].accountName, ...feeTotals(group) }),
  );
  const windowEnd = addDays(asOf, withinDays);
  const renewalsFallingShort = initiatives
    .filter((i): i is InitiativeFees & { nextRenewalDate: IsoDate } => i.nextRenewalDate !== null)
    .filter((i) => !isBefore(i.nextRenewalDate, asOf) && !isAfter(i.nextRenewalDate, windowEnd) && i.shortfall > 0)
    .map((i) => ({ ...i, daysToRenewal: daysBetween(asOf, i.nextRenewalDate) }))
    .sort((a, b) => compareDates(a.nextRenewalDate, b.nextRenewalDate) || b.shortfall - a.shortfall);
  return { fees: [...fees], initiatives, accounts, totals: feeTotals(fees), renewalsFallingShort };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
