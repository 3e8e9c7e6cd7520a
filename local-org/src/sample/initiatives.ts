/**
 * What customers buy for: initiative themes (by industry) and the outcome requirements heard in
 * the sales cycle. The first three outcome templates are docs/design.md's own examples.
 */
import type { DeadlineType, Direction, Industry, MeasurementSource, QuantityType } from './picklists.js';

export type OutcomeTemplate = {
  readonly key: string;
  /** `{subject}` is replaced by one of `subjects`. */
  readonly description: string;
  readonly subjects?: readonly string[];
  readonly quantityType: QuantityType;
  readonly direction: Direction;
  readonly baseline: readonly [number, number];
  /** Relative %: the percentage of the baseline (15 = 15% uplift or reduction). */
  readonly percent?: number;
  /** Absolute Increase/Decrease: how far the target lies from the baseline (a magnitude). */
  readonly delta?: readonly [number, number];
  /** At Most / At Least: the threshold itself. */
  readonly threshold?: number;
  readonly unit: string;
  readonly decimals: number;
  readonly deadline: DeadlineType;
  /** Months After Go-Live: the offset; Date: years after the close, due on 31 December. */
  readonly deadlineMonths?: number;
  readonly deadlineYears?: number;
  readonly method: string;
  readonly source: MeasurementSource;
  /** How often the customer measures it, in months. */
  readonly cadenceMonths: number;
};

export const OUTCOME_TEMPLATES: readonly OutcomeTemplate[] = [
  {
    key: 'service-quality',
    description: 'Quality of service experienced by customers after purchase',
    quantityType: 'Relative_Percent',
    direction: 'Increase',
    baseline: [62, 76],
    percent: 15,
    unit: 'CSAT score (0–100)',
    decimals: 1,
    deadline: 'Months_After_Go_Live',
    deadlineMonths: 24,
    method: 'Annual customer survey, with a half-yearly pulse on the same questions',
    source: 'Survey',
    cadenceMonths: 6,
  },
  {
    key: 'material-wastage',
    description: 'Raw-material wastage in manufacturing of {subject}',
    subjects: ['aluminium housings', 'PET bottles', 'engine brackets', 'circuit boards', 'cable harnesses', 'printed packaging'],
    quantityType: 'Relative_Percent',
    direction: 'Decrease',
    baseline: [6, 11],
    percent: 20,
    unit: '% of raw material',
    decimals: 2,
    deadline: 'Date',
    deadlineYears: 1,
    method: 'Materials used / products made, from the MES month-end report',
    source: 'System',
    cadenceMonths: 1,
  },
  {
    key: 'release-interval',
    description: 'Speed to market for releases of {subject}',
    subjects: ['the customer mobile app', 'the online store', 'the claims portal', 'the patient app', 'the dealer portal'],
    quantityType: 'Absolute',
    direction: 'At Most',
    baseline: [9, 14],
    threshold: 6,
    unit: 'months between releases',
    decimals: 1,
    deadline: 'Immediate',
    method: 'Dates of releases: months between the last two production releases',
    source: 'Manual',
    cadenceMonths: 3,
  },
  {
    key: 'first-contact',
    description: 'Service cases resolved at first contact',
    quantityType: 'Absolute',
    direction: 'Increase',
    baseline: [55, 68],
    delta: [12, 20],
    unit: '%',
    decimals: 1,
    deadline: 'Months_After_Go_Live',
    deadlineMonths: 12,
    method: 'Cases closed on first contact / all closed cases, per month',
    source: 'System',
    cadenceMonths: 1,
  },
  {
    key: 'handle-time',
    description: 'Average handling time of service cases',
    quantityType: 'Absolute',
    direction: 'Decrease',
    baseline: [12, 18],
    delta: [4, 6],
    unit: 'minutes',
    decimals: 1,
    deadline: 'Date',
    deadlineYears: 1,
    method: 'Case data: agent working time per closed case, monthly average',
    source: 'System',
    cadenceMonths: 1,
  },
  {
    key: 'self-service',
    description: 'Share of requests solved in the self-service portal',
    quantityType: 'Relative_Percent',
    direction: 'Increase',
    baseline: [14, 24],
    percent: 50,
    unit: '% of requests',
    decimals: 1,
    deadline: 'Months_After_Go_Live',
    deadlineMonths: 18,
    method: 'Portal analytics: requests closed without an agent / all requests',
    source: 'Import',
    cadenceMonths: 1,
  },
  {
    key: 'downtime',
    description: 'Unplanned downtime of production lines',
    quantityType: 'Relative_Percent',
    direction: 'Decrease',
    baseline: [28, 45],
    percent: 35,
    unit: 'hours per month',
    decimals: 1,
    deadline: 'Months_After_Go_Live',
    deadlineMonths: 12,
    method: 'Machine logs: stopped hours not in the maintenance plan',
    source: 'System',
    cadenceMonths: 1,
  },
  {
    key: 'on-time-delivery',
    description: 'Orders delivered on time',
    quantityType: 'Absolute',
    direction: 'At Least',
    baseline: [84, 91],
    threshold: 95,
    unit: '%',
    decimals: 1,
    deadline: 'Immediate',
    method: 'ERP delivery records: delivered by the promised date / all deliveries',
    source: 'Import',
    cadenceMonths: 1,
  },
  {
    key: 'order-to-cash',
    description: 'Order-to-cash cycle time',
    quantityType: 'Relative_Percent',
    direction: 'Decrease',
    baseline: [24, 40],
    percent: 30,
    unit: 'days',
    decimals: 1,
    deadline: 'Months_After_Go_Live',
    deadlineMonths: 12,
    method: 'ERP: invoice paid date minus order date, monthly median',
    source: 'Import',
    cadenceMonths: 1,
  },
  {
    key: 'quote-turnaround',
    description: 'Quote turnaround time',
    quantityType: 'Absolute',
    direction: 'At Most',
    baseline: [4, 7],
    threshold: 2,
    unit: 'business days',
    decimals: 1,
    deadline: 'Immediate',
    method: 'CPQ timestamps: request to quote sent, monthly median',
    source: 'System',
    cadenceMonths: 1,
  },
  {
    key: 'dso',
    description: 'Days sales outstanding',
    quantityType: 'Absolute',
    direction: 'Decrease',
    baseline: [52, 65],
    delta: [10, 15],
    unit: 'days',
    decimals: 0,
    deadline: 'Date',
    deadlineYears: 2,
    method: 'Finance month-end report',
    source: 'Manual',
    cadenceMonths: 1,
  },
  {
    key: 'first-time-fix',
    description: 'Field visits that fix the issue on the first visit',
    quantityType: 'Absolute',
    direction: 'Increase',
    baseline: [70, 78],
    delta: [8, 12],
    unit: '%',
    decimals: 1,
    deadline: 'Months_After_Go_Live',
    deadlineMonths: 18,
    method: 'Work orders closed without a follow-up visit / all work orders',
    source: 'System',
    cadenceMonths: 1,
  },
  {
    key: 'claim-cost',
    description: 'Cost of processing a claim',
    quantityType: 'Absolute',
    direction: 'Decrease',
    baseline: [38, 52],
    delta: [8, 12],
    unit: 'USD per claim',
    decimals: 2,
    deadline: 'Months_After_Go_Live',
    deadlineMonths: 24,
    method: 'Finance: claims-operations cost / claims closed, per quarter',
    source: 'Manual',
    cadenceMonths: 3,
  },
  {
    key: 'claim-cycle',
    description: 'Claim cycle time from first notice to payment',
    quantityType: 'Relative_Percent',
    direction: 'Decrease',
    baseline: [12, 20],
    percent: 40,
    unit: 'days',
    decimals: 1,
    deadline: 'Months_After_Go_Live',
    deadlineMonths: 12,
    method: 'Claims system: paid date minus first-notice date, monthly median',
    source: 'System',
    cadenceMonths: 1,
  },
  {
    key: 'appointment-wait',
    description: 'Wait time for a first appointment',
    quantityType: 'Relative_Percent',
    direction: 'Decrease',
    baseline: [9, 16],
    percent: 25,
    unit: 'days',
    decimals: 1,
    deadline: 'Date',
    deadlineYears: 1,
    method: 'Scheduling system: request to first available slot, monthly median',
    source: 'System',
    cadenceMonths: 1,
  },
  {
    key: 'no-show',
    description: 'Missed appointments',
    quantityType: 'Absolute',
    direction: 'Decrease',
    baseline: [11, 15],
    delta: [3, 5],
    unit: '% of appointments',
    decimals: 1,
    deadline: 'Months_After_Go_Live',
    deadlineMonths: 12,
    method: 'Scheduling system: no-shows / booked appointments',
    source: 'System',
    cadenceMonths: 1,
  },
  {
    key: 'onboarding-time',
    description: 'Time for a new hire to become productive',
    quantityType: 'Absolute',
    direction: 'Decrease',
    baseline: [40, 60],
    delta: [15, 20],
    unit: 'days',
    decimals: 0,
    deadline: 'Months_After_Go_Live',
    deadlineMonths: 12,
    method: 'Quarterly survey of hiring managers',
    source: 'Survey',
    cadenceMonths: 3,
  },
  {
    key: 'lead-time',
    description: 'Lead time from code commit to production',
    quantityType: 'Relative_Percent',
    direction: 'Decrease',
    baseline: [10, 20],
    percent: 50,
    unit: 'days',
    decimals: 1,
    deadline: 'Months_After_Go_Live',
    deadlineMonths: 12,
    method: 'Deployment pipeline: commit to production, monthly median',
    source: 'System',
    cadenceMonths: 1,
  },
];

/** docs/design.md's three examples; the first initiatives carry them so even a tiny data set shows them. */
export const SHOWCASE_OUTCOMES = ['service-quality', 'material-wastage', 'release-interval'] as const;

export type InitiativeTheme = {
  readonly key: string;
  readonly name: string;
  readonly purpose: string;
  readonly strategicAlignment: string;
  readonly challenges: string;
  /** Outcome template keys, most important first. */
  readonly outcomes: readonly string[];
};

export const INITIATIVE_THEMES: readonly InitiativeTheme[] = [
  {
    key: 'service',
    name: 'Customer Service Excellence',
    purpose: 'Raise the quality of service customers experience after purchase, so that they buy again and recommend us.',
    strategicAlignment: 'Supports the board’s goal to be the most recommended provider in the segment by 2028.',
    challenges:
      'Technical: three legacy ticketing tools to retire. Business: agents are measured on volume, not resolution. Security: customer data moves to a new cloud region. Continuity: no service interruption during peak season.',
    outcomes: ['service-quality', 'first-contact', 'handle-time', 'self-service'],
  },
  {
    key: 'lean',
    name: 'Lean Materials Program',
    purpose: 'Cut raw-material waste and unplanned stops on the production lines.',
    strategicAlignment: 'Part of the sustainability commitment: 30% less waste per unit produced by 2030.',
    challenges:
      'Technical: machines from four vendors with different data formats. Business: plant managers own their own spreadsheets. Continuity: lines run 24/7, changes only in maintenance windows.',
    outcomes: ['material-wastage', 'downtime', 'on-time-delivery'],
  },
  {
    key: 'releases',
    name: 'Faster Digital Releases',
    purpose: 'Ship improvements to customers more often and with less risk.',
    strategicAlignment: 'Digital channels are to carry half of revenue within three years.',
    challenges:
      'Technical: monolithic codebase, manual test cycles. Security: every release needs a penetration test. Business: release dates are tied to marketing campaigns.',
    outcomes: ['release-interval', 'lead-time', 'service-quality'],
  },
  {
    key: 'cash',
    name: 'Order-to-Cash Acceleration',
    purpose: 'Get from order to cash faster and with fewer errors on the way.',
    strategicAlignment: 'Frees working capital for the expansion plan announced to investors.',
    challenges:
      'Technical: quotes, orders and invoices live in three systems. Business: sales and finance disagree on who owns pricing. Continuity: month-end close cannot slip.',
    outcomes: ['order-to-cash', 'quote-turnaround', 'dso'],
  },
  {
    key: 'field',
    name: 'Connected Field Operations',
    purpose: 'Fix customer equipment on the first visit and prevent breakdowns before they happen.',
    strategicAlignment: 'Moves the service business from break-fix to uptime contracts.',
    challenges:
      'Technical: patchy connectivity at customer sites. Business: technicians are paid per visit. Security: remote access to customer equipment must pass the customer’s audit.',
    outcomes: ['first-time-fix', 'downtime', 'on-time-delivery'],
  },
  {
    key: 'claims',
    name: 'Digital Claims Modernisation',
    purpose: 'Settle claims faster and at a lower cost, with a better experience for policyholders.',
    strategicAlignment: 'Claims experience is the first reason for churn in the customer research.',
    challenges:
      'Technical: a mainframe claims system stays in place for two more years. Business: regulators must approve process changes. Security: medical data in claims.',
    outcomes: ['claim-cycle', 'claim-cost', 'self-service', 'service-quality'],
  },
  {
    key: 'patients',
    name: 'Patient Access Improvement',
    purpose: 'Let patients get a first appointment sooner and keep the appointments they book.',
    strategicAlignment: 'Meets the regional health authority’s access targets tied to funding.',
    challenges:
      'Technical: scheduling spread over twelve clinic systems. Business: clinicians’ calendars are kept by hand. Security: patient data protection rules.',
    outcomes: ['appointment-wait', 'no-show', 'service-quality'],
  },
  {
    key: 'onboarding',
    name: 'Employee Onboarding Redesign',
    purpose: 'Make new hires productive sooner with one guided onboarding journey.',
    strategicAlignment: 'Hiring plan doubles the service staff in two years.',
    challenges: 'Business: every department onboards differently. Technical: HR system is replaced at the same time.',
    outcomes: ['onboarding-time', 'self-service'],
  },
];

export const THEMES_BY_INDUSTRY: Readonly<Record<Industry, readonly string[]>> = {
  Banking: ['service', 'releases', 'cash'],
  Healthcare: ['patients', 'service', 'onboarding'],
  Manufacturing: ['lean', 'field', 'cash'],
  Retail: ['service', 'cash', 'releases'],
  Technology: ['releases', 'service', 'cash'],
  Telecommunications: ['field', 'service', 'releases'],
  Energy: ['field', 'lean', 'onboarding'],
  Insurance: ['claims', 'service', 'releases'],
  Transportation: ['cash', 'field', 'lean'],
  Education: ['onboarding', 'service', 'releases'],
};

export const MEASUREMENT_NOTES: Readonly<Record<string, readonly string[]>> = {
  Survey: ['pulse survey, n=312', 'annual survey, n=1,204', 'survey closed early', 'response rate 41%'],
  System: ['nightly extract', 'month-end snapshot', 'recomputed after data fix'],
  Manual: ['entered by the CSM', 'from the steering-committee deck', 'customer confirmed by email'],
  Import: ['ERP export', 'data-warehouse feed', 'partner report'],
};
