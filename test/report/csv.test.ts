import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, renderCsv } from '../../src/report/csv.js';
import { defaultReportFileName, renderValueReport } from '../../src/report/index.js';
import { FORMULA, HOSTILE, hostileReport } from './fixtures.js';

describe('renderCsv', () => {
  const rows = parse<Record<(typeof CSV_COLUMNS)[number], string>>(renderCsv(hostileReport()), { columns: true });

  it('has one row per outcome with the documented columns', () => {
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0])).toEqual([...CSV_COLUMNS]);
  });

  it('reads back every value as typed, and as numbers a spreadsheet can sum', () => {
    expect(rows[0]).toMatchObject({
      'As Of': '2026-05-01',
      Initiative: `Rollout ${HOSTILE}`,
      Account: `Acme ${HOSTILE}`,
      Outcome: 'OR-0001',
      Description: `Wastage ${HOSTILE}`,
      Baseline: '20',
      Target: '10',
      'Due Date': '2026-06-30',
      Measurements: '2',
      'Latest Value': '16',
      'Attainment %': '40',
      'Forecast At Due Date': '14',
      'Forecast Attainment %': '60',
      Status: 'Off Track',
      'Next Renewal Date': '2026-08-01',
      'Renewal At Risk': 'true',
    });
    expect(rows[1]).toMatchObject({ Outcome: 'OR-0002', 'Latest Value': '', Status: 'No Data' });
  });

  it('neutralises a formula typed into a text field', () => {
    expect(rows[0]['Measurement Method']).toBe(`'${FORMULA}`);
    // Text that only starts with a minus sign is neutralised too: a spreadsheet would try to compute it.
    expect(rows[1].Description).toBe("'-5 days to close the books");
  });
});

describe('renderValueReport', () => {
  it('gives the content model itself as JSON', () => {
    const report = hostileReport();
    expect(JSON.parse(renderValueReport(report, 'json'))).toEqual(report);
  });

  it('names the default HTML file after the subject with letters, digits and dashes only', () => {
    const report = hostileReport();
    expect(defaultReportFileName(report)).toBe('value-report-rollout-script-alert-x-script-quoted-single-pipe.html');
    expect(defaultReportFileName({ ...report, scope: { ...report.scope, name: '../../etc/passwd' } })).toBe('value-report-etc-passwd.html');
    expect(defaultReportFileName({ ...report, scope: { ...report.scope, name: '»«' } })).toBe('value-report-a00000000000001AAA.html');
  });
});
