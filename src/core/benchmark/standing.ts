/**
 * Where one customer's improvement stands among its peers: always against peers that exclude the customer itself
 * (its own outcomes would otherwise pull the comparison towards it), and only when at least `minGroup` peers remain.
 */
import { roundTo } from '../numbers.js';
import type { Distribution } from './quantiles.js';

export const STANDING_BANDS = ['top decile', 'top quartile', 'second quartile', 'third quartile', 'bottom quartile'] as const;
export type StandingBand = (typeof STANDING_BANDS)[number];

/**
 * Percentile rank of `value` among the peers' values: the share of peers below it, ties counted half
 * ((below + ½·equal) / n × 100), rounded to a whole percent.
 */
export function percentileRank(value: number, peerValues: readonly number[]): number {
  if (peerValues.length === 0) throw new Error('percentile rank among no peers');
  const below = peerValues.filter((v) => v < value).length;
  const equal = peerValues.filter((v) => v === value).length;
  return roundTo(((below + equal / 2) / peerValues.length) * 100, 0);
}

/** The band of a percentile rank (improvements are signed so that higher is better). */
export function bandOfPercentile(percentile: number): StandingBand {
  if (percentile >= 90) return 'top decile';
  if (percentile >= 75) return 'top quartile';
  if (percentile >= 50) return 'second quartile';
  if (percentile >= 25) return 'third quartile';
  return 'bottom quartile';
}

/** The band of a value against aggregates only (a pooled peer file has no values, only its quantiles). */
export function bandAgainst(value: number, peers: Pick<Distribution, 'p25' | 'median' | 'p75' | 'p90'>): StandingBand {
  if (value >= peers.p90) return 'top decile';
  if (value >= peers.p75) return 'top quartile';
  if (value >= peers.median) return 'second quartile';
  if (value >= peers.p25) return 'third quartile';
  return 'bottom quartile';
}

export type PeerStanding =
  | { readonly ok: true; readonly value: number; readonly peers: number; readonly percentile: number | null; readonly band: StandingBand }
  // No count of peers when there are too few: a small number would itself tell something.
  | { readonly ok: false; readonly value: number; readonly reason: 'too-few-peers' | 'no-peer-group' };

/**
 * The customer's standing among the group's other customers. `groupValues` maps each customer of the group to its
 * value; the customer's own entry is removed before anything is compared or counted.
 */
export function standingAmongPeers(customerId: string, value: number, groupValues: ReadonlyMap<string, number>, minGroup: number): PeerStanding {
  const peers = [...groupValues].filter(([customer]) => customer !== customerId).map(([, v]) => v);
  if (peers.length < minGroup) return { ok: false, value, reason: 'too-few-peers' };
  const percentile = percentileRank(value, peers);
  return { ok: true, value, peers: peers.length, percentile, band: bandOfPercentile(percentile) };
}
