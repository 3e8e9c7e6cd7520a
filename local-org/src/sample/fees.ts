/**
 * Fees at risk in the sample book: part of the fee of a few won deals depends on their primary outcomes, under
 * each payout rule (tiers first, so even a one-deal sample has some), with the tiers of the tiered ones. Amounts
 * are a share of the deal's amount. The outcomes are chosen across the range of their progress (the furthest
 * along first, then the least, then one not measured yet), so the listing shows fees earned, partly earned, open
 * and forfeited. A stream of its own (`deriveSeed(seed, 'fees')`), so adding fees changes no other record.
 */
import type { MeasurementRow, OutcomeProfile } from './measurements.js';
import type { PAYOUT_RULES } from './picklists.js';
import type { Random } from './random.js';
import type { FieldValue, TreeRecord } from './records.js';

/** How many primary outcomes carry a fee: three of each rule in the shipped sample. */
export const SAMPLE_FEES = 9;
const RULES: ReadonlyArray<(typeof PAYOUT_RULES)[number]> = ['Tiered', 'Linear', 'All_Or_Nothing'];
/** Tier tables as sales would write them: from attainment % → payout % of the amount at risk. */
const TIER_TABLES: ReadonlyArray<ReadonlyArray<readonly [number, number]>> = [
  [
    [50, 25],
    [80, 60],
    [100, 100],
  ],
  [
    [60, 40],
    [90, 75],
    [100, 100],
    [120, 110],
  ],
];
const FLOORS = [0, 40, 50, 60] as const;

type Ref = (type: string, index: number) => string;
type MakeRecord = (type: string, referenceId: string, fields: Record<string, FieldValue | undefined>) => TreeRecord;

export function makeFees(
  rng: Random,
  sources: { outcomes: readonly TreeRecord[]; profiles: readonly OutcomeProfile[]; measurements: readonly MeasurementRow[]; today: string },
  dealAmountOf: (initiativeRef: string) => number,
  { ref, record }: { ref: Ref; record: MakeRecord },
): { fees: TreeRecord[]; tiers: TreeRecord[] } {
  const fees: TreeRecord[] = [];
  const tiers: TreeRecord[] = [];
  for (const { outcome, index } of chosenOutcomes(sources)) {
    const rule = RULES[fees.length % RULES.length];
    const share = 0.1 + rng.next() * 0.15;
    const amount = Math.max(500, Math.round((dealAmountOf(String(outcome.Initiative__c).slice(1)) * share) / 500) * 500);
    const feeRef = ref('Fee_At_Risk__c', fees.length);
    const linear = rule === 'Linear';
    fees.push(
      record('Fee_At_Risk__c', feeRef, {
        Outcome_Requirement__c: `@${ref('Outcome_Requirement__c', index)}`,
        Amount_At_Risk__c: amount,
        Payout_Rule__c: rule,
        Floor_Attainment_Percent__c: linear ? rng.pick(FLOORS) : undefined,
        // Every other linear fee pays for over-achievement, up to 120% of the amount.
        Cap_Percent__c: linear && rng.chance(0.5) ? 120 : undefined,
      }),
    );
    if (rule === 'Tiered') {
      for (const [from, payout] of rng.pick(TIER_TABLES)) {
        tiers.push(record('Fee_Tier__c', ref('Fee_Tier__c', tiers.length), { Fee_At_Risk__c: `@${feeRef}`, From_Attainment_Percent__c: from, Payout_Percent__c: payout }));
      }
    }
  }
  return { fees, tiers };
}

/** Up to SAMPLE_FEES primary outcomes, across the range of their progress, in the order they were entered. */
function chosenOutcomes({ outcomes, profiles, measurements, today }: Parameters<typeof makeFees>[1]): Array<{ outcome: TreeRecord; index: number }> {
  const profileOf = new Map(profiles.map((p) => [p.externalId, p]));
  // Each outcome's rows, found once: scanning every measurement per outcome made a large book take minutes.
  const rowsOf = new Map<string, MeasurementRow[]>();
  for (const m of measurements) {
    const rows = rowsOf.get(m.outcome);
    if (rows) rows.push(m);
    else rowsOf.set(m.outcome, [m]);
  }
  const candidates = outcomes
    .map((outcome, index) => {
      const profile = profileOf.get(String(outcome.External_Id__c));
      return { outcome, index, progress: progressOf(profile, profile ? (rowsOf.get(profile.externalId) ?? []) : [], today) };
    })
    .filter(({ outcome }) => outcome.Priority__c === 'Primary');
  const measured = candidates.filter((c) => c.progress !== null).sort((a, b) => (b.progress as number) - (a.progress as number) || a.index - b.index);
  const unmeasured = candidates.filter((c) => c.progress === null);
  const furthest = measured.slice(0, SAMPLE_FEES - 3);
  const least = measured.slice(furthest.length).slice(-2);
  const picked = [...furthest, ...least, ...unmeasured.slice(0, 1)];
  for (const c of candidates) if (picked.length < SAMPLE_FEES && !picked.includes(c)) picked.push(c);
  return picked.slice(0, SAMPLE_FEES).sort((a, b) => a.index - b.index);
}

/**
 * A rough progress of the outcome's latest valid measurement up to `today`, in percent (0 at the baseline, 100 at
 * the target; a limit is met or not), to spread the fees; the package's core does the real judging. Null unmeasured.
 */
function progressOf(profile: OutcomeProfile | undefined, measurements: readonly MeasurementRow[], today: string): number | null {
  if (!profile || !profile.measured) return null;
  // `measurements`: the outcome's own rows.
  const rows = measurements.filter((m) => /^\d{4}-\d{2}-\d{2}$/.test(m.measured_on) && m.measured_on <= today && m.value.trim() !== '' && Number.isFinite(Number(m.value)));
  const latest = rows.sort((a, b) => a.measured_on.localeCompare(b.measured_on)).at(-1);
  if (!latest) return null;
  const value = Number(latest.value);
  switch (profile.template.direction) {
    case 'At Most':
      return value <= profile.targetValue ? 100 : 0;
    case 'At Least':
      return value >= profile.targetValue ? 100 : 0;
    default:
      return profile.targetValue === profile.baseline ? null : ((value - profile.baseline) / (profile.targetValue - profile.baseline)) * 100;
  }
}
