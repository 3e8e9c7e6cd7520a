/**
 * What the Lightning components take from the domain core: the entry point of the `c/outcomesCore` module that
 * scripts/lwc/build.ts bundles with esbuild. Only modules that do not load zod at run time, so the bundle stays
 * small and holds nothing Lightning Web Security refuses.
 */
export { Initiative, OutcomeRequirement, Measurement, OutcomeComponent, SolutionComponent, BusinessCapability, fieldsOf } from './model.js';
export { OUTCOME_STATUSES, VALIDATION_STATUSES, PRIORITIES, MEASUREMENT_SOURCES } from './model.js';
export type { OutcomeStatus, ValidationStatus, Priority, MeasurementSource, Direction, QuantityType, DeadlineType } from './model.js';
export { dateProblem, isAfter, compareDates, toDayNumber, fromDayNumber, type IsoDate } from './dates.js';
export { dueDateOf, type DeadlineAnchors, type OutcomeDeadline } from './deadline.js';
export { resolvedTarget, type OutcomeQuantity } from './quantity.js';
export { assessOutcome, assessmentFields, DEFAULT_AT_RISK_THRESHOLD_PERCENT, type DatedValue, type OutcomeAssessment } from './trajectory.js';
export { quantitySummary, deadlineSummary, type WordedQuantity } from './words.js';
