/**
 * The one source of truth for the data model's API names, field types and picklist values.
 *
 * The domain core, the commands, the components and the local org all read names from here;
 * test/metadata/model-vs-metadata.test.ts holds this description against the XML in force-app,
 * so code and metadata cannot drift apart.
 */

export type FieldType =
  | 'Text'
  | 'TextArea'
  | 'LongTextArea'
  | 'Number'
  | 'Currency'
  | 'Percent'
  | 'Date'
  | 'DateTime'
  | 'Checkbox'
  | 'Picklist'
  | 'Lookup'
  | 'MasterDetail'
  | 'Summary'
  | 'AutoNumber';

export type FieldSpec = {
  readonly type: FieldType;
  /** Target object of a Lookup or MasterDetail. */
  readonly referenceTo?: string;
  /** Child relationship name on the parent, without __r (Initiative__c → Outcome_Requirements__r). */
  readonly childRelationship?: string;
  readonly values?: readonly string[];
  readonly required?: boolean;
  readonly externalId?: boolean;
  readonly unique?: boolean;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  /** Formula fields: their value is computed by the platform, never written. */
  readonly formula?: boolean;
  /** Roll-up summary: the child object (through its master-detail to this one), the operation and filters. */
  readonly summary?: RollupSpec;
};

export type RollupSpec = {
  readonly childObject: string;
  readonly operation: 'count' | 'sum' | 'min' | 'max';
  /** Summed field of the child, for sum/min/max. */
  readonly field?: string;
  /** Every filter must hold (picklist equals). */
  readonly filters?: ReadonlyArray<{ readonly field: string; readonly equals: string }>;
};

export type ObjectSpec = {
  readonly apiName: string;
  /** Standard objects carry only the custom fields the package adds. */
  readonly standard?: boolean;
  readonly fields: Readonly<Record<string, FieldSpec>>;
};

// ---- Picklist values -------------------------------------------------------------------------
// API names stay plain (letters, digits, underscores, spaces): the Metadata API percent-encodes other
// characters in member names, and people mistype them in SOQL, CSV files and flags. A value whose label
// needs more ('%', a dash) keeps its readable label in PICKLIST_LABELS.

export const INITIATIVE_STATUSES = ['Handover', 'Onboarding', 'Adopting', 'Realizing Value', 'At Risk', 'Closed'] as const;
export const OUTCOME_HEALTH_VALUES = ['On Track', 'At Risk', 'Off Track', 'No Data'] as const;
export const PRIORITIES = ['Primary', 'Secondary'] as const;
export const VALIDATION_STATUSES = ['Stated by Customer', 'Assumed_Needs_Validation', 'Validated'] as const;
export const QUANTITY_TYPES = ['Absolute', 'Relative_Percent'] as const;
export const DIRECTIONS = ['Increase', 'Decrease', 'At Most', 'At Least'] as const;
export const DEADLINE_TYPES = ['Date', 'Months_After_Go_Live', 'Immediate'] as const;
export const OUTCOME_STATUSES = ['No Data', 'On Track', 'At Risk', 'Off Track', 'Attained', 'Missed'] as const;
export const MEASUREMENT_SOURCES = ['Survey', 'System', 'Manual', 'Import'] as const;
export const COMPONENT_TYPES = ['Subscription', 'Product', 'Professional Services', 'Support', 'Training'] as const;
export const LIFECYCLES = ['Renewable', 'Planned Temporary', 'One_Time'] as const;
export const MILESTONE_STATUSES = ['Not Started', 'In Progress', 'Completed', 'Blocked'] as const;
export const HANDOVER_STATUSES = ['Not Started', 'Handed Over', 'Incomplete'] as const;
// Fee at risk (outcome-based commercial terms).
export const PAYOUT_RULES = ['All_Or_Nothing', 'Linear', 'Tiered'] as const;
export const FEE_STATUSES = ['Open', 'Earned', 'Partly Earned', 'Forfeited'] as const;

// ---- KPI library and benchmark (issue 17) --------------------------------------------------------
/** Which way a KPI gets better, whatever a single outcome's own direction says. */
export const BETTER_DIRECTIONS = ['Higher', 'Lower'] as const;
/** Porter's value chain: the primary activities, then the support activities. */
export const VALUE_CHAIN_STAGES = [
  'Inbound Logistics',
  'Operations',
  'Outbound Logistics',
  'Marketing_And_Sales',
  'Service',
  'Procurement',
  'Technology',
  'People',
  'Infrastructure',
] as const;
/** Who is responsible for an outcome's result. */
export const RESPONSIBLE_PARTIES = ['Customer', 'Vendor', 'Partner'] as const;
// ---- end KPI library picklists ---------------------------------------------------------------------

/** Labels of the values whose label is not their API name; every other value is labelled by its API name. */
export const PICKLIST_LABELS: Readonly<Record<string, string>> = {
  Assumed_Needs_Validation: 'Assumed – Needs Validation',
  Relative_Percent: 'Relative %',
  Months_After_Go_Live: 'Months After Go-Live',
  One_Time: 'One-Time',
  // KPI library (issue 17)
  Higher: 'Higher is better',
  Lower: 'Lower is better',
  Marketing_And_Sales: 'Marketing & Sales',
  All_Or_Nothing: 'All or Nothing',
};

/** What people see for a picklist value: its label. */
export function picklistLabel(apiName: string): string {
  return PICKLIST_LABELS[apiName] ?? apiName;
}

export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];
export type OutcomeHealth = (typeof OUTCOME_HEALTH_VALUES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type ValidationStatus = (typeof VALIDATION_STATUSES)[number];
export type QuantityType = (typeof QUANTITY_TYPES)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type DeadlineType = (typeof DEADLINE_TYPES)[number];
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];
export type MeasurementSource = (typeof MEASUREMENT_SOURCES)[number];
export type ComponentType = (typeof COMPONENT_TYPES)[number];
export type Lifecycle = (typeof LIFECYCLES)[number];
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export type BetterDirection = (typeof BETTER_DIRECTIONS)[number];
export type ValueChainStage = (typeof VALUE_CHAIN_STAGES)[number];
export type ResponsibleParty = (typeof RESPONSIBLE_PARTIES)[number];
export type PayoutRule = (typeof PAYOUT_RULES)[number];
export type FeeStatus = (typeof FEE_STATUSES)[number];

// ---- Objects -----------------------------------------------------------------------------------

const text = (length: number, extra: Partial<FieldSpec> = {}): FieldSpec => ({ type: 'Text', length, ...extra });
const externalKey = (length: number): FieldSpec => ({ type: 'Text', length, externalId: true, unique: true });
const longText = (length = 32_768): FieldSpec => ({ type: 'LongTextArea', length });
const num = (precision: number, scale: number): FieldSpec => ({ type: 'Number', precision, scale });
const money: FieldSpec = { type: 'Currency', precision: 16, scale: 2 };
const date: FieldSpec = { type: 'Date' };
const percent: FieldSpec = { type: 'Percent', precision: 5, scale: 1 };
const picklist = (values: readonly string[], extra: Partial<FieldSpec> = {}): FieldSpec => ({ type: 'Picklist', values, ...extra });
const lookup = (referenceTo: string, childRelationship: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  type: 'Lookup',
  referenceTo,
  childRelationship,
  ...extra,
});
const master = (referenceTo: string, childRelationship: string): FieldSpec => ({
  type: 'MasterDetail',
  referenceTo,
  childRelationship,
  required: true,
});
const rollup = (summary: RollupSpec): FieldSpec => ({ type: 'Summary', summary });
const countOutcomes = (...filters: Array<{ field: string; equals: string }>): FieldSpec =>
  rollup({ childObject: 'Outcome_Requirement__c', operation: 'count', filters });

export const Initiative = {
  apiName: 'Initiative__c',
  fields: {
    Name: text(80, { required: true }),
    Account__c: lookup('Account', 'Initiatives', { required: true }),
    Opportunity__c: lookup('Opportunity', 'Initiatives'),
    Source_Opportunity_Id__c: externalKey(18),
    Purpose__c: longText(),
    Strategic_Alignment__c: longText(),
    Challenges__c: longText(),
    Status__c: picklist(INITIATIVE_STATUSES),
    CSM__c: lookup('User', 'Managed_Initiatives'),
    Handover_Date__c: date,
    Handover_Notes__c: longText(),
    Go_Live_Date__c: date,
    Annual_Contract_Value__c: money,
    Total_Contract_Value__c: money,
    Next_Renewal_Date__c: date,
    Outcome_Health__c: picklist(OUTCOME_HEALTH_VALUES),
    Primary_Outcomes_Off_Track__c: countOutcomes(
      { field: 'Priority__c', equals: 'Primary' },
      { field: 'Status__c', equals: 'Off Track' },
    ),
    Outcome_Count__c: countOutcomes(),
    Primary_Outcome_Count__c: countOutcomes({ field: 'Priority__c', equals: 'Primary' }),
    Outcomes_Attained__c: countOutcomes({ field: 'Status__c', equals: 'Attained' }),
    Outcomes_To_Validate__c: countOutcomes({ field: 'Validation_Status__c', equals: 'Assumed_Needs_Validation' }),
    Renewable_Annual_Value__c: rollup({
      childObject: 'Solution_Component__c',
      operation: 'sum',
      field: 'Annual_Value__c',
      filters: [{ field: 'Lifecycle__c', equals: 'Renewable' }],
    }),
    // KPI benchmark (issue 17): the program (type of initiative) results are compared within.
    Program__c: text(80),
  },
} as const satisfies ObjectSpec;

export const OutcomeRequirement = {
  apiName: 'Outcome_Requirement__c',
  fields: {
    Name: { type: 'AutoNumber' },
    Initiative__c: master('Initiative__c', 'Outcome_Requirements'),
    Description__c: { type: 'TextArea', required: true },
    Priority__c: picklist(PRIORITIES),
    Validation_Status__c: picklist(VALIDATION_STATUSES),
    Quantity_Type__c: picklist(QUANTITY_TYPES),
    Direction__c: picklist(DIRECTIONS),
    Baseline_Value__c: num(16, 4),
    Baseline_Date__c: date,
    Target_Value__c: num(16, 4),
    Unit__c: text(40),
    Deadline_Type__c: picklist(DEADLINE_TYPES),
    Deadline_Date__c: date,
    Deadline_Offset_Months__c: num(3, 0),
    Due_Date__c: { type: 'Date', formula: true },
    Measurement_Method__c: { type: 'TextArea' },
    Business_Capability__c: lookup('Business_Capability__c', 'Outcome_Requirements'),
    External_Id__c: externalKey(80),
    Latest_Value__c: num(16, 4),
    Latest_Measured_On__c: date,
    Attainment_Percent__c: { type: 'Percent', precision: 8, scale: 1 },
    Forecast_At_Deadline__c: num(16, 4),
    Forecast_Attainment_Percent__c: { type: 'Percent', precision: 8, scale: 1 },
    Status__c: picklist(OUTCOME_STATUSES),
    Measurement_Count__c: rollup({ childObject: 'Measurement__c', operation: 'count' }),
    // KPI library and benchmark (issue 17): the KPI this outcome measures and who is responsible for its result.
    KPI__c: lookup('KPI__c', 'Outcome_Requirements'),
    Responsible_Party__c: picklist(RESPONSIBLE_PARTIES),
    Partner_Account__c: lookup('Account', 'Partner_Outcome_Requirements'),
  },
} as const satisfies ObjectSpec;

export const Measurement = {
  apiName: 'Measurement__c',
  fields: {
    Name: { type: 'AutoNumber' },
    Outcome_Requirement__c: master('Outcome_Requirement__c', 'Measurements'),
    Measured_On__c: { type: 'Date', required: true },
    Value__c: { type: 'Number', precision: 16, scale: 4, required: true },
    Source__c: picklist(MEASUREMENT_SOURCES),
    Notes__c: { type: 'TextArea' },
    External_Id__c: externalKey(80),
  },
} as const satisfies ObjectSpec;

export const SolutionComponent = {
  apiName: 'Solution_Component__c',
  fields: {
    Name: text(80, { required: true }),
    Initiative__c: master('Initiative__c', 'Solution_Components'),
    Product__c: lookup('Product2', 'Solution_Components'),
    Source_Line_Item_Id__c: externalKey(18),
    Quantity__c: num(12, 2),
    Total_Price__c: money,
    Component_Type__c: picklist(COMPONENT_TYPES),
    Role_In_Solution__c: { type: 'TextArea' },
    Lifecycle__c: picklist(LIFECYCLES),
    Start_Date__c: date,
    End_Date__c: date,
    Renewal_Date__c: date,
    Annual_Value__c: money,
  },
} as const satisfies ObjectSpec;

export const OutcomeComponent = {
  apiName: 'Outcome_Component__c',
  fields: {
    Name: { type: 'AutoNumber' },
    Outcome_Requirement__c: master('Outcome_Requirement__c', 'Outcome_Components'),
    Solution_Component__c: lookup('Solution_Component__c', 'Outcome_Components'),
    Contribution__c: { type: 'TextArea' },
  },
} as const satisfies ObjectSpec;

export const InitiativeMilestone = {
  apiName: 'Initiative_Milestone__c',
  fields: {
    Name: text(80, { required: true }),
    Initiative__c: master('Initiative__c', 'Milestones'),
    Due_Date__c: date,
    Completed_On__c: date,
    Status__c: picklist(MILESTONE_STATUSES),
    Description__c: { type: 'TextArea' },
  },
} as const satisfies ObjectSpec;

export const BusinessCapability = {
  apiName: 'Business_Capability__c',
  fields: {
    Name: text(80, { required: true }),
    Account__c: lookup('Account', 'Business_Capabilities', { required: true }),
    Level__c: { type: 'Number', precision: 1, scale: 0, required: true },
    Parent_Capability__c: lookup('Business_Capability__c', 'Child_Capabilities'),
    People_Impacted__c: num(9, 0),
    Processes_Changed__c: { type: 'TextArea' },
    Tools_Changed__c: { type: 'TextArea' },
  },
} as const satisfies ObjectSpec;

// ---- KPI library (issue 17) ---------------------------------------------------------------------
/**
 * An org-wide KPI definition that outcome requirements point to, so results of different customers compare.
 * KPI_Code__c is the KPI's key across orgs and vendors: the benchmark's export and peer files name KPIs by it.
 */
export const Kpi = {
  apiName: 'KPI__c',
  fields: {
    Name: text(80, { required: true }),
    KPI_Code__c: externalKey(40),
    Category__c: text(80),
    Unit__c: text(40),
    Better_Direction__c: picklist(BETTER_DIRECTIONS, { required: true }),
    Value_Chain_Stage__c: picklist(VALUE_CHAIN_STAGES),
    Measurement_Method__c: { type: 'TextArea' },
    Active__c: { type: 'Checkbox' },
  },
} as const satisfies ObjectSpec;
// ---- end KPI library -----------------------------------------------------------------------------

/** Custom fields the package adds to standard objects. */
export const OpportunityFields = {
  apiName: 'Opportunity',
  standard: true,
  fields: {
    Expected_Go_Live_Date__c: date,
    Handover_Status__c: picklist(HANDOVER_STATUSES),
  },
} as const satisfies ObjectSpec;

export const OpportunityLineItemFields = {
  apiName: 'OpportunityLineItem',
  standard: true,
  fields: {
    Term_Months__c: num(3, 0),
    End_Date__c: date,
    Role_In_Solution__c: { type: 'TextArea' },
    // Fee at risk: the terms sales records on the deal's line; handover turns them into a Fee_At_Risk__c.
    Fee_Outcome__c: lookup('Outcome_Requirement__c', 'Fee_Line_Items'),
    Fee_At_Risk_Amount__c: money,
    Fee_Payout_Rule__c: picklist(PAYOUT_RULES),
    Fee_Floor_Percent__c: percent,
    Fee_Cap_Percent__c: percent,
  },
} as const satisfies ObjectSpec;

export const Product2Fields = {
  apiName: 'Product2',
  standard: true,
  fields: {
    Component_Type__c: picklist(COMPONENT_TYPES),
    Lifecycle__c: picklist(LIFECYCLES),
    Default_Term_Months__c: num(3, 0),
  },
} as const satisfies ObjectSpec;

// ---- Fee at risk (outcome-based commercial terms) ------------------------------------------------
// Part of the fee that depends on an outcome: the amount at risk, the payout rule, and what recompute derives
// from the outcome's attainment and forecast (docs/design.md, "Fee at risk").

export const FeeAtRisk = {
  apiName: 'Fee_At_Risk__c',
  fields: {
    Name: { type: 'AutoNumber' },
    Outcome_Requirement__c: master('Outcome_Requirement__c', 'Fees_At_Risk'),
    Solution_Component__c: lookup('Solution_Component__c', 'Fees_At_Risk'),
    Amount_At_Risk__c: { ...money, required: true },
    Payout_Rule__c: picklist(PAYOUT_RULES, { required: true }),
    Floor_Attainment_Percent__c: percent,
    Cap_Percent__c: percent,
    Source_Line_Item_Id__c: externalKey(18),
    Tier_Count__c: rollup({ childObject: 'Fee_Tier__c', operation: 'count' }),
    Earned_To_Date__c: money,
    Forecast_To_Earn__c: money,
    Forfeited__c: money,
    Status__c: picklist(FEE_STATUSES),
  },
} as const satisfies ObjectSpec;

export const FeeTier = {
  apiName: 'Fee_Tier__c',
  fields: {
    Name: { type: 'AutoNumber' },
    Fee_At_Risk__c: master('Fee_At_Risk__c', 'Fee_Tiers'),
    From_Attainment_Percent__c: { ...percent, required: true },
    Payout_Percent__c: { ...percent, required: true },
  },
} as const satisfies ObjectSpec;

/** The commands that record their runs (Sync_Run__c.Command__c): the API name is the command as typed. */
export const SYNC_COMMANDS = ['handover sync', 'renewals sync', 'recompute', 'measurements import'] as const;
/** What a run read: what changed since the mark (and what time made stale), the whole book, or what was named. */
export const SYNC_SELECTIONS = ['Changes', 'Full', 'Named'] as const;
/** How a run ended; only Done moves the high-water mark. */
export const SYNC_OUTCOMES = ['Running', 'Done', 'Refused', 'Stopped'] as const;
export type SyncCommand = (typeof SYNC_COMMANDS)[number];
export type SyncSelection = (typeof SYNC_SELECTIONS)[number];
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number];

const count: FieldSpec = { type: 'Number', precision: 9, scale: 0 };

/** One run of a sync: the integration's audit trail, and the high-water mark the next run reads changes from. */
export const SyncRun = {
  apiName: 'Sync_Run__c',
  fields: {
    Name: { type: 'AutoNumber' },
    Command__c: picklist(SYNC_COMMANDS),
    Selection__c: picklist(SYNC_SELECTIONS),
    Outcome__c: picklist(SYNC_OUTCOMES),
    Stop_Reason__c: { type: 'TextArea' },
    Settings__c: text(255),
    As_Of__c: date,
    High_Water_Mark__c: { type: 'DateTime' },
    Records_Created__c: count,
    Records_Updated__c: count,
    Records_Skipped__c: count,
    Records_Failed__c: count,
    API_Calls__c: count,
  },
} as const satisfies ObjectSpec;

export const CUSTOM_OBJECTS = [
  Initiative,
  OutcomeRequirement,
  Measurement,
  SolutionComponent,
  OutcomeComponent,
  InitiativeMilestone,
  BusinessCapability,
  Kpi,
  FeeAtRisk,
  FeeTier,
  SyncRun,
] as const;

export const STANDARD_OBJECT_EXTENSIONS = [OpportunityFields, OpportunityLineItemFields, Product2Fields] as const;

export const ALL_OBJECTS: readonly ObjectSpec[] = [...CUSTOM_OBJECTS, ...STANDARD_OBJECT_EXTENSIONS];

/** Field API names of one object, typed: `fieldsOf(Initiative).Purpose__c === 'Purpose__c'`. */
export type FieldNames<O extends ObjectSpec> = { readonly [K in keyof O['fields']]: K };

export function fieldsOf<O extends ObjectSpec>(spec: O): FieldNames<O> {
  return Object.fromEntries(Object.keys(spec.fields).map((name) => [name, name])) as FieldNames<O>;
}

/** Relationship name of a custom lookup or master-detail field: Initiative__c → Initiative__r. */
export function relationshipName(fieldApiName: string): string {
  return fieldApiName.replace(/__c$/, '__r');
}
