/**
 * Record shapes as Salesforce returns and accepts them, keyed by the API names of model.ts.
 *
 * Blank fields are `null` or absent. Unknown keys (`attributes`, sub-queries) are dropped by parsing.
 * The parent of a master-detail is optional here although the org requires it: a record being
 * planned may name its parent by external id (Initiative__r) before the parent has an id.
 * Outcome requirements carry the same cross-field rules as the org's validation rules, so a sync
 * or an import can refuse a record, with a reason, before it costs an API call.
 */
import { z } from 'zod';
import type { IsoDate } from './dates.js';
import {
  checkboxSchema,
  dateSchema,
  fieldsOfSpec,
  idSchema,
  numberSchema,
  pastDateSchema,
  picklistSchema,
  textSchema,
} from './fieldSchemas.js';
import {
  BusinessCapability,
  COMPONENT_TYPES,
  DEADLINE_TYPES,
  DIRECTIONS,
  FEE_STATUSES,
  FeeAtRisk,
  FeeTier,
  fieldsOf,
  HANDOVER_STATUSES,
  Initiative,
  INITIATIVE_STATUSES,
  InitiativeMilestone,
  LIFECYCLES,
  Measurement,
  MEASUREMENT_SOURCES,
  MILESTONE_STATUSES,
  OpportunityFields,
  OpportunityLineItemFields,
  OUTCOME_HEALTH_VALUES,
  OUTCOME_STATUSES,
  OutcomeComponent,
  OutcomeRequirement,
  PAYOUT_RULES,
  PRIORITIES,
  Product2Fields,
  QUANTITY_TYPES,
  SolutionComponent,
  SYNC_COMMANDS,
  SYNC_OUTCOMES,
  SYNC_SELECTIONS,
  SyncRun,
  VALIDATION_STATUSES,
  // KPI library (issue 17)
  BETTER_DIRECTIONS,
  Kpi,
  RESPONSIBLE_PARTIES,
  VALUE_CHAIN_STAGES,
} from './model.js';

const recordId = { Id: idSchema('Id').optional() };

// ---- Custom objects ------------------------------------------------------------------------------

const initiative = fieldsOfSpec(Initiative);
export const initiativeSchema = z.object({
  ...recordId,
  ...initiative.requiredText('Name'),
  ...initiative.requiredId('Account__c'),
  ...initiative.id('Opportunity__c'),
  ...initiative.text('Source_Opportunity_Id__c'),
  ...initiative.text('Purpose__c'),
  ...initiative.text('Strategic_Alignment__c'),
  ...initiative.text('Challenges__c'),
  ...initiative.picklist('Status__c', INITIATIVE_STATUSES),
  ...initiative.id('CSM__c'),
  ...initiative.date('Handover_Date__c'),
  ...initiative.text('Handover_Notes__c'),
  ...initiative.date('Go_Live_Date__c'),
  ...initiative.number('Annual_Contract_Value__c'),
  ...initiative.number('Total_Contract_Value__c'),
  ...initiative.date('Next_Renewal_Date__c'),
  ...initiative.picklist('Outcome_Health__c', OUTCOME_HEALTH_VALUES),
  ...initiative.number('Primary_Outcomes_Off_Track__c'),
  ...initiative.number('Outcome_Count__c'),
  ...initiative.number('Primary_Outcome_Count__c'),
  ...initiative.number('Outcomes_Attained__c'),
  ...initiative.number('Outcomes_To_Validate__c'),
  ...initiative.number('Renewable_Annual_Value__c'),
  ...initiative.text('Program__c'),
});
export type InitiativeRecord = z.infer<typeof initiativeSchema>;

const O = fieldsOf(OutcomeRequirement);
const outcome = fieldsOfSpec(OutcomeRequirement);

/** An outcome requirement's fields, each checked alone (extend or pick this one; it has no cross-field rules). */
export const outcomeRequirementFieldsSchema = z.object({
  ...recordId,
  ...outcome.text('Name'),
  ...outcome.id('Initiative__c'),
  ...outcome.requiredText('Description__c'),
  ...outcome.picklist('Priority__c', PRIORITIES),
  ...outcome.picklist('Validation_Status__c', VALIDATION_STATUSES),
  ...outcome.picklist('Quantity_Type__c', QUANTITY_TYPES),
  ...outcome.picklist('Direction__c', DIRECTIONS),
  ...outcome.number('Baseline_Value__c'),
  ...outcome.date('Baseline_Date__c'),
  ...outcome.number('Target_Value__c'),
  ...outcome.text('Unit__c'),
  ...outcome.picklist('Deadline_Type__c', DEADLINE_TYPES),
  ...outcome.date('Deadline_Date__c'),
  [O.Deadline_Offset_Months__c]: numberSchema(O.Deadline_Offset_Months__c, OutcomeRequirement.fields.Deadline_Offset_Months__c)
    .refine((months) => Number.isInteger(months) && months >= 0, {
      error: (iss) =>
        `${O.Deadline_Offset_Months__c} must be a whole number of months, 0 or more, got ${String(iss.input)}: count the months after go-live`,
    })
    .nullish(),
  ...outcome.date('Due_Date__c'),
  ...outcome.text('Measurement_Method__c'),
  ...outcome.id('Business_Capability__c'),
  ...outcome.text('External_Id__c'),
  ...outcome.number('Latest_Value__c'),
  ...outcome.date('Latest_Measured_On__c'),
  ...outcome.number('Attainment_Percent__c'),
  ...outcome.number('Forecast_At_Deadline__c'),
  ...outcome.number('Forecast_Attainment_Percent__c'),
  ...outcome.picklist('Status__c', OUTCOME_STATUSES),
  ...outcome.number('Measurement_Count__c'),
  // KPI library and benchmark (issue 17)
  ...outcome.id('KPI__c'),
  ...outcome.picklist('Responsible_Party__c', RESPONSIBLE_PARTIES),
  ...outcome.id('Partner_Account__c'),
});
export type OutcomeRequirementRecord = z.infer<typeof outcomeRequirementFieldsSchema>;

type OutcomeRules = Pick<
  OutcomeRequirementRecord,
  | 'Quantity_Type__c'
  | 'Direction__c'
  | 'Baseline_Value__c'
  | 'Target_Value__c'
  | 'Deadline_Type__c'
  | 'Deadline_Date__c'
  | 'Deadline_Offset_Months__c'
  | 'Responsible_Party__c'
  | 'Partner_Account__c'
>;

/**
 * The cross-field rules of the org's validation rules on Outcome_Requirement__c, as issues on the
 * field to correct. Exported so a caller that extends or picks the fields schema can re-apply them.
 */
// eslint-disable-next-line complexity -- one branch per validation rule of the org, read side by side with them
export function checkOutcomeRequirement(record: OutcomeRules, ctx: z.RefinementCtx): void {
  const flag = (field: keyof OutcomeRules, message: string): void =>
    ctx.addIssue({ code: 'custom', path: [field], message, input: record[field] });
  const { Quantity_Type__c: type, Direction__c: direction, Baseline_Value__c: baseline, Target_Value__c: target } = record;

  if (type != null) {
    if (direction == null) {
      flag(O.Direction__c, `${O.Direction__c} is required when ${O.Quantity_Type__c} is set: use one of ${DIRECTIONS.join(', ')}`);
    }
    if (target == null) {
      const what = type === 'Relative_Percent' ? 'the change in percent of the baseline, e.g. 15 for 15%' : 'the value to reach';
      flag(O.Target_Value__c, `${O.Target_Value__c} is required when ${O.Quantity_Type__c} is set: enter ${what}`);
    }
  }

  if (type === 'Relative_Percent') {
    if (direction != null && direction !== 'Increase' && direction !== 'Decrease') {
      flag(O.Direction__c, `${O.Direction__c} "${direction}" does not fit a Relative % quantity: use Increase or Decrease, or make the quantity Absolute`);
    }
    if (baseline == null || baseline === 0) {
      flag(O.Baseline_Value__c, `${O.Baseline_Value__c} must be set and not 0 for a Relative % quantity: the target is a percentage of it`);
    }
    if (target != null && target <= 0) {
      flag(O.Target_Value__c, `${O.Target_Value__c} must be above 0 for a Relative % quantity: enter the change in percent, e.g. 15 for 15%`);
    } else if (target != null && direction === 'Decrease' && target >= 100) {
      flag(O.Target_Value__c, `${O.Target_Value__c} must be below 100 for a Relative % Decrease, got ${target}: a reduction of 100% or more leaves nothing`);
    }
  }

  if (type === 'Absolute' && (direction === 'Increase' || direction === 'Decrease')) {
    if (baseline == null) {
      flag(O.Baseline_Value__c, `${O.Baseline_Value__c} is required for an Absolute ${direction}: attainment runs from the baseline to the target`);
    } else if (target != null && direction === 'Increase' && !(target > baseline)) {
      flag(O.Target_Value__c, `${O.Target_Value__c} must be above ${O.Baseline_Value__c} for an Increase (target ${target}, baseline ${baseline}): set a target above the baseline`);
    } else if (target != null && direction === 'Decrease' && !(target < baseline)) {
      flag(O.Target_Value__c, `${O.Target_Value__c} must be below ${O.Baseline_Value__c} for a Decrease (target ${target}, baseline ${baseline}): set a target below the baseline`);
    }
  }

  if (record.Responsible_Party__c === 'Partner' && record.Partner_Account__c == null) {
    flag(O.Partner_Account__c, `${O.Partner_Account__c} is required when ${O.Responsible_Party__c} is Partner: name the implementation partner's account`);
  }

  if (record.Deadline_Type__c === 'Date' && record.Deadline_Date__c == null) {
    flag(O.Deadline_Date__c, `${O.Deadline_Date__c} is required when ${O.Deadline_Type__c} is Date: enter the date the outcome is due`);
  }
  if (record.Deadline_Type__c === 'Months_After_Go_Live' && record.Deadline_Offset_Months__c == null) {
    flag(O.Deadline_Offset_Months__c, `${O.Deadline_Offset_Months__c} is required when ${O.Deadline_Type__c} is Months After Go-Live: enter how many months after go-live it is due`);
  }
}

export const outcomeRequirementSchema = outcomeRequirementFieldsSchema.superRefine(checkOutcomeRequirement);

const measurement = fieldsOfSpec(Measurement);
/** A measurement as stored. Use `measurementSchemaAsOf(today)` for new ones: it also refuses future dates. */
export const measurementSchema = z.object({
  ...recordId,
  ...measurement.text('Name'),
  ...measurement.id('Outcome_Requirement__c'),
  ...measurement.requiredDate('Measured_On__c'),
  ...measurement.requiredNumber('Value__c'),
  ...measurement.picklist('Source__c', MEASUREMENT_SOURCES),
  ...measurement.text('Notes__c'),
  ...measurement.text('External_Id__c'),
});
export type MeasurementRecord = z.infer<typeof measurementSchema>;

/** A measurement whose Measured_On__c is not after `today`. */
export function measurementSchemaAsOf(today: IsoDate) {
  return measurementSchema.extend({ [fieldsOf(Measurement).Measured_On__c]: pastDateSchema('Measured_On__c', today) });
}

const component = fieldsOfSpec(SolutionComponent);
export const solutionComponentSchema = z.object({
  ...recordId,
  ...component.requiredText('Name'),
  ...component.id('Initiative__c'),
  ...component.id('Product__c'),
  ...component.text('Source_Line_Item_Id__c'),
  ...component.number('Quantity__c'),
  ...component.number('Total_Price__c'),
  ...component.picklist('Component_Type__c', COMPONENT_TYPES),
  ...component.text('Role_In_Solution__c'),
  ...component.picklist('Lifecycle__c', LIFECYCLES),
  ...component.date('Start_Date__c'),
  ...component.date('End_Date__c'),
  ...component.date('Renewal_Date__c'),
  ...component.number('Annual_Value__c'),
});
export type SolutionComponentRecord = z.infer<typeof solutionComponentSchema>;

const junction = fieldsOfSpec(OutcomeComponent);
export const outcomeComponentSchema = z.object({
  ...recordId,
  ...junction.text('Name'),
  ...junction.id('Outcome_Requirement__c'),
  ...junction.id('Solution_Component__c'),
  ...junction.text('Contribution__c'),
});
export type OutcomeComponentRecord = z.infer<typeof outcomeComponentSchema>;

const milestone = fieldsOfSpec(InitiativeMilestone);
export const milestoneSchema = z.object({
  ...recordId,
  ...milestone.requiredText('Name'),
  ...milestone.id('Initiative__c'),
  ...milestone.date('Due_Date__c'),
  ...milestone.date('Completed_On__c'),
  ...milestone.picklist('Status__c', MILESTONE_STATUSES),
  ...milestone.text('Description__c'),
});
export type MilestoneRecord = z.infer<typeof milestoneSchema>;

const capability = fieldsOfSpec(BusinessCapability);
const C = fieldsOf(BusinessCapability);
export const businessCapabilitySchema = z.object({
  ...recordId,
  ...capability.requiredText('Name'),
  ...capability.requiredId('Account__c'),
  [C.Level__c]: numberSchema(C.Level__c).refine((level) => [1, 2, 3].includes(level), {
    error: (iss) => `${C.Level__c} must be 1, 2 or 3 (capability › sub-capability › detail), got ${String(iss.input)}`,
  }),
  ...capability.id('Parent_Capability__c'),
  ...capability.number('People_Impacted__c'),
  ...capability.text('Processes_Changed__c'),
  ...capability.text('Tools_Changed__c'),
});
export type BusinessCapabilityRecord = z.infer<typeof businessCapabilitySchema>;

// KPI library (issue 17)
const kpi = fieldsOfSpec(Kpi);
const K = fieldsOf(Kpi);
export const kpiSchema = z.object({
  ...recordId,
  ...kpi.requiredText('Name'),
  ...kpi.text('KPI_Code__c'),
  ...kpi.text('Category__c'),
  ...kpi.text('Unit__c'),
  [K.Better_Direction__c]: picklistSchema(K.Better_Direction__c, BETTER_DIRECTIONS),
  ...kpi.picklist('Value_Chain_Stage__c', VALUE_CHAIN_STAGES),
  ...kpi.text('Measurement_Method__c'),
  [K.Active__c]: checkboxSchema(K.Active__c).nullish(),
});
export type KpiRecord = z.infer<typeof kpiSchema>;
// ---- Fee at risk (outcome-based commercial terms) -------------------------------------------------

const fee = fieldsOfSpec(FeeAtRisk);
const FA = fieldsOf(FeeAtRisk);
export const feeAtRiskSchema = z.object({
  ...recordId,
  ...fee.text('Name'),
  ...fee.id('Outcome_Requirement__c'),
  ...fee.id('Solution_Component__c'),
  ...fee.requiredNumber('Amount_At_Risk__c'),
  [FA.Payout_Rule__c]: picklistSchema(FA.Payout_Rule__c, PAYOUT_RULES),
  ...fee.number('Floor_Attainment_Percent__c'),
  ...fee.number('Cap_Percent__c'),
  ...fee.text('Source_Line_Item_Id__c'),
  ...fee.number('Tier_Count__c'),
  ...fee.number('Earned_To_Date__c'),
  ...fee.number('Forecast_To_Earn__c'),
  ...fee.number('Forfeited__c'),
  ...fee.picklist('Status__c', FEE_STATUSES),
});
export type FeeAtRiskRecord = z.infer<typeof feeAtRiskSchema>;

const tier = fieldsOfSpec(FeeTier);
export const feeTierSchema = z.object({
  ...recordId,
  ...tier.text('Name'),
  ...tier.id('Fee_At_Risk__c'),
  ...tier.requiredNumber('From_Attainment_Percent__c'),
  ...tier.requiredNumber('Payout_Percent__c'),
});
export type FeeTierRecord = z.infer<typeof feeTierSchema>;

const run = fieldsOfSpec(SyncRun);
/** A sync's run as recorded in the org (src/org/syncRun.ts writes it; admins read it). */
export const syncRunSchema = z.object({
  ...recordId,
  ...run.text('Name'),
  ...run.picklist('Command__c', SYNC_COMMANDS),
  ...run.picklist('Selection__c', SYNC_SELECTIONS),
  ...run.picklist('Outcome__c', SYNC_OUTCOMES),
  ...run.text('Stop_Reason__c'),
  ...run.text('Settings__c'),
  ...run.date('As_Of__c'),
  ...run.dateTime('High_Water_Mark__c'),
  ...run.number('Records_Created__c'),
  ...run.number('Records_Updated__c'),
  ...run.number('Records_Skipped__c'),
  ...run.number('Records_Failed__c'),
  ...run.number('API_Calls__c'),
});
export type SyncRunRecord = z.infer<typeof syncRunSchema>;

// ---- Standard objects, as the syncs read them -----------------------------------------------------
// Standard field names are Salesforce's own, not the package's, so they are written out here.

const opportunityCustom = fieldsOfSpec(OpportunityFields);
export const opportunitySchema = z.object({
  ...recordId,
  Name: textSchema('Name', 120).nullish(),
  AccountId: idSchema('AccountId').nullish(),
  StageName: textSchema('StageName', 255).nullish(),
  IsWon: checkboxSchema('IsWon').nullish(),
  IsClosed: checkboxSchema('IsClosed').nullish(),
  CloseDate: dateSchema('CloseDate').nullish(),
  Amount: numberSchema('Amount', { precision: 18, scale: 2 }).nullish(),
  ContractId: idSchema('ContractId').nullish(),
  Type: textSchema('Type', 255).nullish(),
  ...opportunityCustom.date('Expected_Go_Live_Date__c'),
  ...opportunityCustom.picklist('Handover_Status__c', HANDOVER_STATUSES),
});
export type OpportunityRecord = z.infer<typeof opportunitySchema>;

const product = fieldsOfSpec(Product2Fields);
/** The Product2 parent fields a line item query brings (`Product2.Name`, `Product2.Lifecycle__c`, ...). */
export const productSchema = z.object({
  ...recordId,
  Name: textSchema('Product2.Name', 255).nullish(),
  ProductCode: textSchema('Product2.ProductCode', 255).nullish(),
  ...product.picklist('Component_Type__c', COMPONENT_TYPES),
  ...product.picklist('Lifecycle__c', LIFECYCLES),
  ...product.number('Default_Term_Months__c'),
});
export type ProductRecord = z.infer<typeof productSchema>;

const lineItem = fieldsOfSpec(OpportunityLineItemFields);
export const opportunityLineItemSchema = z.object({
  ...recordId,
  OpportunityId: idSchema('OpportunityId').nullish(),
  Product2Id: idSchema('Product2Id').nullish(),
  Name: textSchema('Name', 376).nullish(),
  Quantity: numberSchema('Quantity').nullish(),
  UnitPrice: numberSchema('UnitPrice').nullish(),
  TotalPrice: numberSchema('TotalPrice').nullish(),
  ServiceDate: dateSchema('ServiceDate').nullish(),
  ...lineItem.number('Term_Months__c'),
  ...lineItem.date('End_Date__c'),
  ...lineItem.text('Role_In_Solution__c'),
  ...lineItem.id('Fee_Outcome__c'),
  ...lineItem.number('Fee_At_Risk_Amount__c'),
  ...lineItem.picklist('Fee_Payout_Rule__c', PAYOUT_RULES),
  ...lineItem.number('Fee_Floor_Percent__c'),
  ...lineItem.number('Fee_Cap_Percent__c'),
  Product2: productSchema.nullish(),
});
export type OpportunityLineItemRecord = z.infer<typeof opportunityLineItemSchema>;

export const contractSchema = z.object({
  ...recordId,
  AccountId: idSchema('AccountId').nullish(),
  StartDate: dateSchema('StartDate').nullish(),
  ContractTerm: numberSchema('ContractTerm').nullish(),
  EndDate: dateSchema('EndDate').nullish(),
  Status: textSchema('Status', 255).nullish(),
});
export type ContractRecord = z.infer<typeof contractSchema>;

/** The review tasks a handover creates and reads back (CreatedDate is a dateTime, compared as ISO text). */
export const taskSchema = z.object({
  ...recordId,
  WhatId: idSchema('WhatId').nullish(),
  Subject: textSchema('Subject', 255).nullish(),
  IsClosed: checkboxSchema('IsClosed').nullish(),
  CreatedDate: textSchema('CreatedDate', 40).nullish(),
});
export type TaskRecord = z.infer<typeof taskSchema>;

export const userSchema = z.object({
  ...recordId,
  Username: textSchema('Username', 80).nullish(),
  IsActive: checkboxSchema('IsActive').nullish(),
});
export type UserRecord = z.infer<typeof userSchema>;

/** A member of an account's team, with the user's IsActive (a CSM who left is no CSM). */
export const accountTeamMemberSchema = z.object({
  ...recordId,
  AccountId: idSchema('AccountId'),
  UserId: idSchema('UserId'),
  User: userSchema.pick({ IsActive: true }).nullish(),
});
export type AccountTeamMemberRecord = z.infer<typeof accountTeamMemberSchema>;

// ---- Reporting -------------------------------------------------------------------------------------

/**
 * One readable line per issue, naming the record: `Outcome "Speed to market": Target_Value__c must ...`.
 * Messages of these schemas name their field; for any other issue the field path is added.
 */
export function formatIssues(error: Pick<z.ZodError, 'issues'>, recordLabel: string): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = issue.path.length > 0 ? String(issue.path[issue.path.length - 1]) : '';
    const namesField = field === '' || issue.message.includes(field);
    return `${recordLabel}: ${namesField ? issue.message : `${path}: ${issue.message}`}`;
  });
}
