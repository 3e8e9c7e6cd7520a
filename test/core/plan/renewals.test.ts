import { describe, expect, it } from '@jest/globals';
import { planRenewals, type RenewalComponent, type RenewalInitiative } from '../../../src/core/plan/renewals.js';
import type { RenewalInputs } from '../../../src/core/renewal.js';

const TODAY = '2026-11-23';
const LINE_A = '00k000000000001AAA';
const LINE_B = '00k000000000002AAA';
const LINE_C = '00k000000000003AAA';

function component(overrides: Partial<RenewalComponent> & { Id: string }): RenewalComponent {
  return { Name: `Component ${overrides.Id.slice(-4)}`, Lifecycle__c: 'Renewable', Source_Line_Item_Id__c: null, End_Date__c: null, Renewal_Date__c: null, ...overrides };
}

function initiative(components: RenewalComponent[], overrides: Partial<RenewalInitiative> = {}): RenewalInitiative {
  return { Id: 'a00000000000001AAA', Name: 'Order portal', Next_Renewal_Date__c: null, components, ...overrides };
}

const lines = new Map<string, RenewalInputs>([
  [LINE_A, { endDate: '2027-03-31', contractEndDate: '2027-06-30' }],
  [LINE_B, { contractEndDate: '2027-06-30', serviceDate: '2026-01-01', termMonths: 12 }],
  // 2024-02-29 + 36 months = 2027-02-28 (last day of the month stays the last day), minus one day.
  [LINE_C, { serviceDate: '2024-02-29', termMonths: 36 }],
]);

describe('planRenewals', () => {
  it('dates each renewable component from its line: end date, else contract end, else start + term − 1 day', () => {
    const plan = planRenewals({
      initiatives: [
        initiative([
          component({ Id: 'a02000000000001AAA', Source_Line_Item_Id__c: LINE_A }),
          component({ Id: 'a02000000000002AAA', Source_Line_Item_Id__c: LINE_B, Renewal_Date__c: '2026-12-31' }),
          component({ Id: 'a02000000000003AAA', Source_Line_Item_Id__c: LINE_C }),
        ]),
      ],
      lines,
      today: TODAY,
    });
    const components = plan.changes.filter((c) => c.object === 'Solution_Component__c');
    expect(components.map((c) => [c.recordId, c.from, c.to])).toEqual([
      ['a02000000000001AAA', null, '2027-03-31'],
      ['a02000000000002AAA', '2026-12-31', '2027-06-30'],
      ['a02000000000003AAA', null, '2027-02-27'],
    ]);
    expect(components.map((c) => c.reason)).toEqual([
      `From the line end date of line item ${LINE_A}`,
      `From the contract end date of line item ${LINE_B}`,
      `From the term of line item ${LINE_C}`,
    ]);
    expect(plan.changes.filter((c) => c.object === 'Initiative__c')).toEqual([
      expect.objectContaining({ recordId: 'a00000000000001AAA', field: 'Next_Renewal_Date__c', from: null, to: '2027-02-27' }),
    ]);
    expect(plan.undated).toEqual([]);
  });

  it('writes nothing when every date is already right', () => {
    const plan = planRenewals({
      initiatives: [initiative([component({ Id: 'a02000000000001AAA', Source_Line_Item_Id__c: LINE_A, Renewal_Date__c: '2027-03-31' })], { Next_Renewal_Date__c: '2027-03-31' })],
      lines,
      today: TODAY,
    });
    expect(plan.changes).toEqual([]);
    expect(plan.unchanged).toEqual({ components: 1, initiatives: 1 });
  });

  it('matches a line by the first 15 characters of its Id', () => {
    const plan = planRenewals({
      initiatives: [initiative([component({ Id: 'a02000000000001AAA', Source_Line_Item_Id__c: LINE_A.slice(0, 15) })])],
      lines,
      today: TODAY,
    });
    expect(plan.changes[0]).toMatchObject({ recordId: 'a02000000000001AAA', to: '2027-03-31' });
  });

  it("falls back to the component's own end date when its line is gone or it was entered by hand", () => {
    const plan = planRenewals({
      initiatives: [
        initiative([
          component({ Id: 'a02000000000001AAA', Source_Line_Item_Id__c: '00k000000000099AAA', End_Date__c: '2027-09-30' }),
          component({ Id: 'a02000000000002AAA', End_Date__c: '2028-01-31' }),
        ]),
      ],
      lines,
      today: TODAY,
    });
    expect(plan.changes.map((c) => [c.recordId, c.to])).toEqual([
      ['a02000000000001AAA', '2027-09-30'],
      ['a02000000000002AAA', '2028-01-31'],
      ['a00000000000001AAA', '2027-09-30'],
    ]);
    expect(plan.changes[0].reason).toMatch(/no longer exists/);
    expect(plan.changes[1].reason).toMatch(/not created from a line item/);
  });

  it('reports components it cannot date and keeps their date, never guessing', () => {
    const undatable = new Map<string, RenewalInputs>([[LINE_A, { serviceDate: '2026-01-01' }]]);
    const plan = planRenewals({
      initiatives: [
        initiative([
          component({ Id: 'a02000000000001AAA', Source_Line_Item_Id__c: LINE_A, Renewal_Date__c: '2027-01-15' }),
          component({ Id: 'a02000000000002AAA' }),
          component({ Id: 'a02000000000003AAA', Source_Line_Item_Id__c: LINE_B }),
        ]),
      ],
      lines: undatable,
      today: TODAY,
    });
    expect(plan.undated.map((u) => [u.componentId, u.kept])).toEqual([
      ['a02000000000001AAA', '2027-01-15'],
      ['a02000000000002AAA', null],
      ['a02000000000003AAA', null],
    ]);
    expect(plan.undated[0].reason).toMatch(/no term .*; keeps 2027-01-15$/);
    expect(plan.undated[1].reason).toMatch(/^Not created from a line item/);
    expect(plan.undated[2].reason).toMatch(/no longer exists/);
    // The kept date still counts for the next renewal.
    expect(plan.changes).toEqual([expect.objectContaining({ object: 'Initiative__c', to: '2027-01-15' })]);
  });

  it('takes the earliest renewal on or after today, ignoring past ones and components that do not renew', () => {
    const plan = planRenewals({
      initiatives: [
        initiative(
          [
            component({ Id: 'a02000000000001AAA', End_Date__c: '2026-11-22', Renewal_Date__c: '2026-11-22' }),
            component({ Id: 'a02000000000002AAA', End_Date__c: '2026-11-23', Renewal_Date__c: '2026-11-23' }),
            component({ Id: 'a02000000000003AAA', Lifecycle__c: 'One_Time', End_Date__c: '2026-01-01' }),
          ],
          { Next_Renewal_Date__c: '2026-11-22' },
        ),
      ],
      lines,
      today: TODAY,
    });
    expect(plan.changes).toEqual([expect.objectContaining({ object: 'Initiative__c', from: '2026-11-22', to: '2026-11-23' })]);
    expect(plan.unchanged.components).toBe(2);
  });

  it('leaves the next renewal alone when no renewal lies ahead', () => {
    const plan = planRenewals({
      initiatives: [initiative([component({ Id: 'a02000000000001AAA', End_Date__c: '2025-06-30', Renewal_Date__c: '2025-06-30' })], { Next_Renewal_Date__c: '2025-06-30' })],
      lines,
      today: TODAY,
    });
    expect(plan.changes).toEqual([]);
    expect(plan.unchanged.initiatives).toBe(1);
  });
});
