/**
 * Picklist values the sample data uses, declared once for the generator.
 *
 * The local org must not import src/, so the package's own values are re-declared here;
 * local-org/test/sample/picklists.test.ts holds them equal to src/core/model.ts.
 * Standard-object values are the ones Salesforce ships (Industry, StageName) or the demo's own
 * (Account Type, Opportunity Type, Product Family: unrestricted picklists in a real org).
 */

// ---- The package's values (must equal src/core/model.ts) ----------------------------------------
export const INITIATIVE_STATUSES = ['Handover', 'Onboarding', 'Adopting', 'Realizing Value', 'At Risk', 'Closed'] as const;
export const PRIORITIES = ['Primary', 'Secondary'] as const;
export const VALIDATION_STATUSES = ['Stated by Customer', 'Assumed_Needs_Validation', 'Validated'] as const;
export const QUANTITY_TYPES = ['Absolute', 'Relative_Percent'] as const;
export const DIRECTIONS = ['Increase', 'Decrease', 'At Most', 'At Least'] as const;
export const DEADLINE_TYPES = ['Date', 'Months_After_Go_Live', 'Immediate'] as const;
export const MEASUREMENT_SOURCES = ['Survey', 'System', 'Manual', 'Import'] as const;
export const COMPONENT_TYPES = ['Subscription', 'Product', 'Professional Services', 'Support', 'Training'] as const;
export const LIFECYCLES = ['Renewable', 'Planned Temporary', 'One_Time'] as const;
// KPI library (issue 17)
export const BETTER_DIRECTIONS = ['Higher', 'Lower'] as const;
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
export const RESPONSIBLE_PARTIES = ['Customer', 'Vendor', 'Partner'] as const;
export const PAYOUT_RULES = ['All_Or_Nothing', 'Linear', 'Tiered'] as const;

export type Priority = (typeof PRIORITIES)[number];
export type ValidationStatus = (typeof VALIDATION_STATUSES)[number];
export type QuantityType = (typeof QUANTITY_TYPES)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type DeadlineType = (typeof DEADLINE_TYPES)[number];
export type MeasurementSource = (typeof MEASUREMENT_SOURCES)[number];
export type ComponentType = (typeof COMPONENT_TYPES)[number];
export type Lifecycle = (typeof LIFECYCLES)[number];
export type BetterDirection = (typeof BETTER_DIRECTIONS)[number];
export type ValueChainStage = (typeof VALUE_CHAIN_STAGES)[number];
export type ResponsibleParty = (typeof RESPONSIBLE_PARTIES)[number];

// ---- Standard objects ---------------------------------------------------------------------------
/** A subset of Salesforce's standard Account.Industry values. */
export const INDUSTRIES = [
  'Banking',
  'Healthcare',
  'Manufacturing',
  'Retail',
  'Technology',
  'Telecommunications',
  'Energy',
  'Insurance',
  'Transportation',
  'Education',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const OPEN_STAGES = ['Prospecting', 'Qualification', 'Proposal/Price Quote', 'Negotiation/Review'] as const;
export const WON_STAGE = 'Closed Won';
export const LOST_STAGE = 'Closed Lost';

export const ACCOUNT_TYPES = ['Customer', 'Prospect'] as const;
export const OPPORTUNITY_TYPES = ['New Business', 'Existing Business'] as const;
export const CONTRACT_STATUS_DRAFT = 'Draft';
export const CSM_ROLE = 'Customer Success Manager';
export const CSM_DEPARTMENT = 'Customer Success';
