import { describe, expect, it } from '@jest/globals';
import {
  buildValueReport,
  nothingToReport,
  quantitySummary,
  type InitiativeSource,
  type OutcomeSource,
  type ValueReport,
} from '../../../src/core/plan/valueReport.js';
import type { MeasurementRecord, OutcomeRequirementRecord, SolutionComponentRecord } from '../../../src/core/schemas.js';

const ACCOUNT = '001000000000001AAA';
const INITIATIVE = 'a00000000000001AAA';
const LINE_1 = 'a03000000000001AAA';
const LINE_2 = 'a03000000000002AAA';
const LINE_3 = 'a03000000000003AAA';

const measure = (Measured_On__c: string, Value__c: number): MeasurementRecord => ({ Measured_On__c, Value__c });

function outcome(record: Partial<OutcomeRequirementRecord> & { Id: string; Name: string }, measurements: MeasurementRecord[] = [], componentIds: string[] = []): OutcomeSource {
  return { record: { Description__c: `About ${record.Name}`, ...record }, measurements, componentIds };
}

/** Waste: Decrease 20 → 10 by 2026-06-30; 18 on 2026-01-01, 16 on 2026-04-01. */
const waste = outcome(
  {
    Id: 'a01000000000001AAA',
    Name: 'OR-0001',
    Description__c: 'Raw-material wastage',
    Priority__c: 'Primary',
    Validation_Status__c: 'Stated by Customer',
    Quantity_Type__c: 'Absolute',
    Direction__c: 'Decrease',
    Baseline_Value__c: 20,
    Target_Value__c: 10,
    Unit__c: '%',
    Deadline_Type__c: 'Date',
    Deadline_Date__c: '2026-06-30',
    Measurement_Method__c: 'materials used / products made',
    Status__c: 'On Track',
  },
  [measure('2026-04-01', 16), measure('2026-01-01', 18)],
  [LINE_1],
);

/** Service quality: +15% of 100 → 115, 24 months after go-live (2025-01-15 → 2027-01-15). */
const quality = outcome({
  Id: 'a01000000000002AAA',
  Name: 'OR-0002',
  Description__c: 'Quality of service',
  Priority__c: 'Primary',
  Validation_Status__c: 'Assumed_Needs_Validation',
  Quantity_Type__c: 'Relative_Percent',
  Direction__c: 'Increase',
  Baseline_Value__c: 100,
  Target_Value__c: 15,
  Deadline_Type__c: 'Months_After_Go_Live',
  Deadline_Offset_Months__c: 24,
}, [measure('2025-05-01', 105), measure('2026-05-01', 112), measure('2026-06-01', 130)]);

const releases = outcome({
  Id: 'a01000000000003AAA',
  Name: 'OR-0003',
  Description__c: 'Months between releases',
  Priority__c: 'Secondary',
  Validation_Status__c: 'Validated',
  Quantity_Type__c: 'Absolute',
  Direction__c: 'At Most',
  Target_Value__c: 6,
  Unit__c: 'months',
  Deadline_Type__c: 'Immediate',
});

const unquantified = outcome({ Id: 'a01000000000004AAA', Name: 'OR-0004', Description__c: 'Happier agents', Priority__c: 'Primary' }, [measure('2026-03-01', 7)]);

const line = (Id: string, Name: string, extra: Partial<SolutionComponentRecord>): SolutionComponentRecord => ({ Id, Name, ...extra });

function initiative(overrides: Partial<InitiativeSource> = {}): InitiativeSource {
  return {
    record: {
      Id: INITIATIVE,
      Name: 'Service Excellence',
      Account__c: ACCOUNT,
      Purpose__c: 'Customers buy again',
      Status__c: 'Adopting',
      Handover_Date__c: '2024-12-01',
      Go_Live_Date__c: '2025-01-15',
    },
    accountName: 'Highland Foods',
    components: [
      line(LINE_2, 'Analytics add-on', { Lifecycle__c: 'Renewable', Component_Type__c: 'Subscription', Renewal_Date__c: '2027-02-01', Annual_Value__c: 30000.5 }),
      line(LINE_1, 'Service Cloud', { Lifecycle__c: 'Renewable', Component_Type__c: 'Subscription', Renewal_Date__c: '2026-08-01', Annual_Value__c: 120000 }),
      line(LINE_3, 'Implementation', { Lifecycle__c: 'One_Time', Component_Type__c: 'Professional Services', Total_Price__c: 50000 }),
    ],
    outcomes: [unquantified, releases, quality, waste],
    ...overrides,
  };
}

const AS_OF = '2026-05-01';
/** With the 120-day window of `sf outcomes risk` (`--within 120`); `buildValueReport` without one takes the next renewal. */
const build = (initiatives: InitiativeSource[] = [initiative()], asOf = AS_OF, renewalWindowDays: number | null = 120): ValueReport =>
  buildValueReport({ scope: { kind: 'initiative', id: INITIATIVE }, asOf, initiatives, renewalWindowDays });
const outcomeOf = (report: ValueReport, name: string) => {
  const found = report.initiatives[0].outcomes.find((o) => o.name === name);
  if (!found) throw new Error(`no outcome ${name}`);
  return found;
};

describe('buildValueReport', () => {
  describe('what is attained', () => {
    it('computes a Decrease outcome afresh from its measurements, not from the stored status', () => {
      const o = outcomeOf(build(), 'OR-0001');
      // Latest 16 on a 20 → 10 scale: (16 − 20) / (10 − 20) = 40%.
      expect(o.latest).toEqual({ value: 16, measuredOn: '2026-04-01' });
      expect(o.attainmentPercent).toBe(40);
      // The line through (day 0, 18) and (day 90, 16) reaches 14 at day 180 (2026-06-30): 60%, below the 80% threshold.
      expect(o.forecast).toEqual({ value: 14, attainmentPercent: 60 });
      expect(o.status).toBe('Off Track');
      expect(o.storedStatus).toBe('On Track');
      expect(o.quantity).toMatchObject({ baseline: 20, enteredTarget: 10, targetValue: 10, summary: 'Decrease from 20 % to 10 %' });
      expect(o.deadline).toEqual({ type: 'Date', dueDate: '2026-06-30', summary: 'By 2026-06-30' });
    });

    it('resolves a Relative % target and a months-after-go-live deadline, and leaves out measurements after the report date', () => {
      const o = outcomeOf(build(), 'OR-0002');
      expect(o.quantity.targetValue).toBe(115);
      expect(o.quantity.summary).toBe('Increase from 100 to 115 (15% uplift)');
      expect(o.deadline.dueDate).toBe('2027-01-15');
      expect(o.deadline.summary).toBe('24 months after go-live: 2027-01-15');
      // 130 on 2026-06-01 is after 2026-05-01.
      expect(o.series).toEqual([
        { date: '2025-05-01', value: 105 },
        { date: '2026-05-01', value: 112 },
      ]);
      expect(o.measurementsAfterAsOf).toBe(1);
      // (112 − 100) / (115 − 100) = 80%; the line rises 7 in 365 days, 259 days more give 116.9671 (113.1%).
      expect(o.attainmentPercent).toBe(80);
      expect(o.forecast).toEqual({ value: 116.9671, attainmentPercent: 113.1 });
      expect(o.status).toBe('On Track');
    });

    it('includes the later measurement when the report date moves past it', () => {
      const o = outcomeOf(build([initiative()], '2026-06-15'), 'OR-0002');
      expect(o.latest).toEqual({ value: 130, measuredOn: '2026-06-01' });
      expect(o.status).toBe('Attained');
      expect(o.measurementsAfterAsOf).toBe(0);
    });

    it('says No Data for an outcome without measurements and for one without a quantity, with the reason', () => {
      const releasesValue = outcomeOf(build(), 'OR-0003');
      expect(releasesValue.status).toBe('No Data');
      expect(releasesValue.series).toEqual([]);
      expect(releasesValue.quantity.summary).toBe('At Most 6 months');
      expect(releasesValue.deadline).toEqual({ type: 'Immediate', dueDate: '2025-01-15', summary: 'Immediate: from go-live, 2025-01-15' });

      const vague = outcomeOf(build(), 'OR-0004');
      expect(vague.status).toBe('No Data');
      expect(vague.reason).toMatch(/Quantity_Type__c/);
      expect(vague.quantity.summary).toMatch(/^Not quantified: .*Quantity_Type__c, Direction__c, Target_Value__c/);
      expect(vague.deadline.summary).toMatch(/^No due date: .*Deadline_Type__c/);
    });

    it('orders outcomes primary first, then by name', () => {
      expect(build().initiatives[0].outcomes.map((o) => o.name)).toEqual(['OR-0001', 'OR-0002', 'OR-0004', 'OR-0003']);
    });
  });

  describe('what is at risk before the renewal', () => {
    it('takes the earliest renewable line ahead, lists renewable lines only, and flags the lines serving off-track outcomes', () => {
      const { renewal } = build().initiatives[0];
      expect(renewal.nextRenewalDate).toBe('2026-08-01');
      expect(renewal.daysLeft).toBe(92);
      expect(renewal.withinWindow).toBe(true);
      expect(renewal.renewableLines.map((l) => [l.name, l.renewalDate, l.annualValue, l.servesOutcomesNotOnTrack])).toEqual([
        ['Service Cloud', '2026-08-01', 120000, ['OR-0001']],
        ['Analytics add-on', '2027-02-01', 30000.5, []],
      ]);
      expect(renewal.renewableAnnualValue).toBe(150000.5);
      expect(renewal.primaryNotOnTrack.map((o) => [o.name, o.status])).toEqual([
        ['OR-0001', 'Off Track'],
        ['OR-0004', 'No Data'],
      ]);
      expect(renewal.atRisk).toBe(true);
      expect(renewal.summary).toBe('Renews on 2026-08-01, in 92 days, within 120 days, and 2 primary outcomes are not on track: at risk.');
    });

    it('is not at risk when the renewal is beyond the window', () => {
      const { renewal } = build([initiative()], '2026-03-01').initiatives[0];
      // 2026-03-01 → 2026-08-01 is 153 days.
      expect(renewal.daysLeft).toBe(153);
      expect(renewal.withinWindow).toBe(false);
      expect(renewal.atRisk).toBe(false);
      expect(renewal.summary).toMatch(/beyond the 120-day window/);
    });

    it('without a window, judges the next renewal whenever it falls, as the summary asks "before the renewal"', () => {
      const report = build([initiative()], '2026-03-01', null);
      const { renewal } = report.initiatives[0];
      expect(report.renewalWindowDays).toBeNull();
      expect(renewal).toMatchObject({ daysLeft: 153, withinWindow: true, atRisk: true });
      expect(renewal.summary).toBe('Renews on 2026-08-01, in 153 days, and 3 primary outcomes are not on track: at risk.');
      expect(report.summary.renewalsAtRisk).toEqual([expect.objectContaining({ initiativeId: INITIATIVE, renewalDate: '2026-08-01', daysLeft: 153 })]);
    });

    it('passes a renewed line by and takes the next one', () => {
      const { renewal } = build([initiative()], '2026-08-02').initiatives[0];
      expect(renewal.nextRenewalDate).toBe('2027-02-01');
    });

    it('says there is nothing to judge the renewal by when no outcome is primary', () => {
      const secondaryOnly = initiative({ outcomes: [releases] });
      const { renewal } = build([secondaryOnly]).initiatives[0];
      expect(renewal).toMatchObject({ primaryOutcomes: 0, primaryNotOnTrack: [], atRisk: false });
      expect(renewal.summary).toBe('Renews on 2026-08-01, in 92 days, within 120 days, and no primary outcome is recorded to judge it by.');
      expect(build().initiatives[0].renewal.primaryOutcomes).toBe(3);
    });

    it('falls back to the stored Next_Renewal_Date__c when no line is dated, and to none when that is past', () => {
      const undated = initiative({ components: [] });
      undated.record = { ...undated.record, Next_Renewal_Date__c: '2026-06-01' };
      expect(build([undated]).initiatives[0].renewal).toMatchObject({ nextRenewalDate: '2026-06-01', daysLeft: 31, atRisk: true, renewableLines: [] });
      expect(build([undated], '2026-07-01').initiatives[0].renewal).toMatchObject({ nextRenewalDate: null, daysLeft: null, atRisk: false });
    });
  });

  describe('stated and assumed outcomes', () => {
    it('groups outcomes by validation status', () => {
      const { validation } = build().initiatives[0];
      expect(validation.stated.map((o) => o.name)).toEqual(['OR-0001']);
      expect(validation.toValidate.map((o) => o.name)).toEqual(['OR-0002']);
      expect(validation.validated.map((o) => o.name)).toEqual(['OR-0003']);
      expect(validation.unclassified.map((o) => o.name)).toEqual(['OR-0004']);
    });
  });

  describe('totals and scope', () => {
    it('counts statuses, risks and value across initiatives', () => {
      const second = initiative({
        record: { Id: 'a00000000000002AAA', Name: 'Plant Efficiency', Account__c: ACCOUNT },
        components: [],
        outcomes: [outcome({ Id: 'a01000000000009AAA', Name: 'OR-0009', Priority__c: 'Primary', Validation_Status__c: 'Assumed_Needs_Validation' })],
      });
      const report = buildValueReport({ scope: { kind: 'account', id: ACCOUNT }, asOf: AS_OF, initiatives: [initiative(), second] });
      expect(report.scope).toEqual({ kind: 'account', id: ACCOUNT, name: 'Highland Foods' });
      expect(report.totals).toEqual({
        initiatives: 2,
        outcomes: 5,
        byStatus: { 'No Data': 3, 'On Track': 1, 'At Risk': 0, 'Off Track': 1, Attained: 0, Missed: 0 },
        primaryNotOnTrack: 3,
        toValidate: 2,
        initiativesAtRisk: 1,
        renewableAnnualValue: 150000.5,
      });
    });

    it('names an initiative report after the initiative and keeps the report date', () => {
      const report = build();
      expect(report.scope).toEqual({ kind: 'initiative', id: INITIATIVE, name: 'Service Excellence' });
      expect(report.asOf).toBe(AS_OF);
      expect(report.renewalWindowDays).toBe(120);
    });
  });
});

describe('nothingToReport', () => {
  it('tells a missing initiative from one without outcomes, and is null when there is something', () => {
    expect(nothingToReport([])).toEqual({ reason: 'no-initiative' });
    expect(nothingToReport([initiative({ outcomes: [] })])).toEqual({ reason: 'no-outcomes', names: ['Service Excellence'] });
    expect(nothingToReport([initiative({ outcomes: [] }), initiative()])).toBeNull();
  });
});

describe('quantitySummary', () => {
  it('says a relative reduction in the customer’s words', () => {
    expect(
      quantitySummary({ Description__c: 'x', Quantity_Type__c: 'Relative_Percent', Direction__c: 'Decrease', Baseline_Value__c: 50, Target_Value__c: 20, Unit__c: 'kg' }),
    ).toBe('Decrease from 50 kg to 40 kg (20% reduction)');
  });
});
