/**
 * The fee position in the value report: present (summary, per-initiative table, CSV columns) when fees are given —
 * the internal report, or a customer report with --include-fees — and absent from every format otherwise.
 */
import { describe, expect, it } from '@jest/globals';
import { buildValueReport, type ValueReport } from '../../src/core/plan/valueReport.js';
import type { ReportFeeSource } from '../../src/core/plan/reportFees.js';
import { CSV_COLUMNS, FEE_COLUMNS } from '../../src/report/csv.js';
import { renderValueReport } from '../../src/report/index.js';
import { HOSTILE, hostileInitiative } from './fixtures.js';

// OR-0001 is a decrease from 20 to 10: 18 then 16 → 40% attained on 2026-05-01, the line reaches 14 (60%) at the due date 2026-06-30.
const FEES: ReportFeeSource[] = [
  { Id: 'a0F000000000001AAA', Name: 'FEE-000001', Outcome_Requirement__c: 'a01000000000001AAA', Amount_At_Risk__c: 1000, Payout_Rule__c: 'Linear', Floor_Attainment_Percent__c: 20 },
  {
    Id: 'a0F000000000002AAA',
    Name: `FEE ${HOSTILE}`,
    Outcome_Requirement__c: 'a01000000000001AAA',
    Amount_At_Risk__c: 2000,
    Payout_Rule__c: 'Tiered',
    tiers: [{ From_Attainment_Percent__c: 50, Payout_Percent__c: 50 }],
  },
];

function report(fees: ReportFeeSource[] | null): ValueReport {
  return buildValueReport({ scope: { kind: 'initiative', id: 'a00000000000001AAA' }, asOf: '2026-05-01', initiatives: [hostileInitiative()], fees });
}

describe('value report: fee position', () => {
  const withFees = report(FEES);

  it('judges each fee on the outcome as of the report date, and sums them', () => {
    const [wastage, unmeasured] = withFees.initiatives[0].outcomes;
    expect(wastage.attainmentPercent).toBe(40);
    expect(wastage.forecast?.attainmentPercent).toBe(60);
    // Linear from a 20% floor: (40 − 20)/80 = 25% now, (60 − 20)/80 = 50% at the due date. Tiered: nothing yet, the 50% tier forecast.
    expect(wastage.fees).toEqual([
      expect.objectContaining({ id: 'a0F000000000001AAA', earnedToDate: 250, forecastToEarn: 500, forfeited: 0, status: 'Open' }),
      expect.objectContaining({ id: 'a0F000000000002AAA', earnedToDate: 0, forecastToEarn: 1000, forfeited: 0, status: 'Open' }),
    ]);
    expect(unmeasured.fees).toEqual([]);
    const sums = { fees: 2, atRisk: 3000, earned: 250, forecastToEarn: 1500, forfeited: 0 };
    expect(withFees.initiatives[0].fees).toEqual(sums);
    expect(withFees.fees).toEqual(sums);
  });

  it('HTML: a fee section per initiative and a line in the summary; the internal variant adds the reasons; everything escaped', () => {
    const customer = renderValueReport(withFees, 'html');
    const internal = renderValueReport(withFees, 'html', { audience: 'internal' });
    for (const html of [customer, internal]) {
      expect(html).toContain('<h3>Fees at risk</h3>');
      expect(html).toContain('2 fees at risk: 3,000.00 at risk, 250.00 earned to date, 1,500.00 forecast to earn by the due dates, 0.00 forfeited.');
      expect(html).not.toContain('<script>');
    }
    expect(internal).toContain('Open: 40% attainment earns 250 of 1000');
    expect(customer).not.toContain('Open: 40% attainment earns');
  });

  it('Markdown: the fee table and the sums', () => {
    const md = renderValueReport(withFees, 'md', { audience: 'internal' });
    expect(md).toContain('### Fees at risk');
    expect(md).toMatch(/\| OR-0001: Wastage .* \| FEE-000001 \| Linear \| 1,000\.00 \| 250\.00 \| 500\.00 \| 0\.00 \| Open \| Open: 40% attainment/);
    expect(md).toContain('**Fees at risk**');
  });

  it('CSV: the fee sums of each outcome in four more columns', () => {
    const [header, first, second] = renderValueReport(withFees, 'csv').trim().split('\n');
    expect(header).toBe([...CSV_COLUMNS, ...FEE_COLUMNS].join(','));
    expect(first.endsWith(',3000,250,1500,0')).toBe(true);
    expect(second.endsWith(',,,,')).toBe(true);
  });

  it('leaves fees out of every format when not asked for', () => {
    const without = report(null);
    expect(without.fees).toBeNull();
    expect(without.initiatives[0].fees).toBeUndefined();
    expect(without.initiatives[0].outcomes.every((o) => o.fees === undefined)).toBe(true);
    for (const format of ['html', 'md', 'json'] as const) {
      for (const audience of ['customer', 'internal'] as const) {
        const text = renderValueReport(without, format, { audience });
        expect(text).not.toMatch(/Fees at risk|Fee_At_Risk|earnedToDate/);
      }
    }
    expect(renderValueReport(without, 'csv').split('\n')[0]).toBe(CSV_COLUMNS.join(','));
  });
});
