/**
 * The fees at risk a recompute judges: each with its terms, its tiers (a child subquery) and what was computed last
 * time, for all initiatives or the given ones (through the outcome's initiative).
 */
import { FeeAtRisk, FeeTier, OutcomeRequirement, fieldsOf, relationshipName } from '../../core/model.js';
import type { RecomputeFee } from '../../core/plan/fees.js';
import { feeAtRiskSchema, feeTierSchema } from '../../core/schemas.js';
import { idSchema } from '../../core/fieldSchemas.js';
import type { ApiUsage } from '../apiUsage.js';
import type { OrgConnection, SfRecord } from '../connection.js';
import { childRecords } from '../fetch.js';
import { child, readRecord, recordLabel } from '../records.js';
import { soqlIdList } from '../soql.js';
import { fetchInChunks } from './outcomes.js';

const FA = fieldsOf(FeeAtRisk);
const FT = fieldsOf(FeeTier);
const O = fieldsOf(OutcomeRequirement);
const OUTCOME = relationshipName(FA.Outcome_Requirement__c);
export const TIERS = child(FeeTier.fields.Fee_At_Risk__c);

/** The terms and tiers of a fee, as the core's FeeTerms reads them. */
export const FEE_TERM_FIELDS = [
  'Id',
  FA.Name,
  FA.Outcome_Requirement__c,
  FA.Amount_At_Risk__c,
  FA.Payout_Rule__c,
  FA.Floor_Attainment_Percent__c,
  FA.Cap_Percent__c,
  FA.Earned_To_Date__c,
  FA.Forecast_To_Earn__c,
  FA.Forfeited__c,
  FA.Status__c,
];
export const TIER_SUBQUERY = `(SELECT ${FT.From_Attainment_Percent__c}, ${FT.Payout_Percent__c} FROM ${TIERS} ORDER BY ${FT.From_Attainment_Percent__c})`;

const recomputeFeeSchema = feeAtRiskSchema
  .pick({
    Name: true,
    Amount_At_Risk__c: true,
    Payout_Rule__c: true,
    Floor_Attainment_Percent__c: true,
    Cap_Percent__c: true,
    Earned_To_Date__c: true,
    Forecast_To_Earn__c: true,
    Forfeited__c: true,
    Status__c: true,
  })
  .extend({ Id: idSchema('Id'), [FA.Outcome_Requirement__c]: idSchema(FA.Outcome_Requirement__c) });
const tierTermsSchema = feeTierSchema.pick({ From_Attainment_Percent__c: true, Payout_Percent__c: true });

export function feesForRecomputeSoql(initiativeIds?: readonly string[]): string {
  const where = initiativeIds ? ` WHERE ${OUTCOME}.${O.Initiative__c} IN ${soqlIdList(initiativeIds)}` : '';
  return `SELECT ${FEE_TERM_FIELDS.join(', ')}, ${TIER_SUBQUERY} FROM ${FeeAtRisk.apiName}${where} ORDER BY ${FA.Outcome_Requirement__c}, Id`;
}

export async function fetchFeesForRecompute(conn: OrgConnection, initiativeIds: readonly string[] | undefined, usage: ApiUsage): Promise<RecomputeFee[]> {
  const rows = await fetchInChunks(conn, initiativeIds, feesForRecomputeSoql, usage);
  return rows.map(toRecomputeFee);
}

export function toRecomputeFee(row: SfRecord): RecomputeFee {
  const label = recordLabel(FeeAtRisk.apiName, row);
  return {
    ...readRecord(recomputeFeeSchema, row, label),
    tiers: childRecords(row, TIERS).map((t) => readRecord(tierTermsSchema, t, `${label}: ${FeeTier.apiName}`)),
  };
}
