/**
 * The queries of fees at risk: those a recompute judges (each with its terms, its tiers as a child subquery and what
 * was computed last time), and the fee listing (what recompute stored, with the outcome, initiative and account).
 */
import { FeeAtRisk, FeeTier, Initiative, OutcomeRequirement, fieldsOf, relationshipName } from '../../core/model.js';
import type { FeeLine } from '../../core/plan/feeListing.js';
import type { RecomputeFee } from '../../core/plan/fees.js';
import type { ExistingLineFee } from '../../core/plan/handoverFees.js';
import { feeAtRiskSchema, feeTierSchema, initiativeSchema, outcomeRequirementFieldsSchema } from '../../core/schemas.js';
import { idSchema } from '../../core/fieldSchemas.js';
import type { ApiUsage } from '../apiUsage.js';
import type { OrgConnection, SfRecord } from '../connection.js';
import { childRecords, fetchAll } from '../fetch.js';
import { child, parentName, readRecord, recordLabel } from '../records.js';
import { chunk, soqlId, soqlIdList } from '../soql.js';
import { fetchCurrencyOf } from './currency.js';
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
  return fetchInChunks(conn, initiativeIds, feesForRecomputeSoql, usage, toRecomputeFee);
}

export function toRecomputeFee(row: SfRecord): RecomputeFee {
  const label = recordLabel(FeeAtRisk.apiName, row);
  return {
    ...readRecord(recomputeFeeSchema, row, label),
    tiers: childRecords(row, TIERS).map((t) => readRecord(tierTermsSchema, t, `${label}: ${FeeTier.apiName}`)),
  };
}

// ---- The fee listing (sf outcomes fees) -----------------------------------------------------------------------

const I = fieldsOf(Initiative);
const INITIATIVE = `${OUTCOME}.${relationshipName(O.Initiative__c)}`;
const ACCOUNT = `${INITIATIVE}.${relationshipName(I.Account__c)}`;
const COMPONENT = relationshipName(FA.Solution_Component__c);

export type FeeScope = { kind: 'initiative' | 'account'; id: string } | null;

const listedFeeSchema = feeAtRiskSchema
  .pick({ Name: true, Amount_At_Risk__c: true, Payout_Rule__c: true, Earned_To_Date__c: true, Forecast_To_Earn__c: true, Forfeited__c: true, Status__c: true })
  .extend({ Id: idSchema('Id'), [FA.Outcome_Requirement__c]: idSchema(FA.Outcome_Requirement__c) });
const listedOutcomeSchema = outcomeRequirementFieldsSchema
  .pick({ Name: true, Description__c: true, Status__c: true, Due_Date__c: true })
  .extend({ [O.Initiative__c]: idSchema(O.Initiative__c) });
const listedInitiativeSchema = initiativeSchema.pick({ Name: true, Next_Renewal_Date__c: true }).extend({ [I.Account__c]: idSchema(I.Account__c) });

/** The scope's Ids reach SOQL only through `soqlId`, which refuses anything but an Id. */
function feeScopeWhere(scope: FeeScope): string {
  if (scope === null) return '';
  return scope.kind === 'initiative' ? ` WHERE ${OUTCOME}.${O.Initiative__c} = ${soqlId(scope.id)}` : ` WHERE ${INITIATIVE}.${I.Account__c} = ${soqlId(scope.id)}`;
}

export function feeListingSoql(scope: FeeScope): string {
  const where = feeScopeWhere(scope);
  const fields = [
    'Id',
    FA.Name,
    FA.Outcome_Requirement__c,
    FA.Amount_At_Risk__c,
    FA.Payout_Rule__c,
    FA.Earned_To_Date__c,
    FA.Forecast_To_Earn__c,
    FA.Forfeited__c,
    FA.Status__c,
    `${COMPONENT}.Name`,
    `${OUTCOME}.${O.Name}`,
    `${OUTCOME}.${O.Description__c}`,
    `${OUTCOME}.${O.Status__c}`,
    `${OUTCOME}.${O.Due_Date__c}`,
    `${OUTCOME}.${O.Initiative__c}`,
    `${INITIATIVE}.${I.Name}`,
    `${INITIATIVE}.${I.Account__c}`,
    `${INITIATIVE}.${I.Next_Renewal_Date__c}`,
    `${ACCOUNT}.Name`,
  ];
  return `SELECT ${fields.join(', ')} FROM ${FeeAtRisk.apiName}${where} ORDER BY ${ACCOUNT}.Name, ${INITIATIVE}.${I.Name}, ${OUTCOME}.${O.Name}, ${FA.Name}`;
}

/** Every fee at risk in scope with what recompute stored on it and the outcome, initiative and account it belongs to. */
export async function fetchFeeLines(conn: OrgConnection, scope: FeeScope, usage: ApiUsage): Promise<FeeLine[]> {
  const rows = await fetchAll(conn, feeListingSoql(scope), usage);
  return rows.map((row) => {
    const label = recordLabel(FeeAtRisk.apiName, row);
    const fee = readRecord(listedFeeSchema, row, label);
    const outcomeRow = (row[OUTCOME] as SfRecord | null | undefined) ?? {};
    const outcome = readRecord(listedOutcomeSchema, outcomeRow, `${label}: ${OUTCOME}`);
    const initiativeRow = (outcomeRow[relationshipName(O.Initiative__c)] as SfRecord | null | undefined) ?? {};
    const initiative = readRecord(listedInitiativeSchema, initiativeRow, `${label}: ${INITIATIVE}`);
    const relationship = relationshipName(I.Account__c);
    return {
      id: fee.Id,
      name: fee.Name,
      accountId: initiative.Account__c,
      accountName: parentName(initiativeRow, relationship, `${label}: ${ACCOUNT}`),
      initiativeId: outcome.Initiative__c,
      initiativeName: initiative.Name,
      nextRenewalDate: initiative.Next_Renewal_Date__c,
      outcomeId: fee.Outcome_Requirement__c,
      outcomeName: outcome.Name,
      outcomeDescription: outcome.Description__c,
      outcomeStatus: outcome.Status__c,
      dueDate: outcome.Due_Date__c,
      solutionComponentName: parentName(row, COMPONENT, `${label}: ${COMPONENT}`),
      payoutRule: fee.Payout_Rule__c,
      amountAtRisk: fee.Amount_At_Risk__c,
      earnedToDate: fee.Earned_To_Date__c,
      forecastToEarn: fee.Forecast_To_Earn__c,
      forfeited: fee.Forfeited__c,
      status: fee.Status__c,
    };
  });
}

/** The terms and tiers of every fee at risk in scope (the value report judges them afresh, as of its date). */
export async function fetchFeeTerms(conn: OrgConnection, scope: FeeScope, usage: ApiUsage): Promise<RecomputeFee[]> {
  const rows = await fetchAll(conn, `SELECT ${FEE_TERM_FIELDS.join(', ')}, ${TIER_SUBQUERY} FROM ${FeeAtRisk.apiName}${feeScopeWhere(scope)} ORDER BY ${FA.Name}, Id`, usage);
  return rows.map(toRecomputeFee);
}

/**
 * The currency of the fees' amounts: their CurrencyIsoCode when the org has multi-currency on (the field exists only
 * then), else the org's DefaultCurrencyIsoCode; null when fees in scope carry several currencies or neither query
 * answers. As the value report does (fetchReportCurrency), amounts are then shown bare rather than in a wrong currency.
 */
export async function fetchFeeCurrency(conn: OrgConnection, scope: FeeScope, usage: ApiUsage): Promise<string | null> {
  return fetchCurrencyOf(conn, FeeAtRisk.apiName, feeScopeWhere(scope), usage);
}

// ---- Handover: the fees made from line items before ---------------------------------------------------------

const lineFeeSchema = feeAtRiskSchema
  .pick({ Name: true, Amount_At_Risk__c: true, Payout_Rule__c: true, Floor_Attainment_Percent__c: true, Cap_Percent__c: true, Solution_Component__c: true })
  .extend({
    Id: idSchema('Id'),
    [FA.Source_Line_Item_Id__c]: idSchema(FA.Source_Line_Item_Id__c),
    [FA.Outcome_Requirement__c]: idSchema(FA.Outcome_Requirement__c),
  });
/** Line Ids per IN clause, as the handover's other queries chunk them. */
const LINE_IDS_PER_QUERY = 200;

export function feesOfLinesSoql(lineItemIds: readonly string[]): string {
  const fields = ['Id', FA.Name, FA.Source_Line_Item_Id__c, FA.Outcome_Requirement__c, FA.Amount_At_Risk__c, FA.Payout_Rule__c, FA.Floor_Attainment_Percent__c, FA.Cap_Percent__c, FA.Solution_Component__c];
  return `SELECT ${fields.join(', ')} FROM ${FeeAtRisk.apiName} WHERE ${FA.Source_Line_Item_Id__c} IN ${soqlIdList(lineItemIds)}`;
}

/** The fees an earlier handover made from these line items (none is queried when no line carries fee terms). */
export async function fetchFeesOfLines(conn: OrgConnection, lineItemIds: readonly string[], usage: ApiUsage): Promise<ExistingLineFee[]> {
  const fees: ExistingLineFee[] = [];
  for (const ids of chunk([...new Set(lineItemIds)], LINE_IDS_PER_QUERY)) {
    // eslint-disable-next-line no-await-in-loop
    const rows = await fetchAll(conn, feesOfLinesSoql(ids), usage);
    fees.push(...rows.map((row) => readRecord(lineFeeSchema, row, recordLabel(FeeAtRisk.apiName, row))));
  }
  return fees;
}
