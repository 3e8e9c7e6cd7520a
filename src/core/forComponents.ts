/**
 * What the Lightning components take from the domain core: the entry point of the `c/outcomesCore` module that
 * scripts/lwc/build.ts bundles with esbuild. Only modules that do not load zod at run time, so the bundle stays
 * small and holds nothing Lightning Web Security refuses.
 */
export { Initiative, OutcomeRequirement, Measurement, OutcomeComponent, SolutionComponent, BusinessCapability, OpportunityFields, fieldsOf, picklistLabel } from './model.js';
export { OUTCOME_STATUSES, VALIDATION_STATUSES, PRIORITIES, MEASUREMENT_SOURCES, QUANTITY_TYPES, DIRECTIONS, DEADLINE_TYPES } from './model.js';
export type { OutcomeStatus, OutcomeHealth, ValidationStatus, Priority, MeasurementSource, Direction, QuantityType, DeadlineType, ComponentType, Lifecycle } from './model.js';
export { dateProblem, isAfter, compareDates, toDayNumber, fromDayNumber, addDays, daysBetween, type IsoDate } from './dates.js';
export { dueDateOf, type DeadlineAnchors, type OutcomeDeadline } from './deadline.js';
export { resolvedTarget, type OutcomeQuantity } from './quantity.js';
export { assessOutcome, assessmentFields, DEFAULT_AT_RISK_THRESHOLD_PERCENT, type DatedValue, type OutcomeAssessment } from './trajectory.js';
export { quantitySummary, deadlineSummary, type WordedQuantity } from './words.js';
export { handoverGaps, HANDOVER_GAP_CODES, type HandoverGap, type HandoverGapCode, type HandoverComponent, type HandoverOutcome } from './handover.js';
export { renewalRisk, valueAtStake, sortRisks, RISKY_STATUSES, DEFAULT_RENEWAL_WINDOW_DAYS, type RenewalRisk, type RiskReason } from './risk.js';
export { renewalDateOfLine, type LineRenewal } from './renewal.js';
export { outcomeHealth } from './health.js';
