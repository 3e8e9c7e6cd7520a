/** The shape of the sample data: `sf data tree` records per object, in load order, plus the measurement rows. */
import type { MeasurementRow, OutcomeProfile } from './measurements.js';

/** The objects in the order `sf data import tree` must load them: every lookup points to an earlier one. */
export const TREE_ORDER = [
  'User',
  'Account',
  'AccountTeamMember',
  'Product2',
  'Pricebook2',
  'PricebookEntry',
  'Contract',
  'Opportunity',
  'OpportunityLineItem',
  'KPI__c',
  'Initiative__c',
  'Outcome_Requirement__c',
  'Fee_At_Risk__c',
  'Fee_Tier__c',
] as const;
export type SampleObject = (typeof TREE_ORDER)[number];

export type FieldValue = string | number | boolean;
export type TreeAttributes = { type: string; referenceId: string };
export type TreeRecord = { attributes: TreeAttributes; [field: string]: FieldValue | TreeAttributes };

export type SampleOptions = {
  seed: number;
  /** Number of opportunities; everything else scales from it. */
  opportunities: number;
  /** The data set's "now" (YYYY-MM-DD): closed deals lie before it, open ones after. */
  today: string;
};

export type SampleData = {
  readonly options: SampleOptions;
  readonly records: Readonly<Record<SampleObject, TreeRecord[]>>;
  /** The measurements CSV rows, including the deliberately bad ones. */
  readonly measurements: MeasurementRow[];
  /** Per outcome, what the measurement generators need (baseline, target, start, cadence). */
  readonly outcomeProfiles: OutcomeProfile[];
};
