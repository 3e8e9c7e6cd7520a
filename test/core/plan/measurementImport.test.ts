import { describe, expect, it } from '@jest/globals';
import {
  MeasurementImportPlanner,
  OutcomeReferenceCollector,
  derivedExternalId,
  outcomeReferences,
  planMeasurementImport,
  validateMeasurementRows,
  type KnownOutcome,
  type MeasurementRow,
  type ValidMeasurementRow,
} from '../../../src/core/plan/measurementImport.js';

const TODAY = '2025-06-30';
const OUTCOME_ID = 'a01000000000001AAA';

function row(line: number, values: Partial<MeasurementRow['values']>): MeasurementRow {
  return { line, values: { outcome: 'OUT-1', measured_on: '2025-01-15', value: '12', source: '', notes: '', external_id: '', ...values } };
}

function valid(line: number, extra: Partial<ValidMeasurementRow> = {}): ValidMeasurementRow {
  return { line, outcome: 'OUT-1', measuredOn: '2025-01-15', value: 12, source: 'Import', notes: null, externalId: null, ...extra };
}

const outcome = (measurements: KnownOutcome['measurements'] = []): KnownOutcome => ({ id: OUTCOME_ID, externalId: 'OUT-1', measurements });

describe('validateMeasurementRows', () => {
  it('accepts a complete row, trims values and defaults a blank source to Import', () => {
    const { valid: ok, invalid } = validateMeasurementRows([row(2, { value: ' 12.5 ', notes: 'Q1 survey', external_id: ' SURV-1 ' })], TODAY);
    expect(invalid).toEqual([]);
    expect(ok).toEqual([
      { line: 2, outcome: 'OUT-1', measuredOn: '2025-01-15', value: 12.5, source: 'Import', notes: 'Q1 survey', externalId: 'SURV-1' },
    ]);
  });

  it('takes a source typed in any case and sends its API name', () => {
    const { valid: ok, invalid } = validateMeasurementRows([row(2, { source: 'survey' }), row(3, { source: ' MANUAL ' })], TODAY);
    expect(invalid).toEqual([]);
    expect(ok.map((r) => r.source)).toEqual(['Survey', 'Manual']);
  });

  it('keeps a source from the picklist and a date equal to today', () => {
    const { valid: ok } = validateMeasurementRows([row(2, { source: 'Survey', measured_on: TODAY, value: '-3' })], TODAY);
    expect(ok[0]).toMatchObject({ source: 'Survey', measuredOn: TODAY, value: -3 });
  });

  it.each([
    ['a blank outcome', { outcome: '  ' }, /^outcome: required/],
    ['a date that does not exist', { measured_on: '2025-02-29' }, /^measured_on: Measured_On__c "2025-02-29" is not a day of 2025-02/],
    ['a date in another format', { measured_on: '15/01/2025' }, /^measured_on: .*YYYY-MM-DD/],
    ['a date after today', { measured_on: '2025-07-01' }, /^measured_on: .*after today \(2025-06-30\)/],
    ['a blank date', { measured_on: '' }, /^measured_on: Measured_On__c is required/],
    ['a value that is not a number', { value: '12,5' }, /^value: Value__c must be a finite number, got "12,5"/],
    ['a blank value', { value: '' }, /^value: Value__c is required/],
    ['a value too large for the field', { value: '1234567890123' }, /^value: Value__c must have at most 12 digits/],
    ['a source outside the picklist', { source: 'Email' }, /^source: Source__c has no value "Email": use one of "Survey", "System", "Manual", "Import"/],
    ['an external id over 80 characters', { external_id: 'x'.repeat(81) }, /^external_id: External_Id__c is too long/],
    ['notes over 255 characters', { notes: 'n'.repeat(256) }, /^notes: Notes__c is too long/],
  ])('refuses %s with the column, the reason and the fix', (_, values, message) => {
    const { valid: ok, invalid } = validateMeasurementRows([row(7, values)], TODAY);
    expect(ok).toEqual([]);
    expect(invalid).toHaveLength(1);
    expect(invalid[0].line).toBe(7);
    expect(invalid[0].error).toMatch(message);
    expect(invalid[0].error).toMatch(/Correct the row and import it again\.$/);
  });

  it('lists every problem of a row in one error', () => {
    const { invalid } = validateMeasurementRows([row(3, { outcome: '', value: 'abc', source: 'Fax' })], TODAY);
    expect(invalid[0].error.split('; ').map((part) => part.split(':')[0])).toEqual(['outcome', 'value', 'source']);
  });
});

describe('outcomeReferences', () => {
  it('lists each outcome once, in file order', () => {
    expect(outcomeReferences([valid(2), valid(3, { outcome: OUTCOME_ID }), valid(4)])).toEqual(['OUT-1', OUTCOME_ID]);
  });
});

describe('derivedExternalId', () => {
  it("joins the outcome's external id and the date", () => {
    expect(derivedExternalId({ id: OUTCOME_ID, externalId: 'OUT-1' }, '2025-01-15')).toBe('OUT-1-2025-01-15');
  });

  it('falls back to the record Id when the outcome has no external id or it would not fit in 80 characters', () => {
    expect(derivedExternalId({ id: OUTCOME_ID, externalId: null }, '2025-01-15')).toBe(`${OUTCOME_ID}-2025-01-15`);
    expect(derivedExternalId({ id: OUTCOME_ID, externalId: 'E'.repeat(70) }, '2025-01-15')).toBe(`${OUTCOME_ID}-2025-01-15`);
  });
});

describe('planMeasurementImport', () => {
  it('creates a new measurement keyed by outcome and date, with the outcome set by Id and no Notes__c when blank', () => {
    const plan = planMeasurementImport([valid(2)], [outcome()]);
    expect(plan.upserts).toEqual([
      {
        line: 2,
        action: 'create',
        record: { External_Id__c: 'OUT-1-2025-01-15', Outcome_Requirement__c: OUTCOME_ID, Measured_On__c: '2025-01-15', Value__c: 12, Source__c: 'Import' },
        reason: 'new measurement OUT-1-2025-01-15 of OUT-1 on 2025-01-15',
      },
    ]);
    expect(plan.upserts[0].record).not.toHaveProperty('Notes__c');
  });

  it('finds the outcome by external id ignoring case, by its 18-character Id and by its 15-character Id', () => {
    const rows = [valid(2, { outcome: 'out-1' }), valid(3, { outcome: OUTCOME_ID, measuredOn: '2025-02-15' }), valid(4, { outcome: OUTCOME_ID.slice(0, 15), measuredOn: '2025-03-15' })];
    const plan = planMeasurementImport(rows, [outcome()]);
    expect(plan.unresolved).toEqual([]);
    expect(plan.upserts.map((u) => [u.record.Outcome_Requirement__c, u.record.External_Id__c])).toEqual([
      [OUTCOME_ID, 'OUT-1-2025-01-15'],
      [OUTCOME_ID, 'OUT-1-2025-02-15'],
      [OUTCOME_ID, 'OUT-1-2025-03-15'],
    ]);
  });

  it('refuses rows whose outcome the org lacks, saying which reference and what to do', () => {
    const plan = planMeasurementImport([valid(5, { outcome: 'NOPE-9', externalId: 'M-1' })], [outcome()]);
    expect(plan.upserts).toEqual([]);
    expect(plan.unresolved).toEqual([
      { line: 5, externalId: 'M-1', error: expect.stringMatching(/no Outcome_Requirement__c has External_Id__c or Id "NOPE-9"\. Use the External_Id__c or record Id of an existing outcome/) },
    ]);
  });

  it('lets the later of two rows with the same external id win and reports the earlier one', () => {
    const plan = planMeasurementImport([valid(2, { value: 10 }), valid(3, { externalId: 'X' }), valid(4, { value: 11 })], [outcome()]);
    expect(plan.upserts.map((u) => [u.line, u.record.External_Id__c, u.record.Value__c])).toEqual([
      [3, 'X', 12],
      [4, 'OUT-1-2025-01-15', 11],
    ]);
    expect(plan.superseded).toEqual([
      { line: 2, externalId: 'OUT-1-2025-01-15', error: expect.stringContaining('line 4 has the same external id "OUT-1-2025-01-15"') },
    ]);
  });

  it('treats external ids that differ only in case as the same record, as the org does', () => {
    const plan = planMeasurementImport([valid(2, { externalId: 'm-1' }), valid(3, { externalId: 'M-1' })], [outcome()]);
    expect(plan.upserts.map((u) => u.line)).toEqual([3]);
    expect(plan.superseded.map((s) => s.line)).toEqual([2]);
  });

  it('leaves a measurement the org already holds with the same values alone, even if its notes are not in the file', () => {
    const stored = { id: 'a02000000000001AAA', externalId: 'OUT-1-2025-01-15', measuredOn: '2025-01-15', value: 12.00001, source: 'Import', notes: 'typed by a CSM' };
    const plan = planMeasurementImport([valid(2)], [outcome([stored])]);
    expect(plan.upserts).toEqual([]);
    expect(plan.unchanged).toEqual([{ line: 2, externalId: 'OUT-1-2025-01-15', reason: 'OUT-1-2025-01-15 is already in the org with the same values' }]);
  });

  it('updates a measurement whose value, source or notes changed, naming what changed', () => {
    const stored = { id: 'a02000000000001AAA', externalId: 'OUT-1-2025-01-15', measuredOn: '2025-01-15', value: 10, source: 'Manual', notes: null };
    const plan = planMeasurementImport([valid(2, { notes: 'checked' })], [outcome([stored])]);
    expect(plan.upserts).toHaveLength(1);
    expect(plan.upserts[0].action).toBe('update');
    expect(plan.upserts[0].reason).toBe('OUT-1-2025-01-15 changed: Value__c 10 → 12, Source__c Manual → Import, Notes__c changed');
    // No Outcome_Requirement__c on an update: the org refuses writes to a master-detail field of an existing record.
    expect(plan.upserts[0].record).toEqual({ External_Id__c: 'OUT-1-2025-01-15', Measured_On__c: '2025-01-15', Value__c: 12, Source__c: 'Import', Notes__c: 'checked' });
  });

  it('refuses a row whose external id already belongs to a measurement of another outcome', () => {
    const other: KnownOutcome = {
      id: 'a01000000000002AAA',
      externalId: 'OUT-2',
      measurements: [{ id: 'a02000000000001AAA', externalId: 'SHARED', measuredOn: '2025-01-15', value: 12, source: 'Import', notes: null }],
    };
    const plan = planMeasurementImport([valid(4, { externalId: 'SHARED' })], [outcome(), other]);
    expect(plan.upserts).toEqual([]);
    expect(plan.conflicts).toEqual([
      { line: 4, externalId: 'SHARED', error: expect.stringMatching(/"SHARED" is already a measurement of another outcome \(a01000000000002AAA\).*Give the row its own external_id/) },
    ]);
  });
});

describe('MeasurementImportPlanner (row by row)', () => {
  const other: KnownOutcome = {
    id: 'a01000000000002AAA',
    externalId: 'OUT-2',
    measurements: [{ id: 'a02000000000001AAA', externalId: 'SHARED', measuredOn: '2025-01-15', value: 12, source: 'Import', notes: null }],
  };

  it('takes back what it counted for a row when a later row replaces it', () => {
    const stored = { id: 'a02000000000009AAA', externalId: 'OUT-1-2025-01-15', measuredOn: '2025-01-15', value: 12, source: 'Import', notes: null };
    const planner = new MeasurementImportPlanner([outcome([stored]), other]);
    const rows = [
      valid(2), // unchanged (derived id OUT-1-2025-01-15) ...
      valid(3, { externalId: 'SHARED' }), // a conflict ...
      valid(4, { externalId: 'NEW-1' }), // a create ...
      valid(5, { externalId: 'out-1-2025-01-15', value: 13 }), // ... row 2 replaced by an update
      valid(6, { externalId: 'shared' }), // ... the conflict replaced by a conflict
      valid(7, { externalId: 'new-1', value: 1 }), // ... the create replaced by a create
    ];
    const planned = rows.map((r) => planner.plan(r)?.action ?? null);
    expect(planned).toEqual(['unchanged', null, 'create', 'update', null, 'create']);
    expect([2, 3, 4].map((line) => planner.isLatest(line, rows[line - 2].externalId ?? 'OUT-1-2025-01-15'))).toEqual([false, false, false]);
    expect(planner.isLatest(5, 'OUT-1-2025-01-15')).toBe(true);
    expect(planner.lineOf('NEW-1')).toBe(7);
    expect([...planner.superseded].sort()).toEqual([2, 3, 4]);
    const tally = planner.tally((line) => ({ 2: 'OUT-1-2025-01-15', 3: 'SHARED', 4: 'NEW-1' })[line] as string);
    expect(tally).toMatchObject({ toCreate: 1, toUpdate: 1, unchanged: 0 });
    expect(tally.conflicts.map((c) => c.line)).toEqual([6]);
    expect(tally.superseded.map((s) => [s.line, s.externalId])).toEqual([
      [2, 'OUT-1-2025-01-15'],
      [3, 'SHARED'],
      [4, 'NEW-1'],
    ]);
    expect(tally.superseded[0].error).toContain('line 5 has the same external id "OUT-1-2025-01-15"');
  });
});

describe('OutcomeReferenceCollector', () => {
  it('gives, once today is known, the references of the rows valid as of today, in file order', () => {
    const collector = new OutcomeReferenceCollector();
    collector.add(row(2, { outcome: 'FUTURE-ONLY', measured_on: '2025-07-01' }));
    collector.add(row(3, { outcome: 'OUT-1' }));
    collector.add(row(4, { outcome: 'BAD', value: 'x' }));
    collector.add(row(5, { outcome: 'LATER', measured_on: '2025-08-01' }));
    collector.add(row(6, { outcome: 'LATER', measured_on: '2025-06-30' }));
    collector.add(row(7, { outcome: 'OUT-1' }));
    expect(collector.referencesAsOf(TODAY)).toEqual(['OUT-1', 'LATER']);
    expect(collector.referencesAsOf('2025-07-01')).toEqual(['FUTURE-ONLY', 'OUT-1', 'LATER']);
  });
});
