/**
 * The queries of the benchmark: every outcome that points to a KPI, with its KPI's definition and what groups it
 * (the account's industry and size, the initiative's program, the responsible partner), and the products of those
 * outcomes' initiatives. Two queries side by side, 2,000 rows a page, whatever the size of the book: no per-record
 * call. KPIs no outcome points to have nothing to compare, so the library itself is not read. Latest and forecast values are those the recompute stored, as the renewal-risk list reads statuses.
 *
 * The rows carry account ids (to count customers and to leave a customer out of its own peers) but no account name:
 * nothing here could print one.
 */
import { Initiative, Kpi, OutcomeRequirement, SolutionComponent, fieldsOf, relationshipName } from '../../core/model.js';
import { kpiSchema, outcomeRequirementFieldsSchema } from '../../core/schemas.js';
import type { BenchmarkKpiSource, BenchmarkOutcomeSource } from '../../core/plan/benchmark.js';
import type { ApiUsage } from '../apiUsage.js';
import type { OrgConnection, SfRecord } from '../connection.js';
import { fetchAll, parentField } from '../fetch.js';
import { allSettledOrThrow } from '../settled.js';
import { parseRecord } from '../records.js';

const K = fieldsOf(Kpi);
const O = fieldsOf(OutcomeRequirement);
const I = fieldsOf(Initiative);
const S = fieldsOf(SolutionComponent);
const INITIATIVE = relationshipName(O.Initiative__c);
const ACCOUNT = `${INITIATIVE}.${relationshipName(I.Account__c)}`;
const PARTNER_NAME = `${relationshipName(O.Partner_Account__c)}.Name`;
const PRODUCT_NAME = `${relationshipName(S.Product__c)}.Name`;

const KPI = relationshipName(O.KPI__c);
const KPI_FIELDS = [K.Name, K.KPI_Code__c, K.Unit__c, K.Better_Direction__c, K.Value_Chain_Stage__c].map((f) => `${KPI}.${f}`);

/** Every outcome with a KPI, the KPI's definition and what groups it, by parent relationships: one query. */
export const BENCHMARK_OUTCOMES_SOQL =
  `SELECT Id, ${O.Initiative__c}, ${O.KPI__c}, ${KPI_FIELDS.join(', ')}, ${O.Direction__c}, ${O.Quantity_Type__c}, ${O.Baseline_Value__c}, ` +
  `${O.Latest_Value__c}, ${O.Forecast_At_Deadline__c}, ${O.Responsible_Party__c}, ${PARTNER_NAME}, ` +
  `${INITIATIVE}.${I.Account__c}, ${INITIATIVE}.${I.Program__c}, ${ACCOUNT}.Industry, ${ACCOUNT}.NumberOfEmployees ` +
  `FROM ${OutcomeRequirement.apiName} WHERE ${O.KPI__c} != null ORDER BY Id`;

/** Products of the initiatives that have an outcome with a KPI (a semi-join, so other initiatives cost nothing). */
export const BENCHMARK_PRODUCTS_SOQL =
  `SELECT ${S.Initiative__c}, ${PRODUCT_NAME} FROM ${SolutionComponent.apiName} ` +
  `WHERE ${S.Product__c} != null AND ${S.Initiative__c} IN (SELECT ${O.Initiative__c} FROM ${OutcomeRequirement.apiName} WHERE ${O.KPI__c} != null)`;

const kpiRowSchema = kpiSchema.pick({ Name: true, KPI_Code__c: true, Unit__c: true, Better_Direction__c: true, Value_Chain_Stage__c: true });
const outcomeRowSchema = outcomeRequirementFieldsSchema.pick({
  Id: true,
  Initiative__c: true,
  KPI__c: true,
  Direction__c: true,
  Quantity_Type__c: true,
  Baseline_Value__c: true,
  Latest_Value__c: true,
  Forecast_At_Deadline__c: true,
  Responsible_Party__c: true,
});

export type BenchmarkSource = { kpis: BenchmarkKpiSource[]; outcomes: BenchmarkOutcomeSource[] };

const textOrNull = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * The benchmark's source: two queries side by side (one when `products` is false, as the value report's standing
 * groups by industry and all customers only), 2,000 rows a page.
 */
export async function fetchBenchmarkSource(conn: OrgConnection, usage: ApiUsage, { products = true } = {}): Promise<BenchmarkSource> {
  const [outcomeRows, productRows] = await allSettledOrThrow([
    fetchAll(conn, BENCHMARK_OUTCOMES_SOQL, usage),
    products ? fetchAll(conn, BENCHMARK_PRODUCTS_SOQL, usage) : Promise.resolve([]),
  ] as const);

  const productsByInitiative = new Map<string, Set<string>>();
  for (const row of productRows) {
    const initiativeId = textOrNull(row[S.Initiative__c]);
    const product = textOrNull(parentField(row, PRODUCT_NAME));
    if (initiativeId && product) productsByInitiative.set(initiativeId, (productsByInitiative.get(initiativeId) ?? new Set()).add(product));
  }

  const kpis = new Map<string, BenchmarkKpiSource>();
  for (const row of outcomeRows) {
    const id = textOrNull(row[O.KPI__c]);
    if (id === null || kpis.has(id) || row[KPI] == null) continue;
    const k = parseRecord(kpiRowSchema, row[KPI] as SfRecord, `${Kpi.apiName} ${id}`);
    kpis.set(id, { id, name: k.Name, code: k.KPI_Code__c ?? null, unit: k.Unit__c ?? null, better: k.Better_Direction__c, stage: k.Value_Chain_Stage__c ?? null });
  }
  return { kpis: [...kpis.values()], outcomes: outcomeRows.flatMap((row) => outcomeOf(row, productsByInitiative)) };
}

function outcomeOf(row: SfRecord, productsByInitiative: ReadonlyMap<string, ReadonlySet<string>>): BenchmarkOutcomeSource[] {
  const o = parseRecord(outcomeRowSchema, row, `${OutcomeRequirement.apiName} ${String(row.Id)}`);
  const accountId = textOrNull(parentField(row, `${INITIATIVE}.${I.Account__c}`));
  if (!o.Id || !o.Initiative__c || !o.KPI__c || !accountId) return [];
  return [
    {
      id: o.Id,
      initiativeId: o.Initiative__c,
      accountId,
      kpiId: o.KPI__c,
      direction: o.Direction__c ?? null,
      quantityType: o.Quantity_Type__c ?? null,
      baseline: o.Baseline_Value__c ?? null,
      latestValue: o.Latest_Value__c ?? null,
      forecastValue: o.Forecast_At_Deadline__c ?? null,
      responsibleParty: o.Responsible_Party__c ?? null,
      partnerName: textOrNull(parentField(row, PARTNER_NAME)),
      industry: textOrNull(parentField(row, `${ACCOUNT}.Industry`)),
      employees: numberOrNull(parentField(row, `${ACCOUNT}.NumberOfEmployees`)),
      program: textOrNull(parentField(row, `${INITIATIVE}.${I.Program__c}`)),
      products: [...(productsByInitiative.get(o.Initiative__c) ?? [])].sort(),
    },
  ];
}
