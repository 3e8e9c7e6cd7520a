import { describe, expect, it, test } from '@jest/globals';
import type { z } from 'zod';
import {
  CUSTOM_OBJECTS,
  DIRECTIONS,
  LIFECYCLES,
  type FieldSpec,
  type ObjectSpec,
} from '../../src/core/model.js';
import {
  businessCapabilitySchema,
  feeAtRiskSchema,
  feeTierSchema,
  syncRunSchema,
  contractSchema,
  formatIssues,
  initiativeSchema,
  kpiSchema,
  measurementSchema,
  measurementSchemaAsOf,
  milestoneSchema,
  opportunityLineItemSchema,
  opportunitySchema,
  outcomeComponentSchema,
  outcomeRequirementSchema,
  solutionComponentSchema,
} from '../../src/core/schemas.js';

const ACCOUNT = '001000000000001AAA';
const INITIATIVE = 'a00000000000001AAA';
const OUTCOME = 'a01000000000001AAA';

/** Path and message of every issue, or [] when the record is valid. */
function issuesOf(schema: z.ZodType, record: unknown): Array<{ path: string; message: string }> {
  const result = schema.safeParse(record);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const validOutcome = {
  Id: OUTCOME,
  Initiative__c: INITIATIVE,
  Description__c: 'Quality of service experienced by customers after purchase',
  Priority__c: 'Primary',
  Validation_Status__c: 'Stated by Customer',
  Quantity_Type__c: 'Relative_Percent',
  Direction__c: 'Increase',
  Baseline_Value__c: 100,
  Target_Value__c: 15,
  Deadline_Type__c: 'Months_After_Go_Live',
  Deadline_Offset_Months__c: 24,
  Measurement_Method__c: 'Annual customer survey',
};

describe('schemas against model.ts', () => {
  const schemaOf: Record<string, z.ZodObject> = {
    Initiative__c: initiativeSchema,
    Outcome_Requirement__c: outcomeRequirementSchema,
    Measurement__c: measurementSchema,
    Solution_Component__c: solutionComponentSchema,
    Outcome_Component__c: outcomeComponentSchema,
    Initiative_Milestone__c: milestoneSchema,
    Business_Capability__c: businessCapabilitySchema,
    KPI__c: kpiSchema,
    Fee_At_Risk__c: feeAtRiskSchema,
    Fee_Tier__c: feeTierSchema,
    Sync_Run__c: syncRunSchema,
  };

  test.each(CUSTOM_OBJECTS.map((spec) => [spec.apiName, spec] as [string, ObjectSpec]))('%s has a schema key for every field', (apiName, spec) => {
    const keys = Object.keys(schemaOf[apiName].shape).sort();
    expect(keys).toEqual(['Id', ...Object.keys(spec.fields)].sort());
  });

  test.each(CUSTOM_OBJECTS.map((spec) => [spec.apiName, spec] as [string, ObjectSpec]))(
    '%s requires exactly the required fields of the model, but for the master-detail parent',
    (apiName, spec) => {
      const shape = schemaOf[apiName].shape;
      const requiredInSchema = Object.keys(shape).filter((key) => !shape[key].safeParse(undefined).success);
      const requiredInModel = Object.entries(spec.fields as Record<string, FieldSpec>)
        .filter(([, field]) => field.required && field.type !== 'MasterDetail')
        .map(([name]) => name);
      expect(requiredInSchema.sort()).toEqual(requiredInModel.sort());
    },
  );
});

describe('outcomeRequirementSchema', () => {
  it('accepts the three examples of docs/design.md', () => {
    const examples = [
      validOutcome,
      {
        Description__c: 'Raw-material wastage in manufacturing of Product X',
        Quantity_Type__c: 'Relative_Percent',
        Direction__c: 'Decrease',
        Baseline_Value__c: 50,
        Target_Value__c: 20,
        Deadline_Type__c: 'Date',
        Deadline_Date__c: '2020-12-31',
        Measurement_Method__c: 'materials used / products made',
      },
      {
        Description__c: 'Speed to market for releases of Software Y',
        Quantity_Type__c: 'Absolute',
        Direction__c: 'At Most',
        Target_Value__c: 6,
        Unit__c: 'months between releases',
        Deadline_Type__c: 'Immediate',
        Measurement_Method__c: 'dates of releases',
      },
    ];
    for (const example of examples) expect(issuesOf(outcomeRequirementSchema, example)).toEqual([]);
  });

  it('accepts blank fields as null or absent, and drops keys it does not know', () => {
    const parsed = outcomeRequirementSchema.parse({
      attributes: { type: 'Outcome_Requirement__c' },
      Description__c: 'Draft outcome',
      Quantity_Type__c: null,
      Target_Value__c: null,
    });
    expect(parsed).toEqual({ Description__c: 'Draft outcome', Quantity_Type__c: null, Target_Value__c: null });
  });

  it('rejects a negative months offset, naming the field', () => {
    expect(issuesOf(outcomeRequirementSchema, { ...validOutcome, Deadline_Offset_Months__c: -3 })).toEqual([
      { path: 'Deadline_Offset_Months__c', message: expect.stringContaining('Deadline_Offset_Months__c must be a whole number of months, 0 or more, got -3') },
    ]);
  });

  it('rejects a negative offset even when the deadline is not relative', () => {
    const issues = issuesOf(outcomeRequirementSchema, { ...validOutcome, Deadline_Type__c: 'Immediate', Deadline_Offset_Months__c: -1 });
    expect(issues.map((i) => i.path)).toEqual(['Deadline_Offset_Months__c']);
  });

  test.each([[1.5], [1000]])('rejects an offset of %p months', (months) => {
    const issues = issuesOf(outcomeRequirementSchema, { ...validOutcome, Deadline_Offset_Months__c: months });
    expect(issues).toEqual([{ path: 'Deadline_Offset_Months__c', message: expect.stringContaining('Deadline_Offset_Months__c') }]);
  });

  test.each([
    ['Increase', 'above'],
    ['Decrease', 'below'],
  ])('rejects an Absolute %s whose target equals the baseline', (direction, side) => {
    const record = { ...validOutcome, Quantity_Type__c: 'Absolute', Direction__c: direction, Baseline_Value__c: 40, Target_Value__c: 40 };
    expect(issuesOf(outcomeRequirementSchema, record)).toEqual([
      {
        path: 'Target_Value__c',
        message: expect.stringMatching(new RegExp(`^Target_Value__c must be ${side} Baseline_Value__c .*set a target ${side} the baseline$`)),
      },
    ]);
  });

  it('rejects an Increase whose target is below the baseline, and a Decrease above it', () => {
    const absolute = { ...validOutcome, Quantity_Type__c: 'Absolute', Baseline_Value__c: 40 };
    expect(issuesOf(outcomeRequirementSchema, { ...absolute, Direction__c: 'Increase', Target_Value__c: 39 })).toHaveLength(1);
    expect(issuesOf(outcomeRequirementSchema, { ...absolute, Direction__c: 'Decrease', Target_Value__c: 41 })).toHaveLength(1);
    expect(issuesOf(outcomeRequirementSchema, { ...absolute, Direction__c: 'Increase', Target_Value__c: 41 })).toEqual([]);
    expect(issuesOf(outcomeRequirementSchema, { ...absolute, Direction__c: 'Decrease', Target_Value__c: 39 })).toEqual([]);
  });

  it('rejects an unknown picklist value, naming the field and listing the allowed values', () => {
    const [issue] = issuesOf(outcomeRequirementSchema, { ...validOutcome, Direction__c: 'Sideways' });
    expect(issue.path).toBe('Direction__c');
    expect(issue.message).toBe('Direction__c has no value "Sideways": use one of "Increase", "Decrease", "At Most", "At Least"');
    for (const value of DIRECTIONS) expect(issue.message).toContain(`"${value}"`);
  });

  it('rejects labels and near misses: a record carries API names (typed input is resolved before, by picklistValueOf)', () => {
    expect(issuesOf(outcomeRequirementSchema, { ...validOutcome, Validation_Status__c: 'Assumed – Needs Validation' })).toEqual([
      { path: 'Validation_Status__c', message: expect.stringContaining('"Assumed_Needs_Validation" (Assumed – Needs Validation)') },
    ]);
    expect(issuesOf(outcomeRequirementSchema, { ...validOutcome, Priority__c: 'primary' })).toHaveLength(1);
  });

  describe('Relative % quantities', () => {
    const relative = { ...validOutcome, Quantity_Type__c: 'Relative_Percent' };

    test.each([
      ['no baseline', { Baseline_Value__c: null }, 'Baseline_Value__c'],
      ['a zero baseline', { Baseline_Value__c: 0 }, 'Baseline_Value__c'],
      ['At Most', { Direction__c: 'At Most' }, 'Direction__c'],
      ['At Least', { Direction__c: 'At Least' }, 'Direction__c'],
      ['a target of 0%', { Target_Value__c: 0 }, 'Target_Value__c'],
      ['a negative target', { Target_Value__c: -15 }, 'Target_Value__c'],
      ['a reduction of 100%', { Direction__c: 'Decrease', Target_Value__c: 100 }, 'Target_Value__c'],
      ['a reduction above 100%', { Direction__c: 'Decrease', Target_Value__c: 120 }, 'Target_Value__c'],
    ])('rejects %s', (_, change, field) => {
      const issues = issuesOf(outcomeRequirementSchema, { ...relative, ...change });
      expect(issues).toEqual([{ path: field, message: expect.stringContaining(field) }]);
    });

    it('accepts an uplift above 100% and a reduction just below it', () => {
      expect(issuesOf(outcomeRequirementSchema, { ...relative, Target_Value__c: 150 })).toEqual([]);
      expect(issuesOf(outcomeRequirementSchema, { ...relative, Direction__c: 'Decrease', Target_Value__c: 99.5 })).toEqual([]);
    });
  });

  it('requires a baseline for an Absolute Increase or Decrease, not for At Most / At Least', () => {
    const absolute = { ...validOutcome, Quantity_Type__c: 'Absolute', Baseline_Value__c: null, Target_Value__c: 10 };
    expect(issuesOf(outcomeRequirementSchema, { ...absolute, Direction__c: 'Increase' })).toEqual([
      { path: 'Baseline_Value__c', message: expect.stringContaining('Baseline_Value__c is required for an Absolute Increase') },
    ]);
    expect(issuesOf(outcomeRequirementSchema, { ...absolute, Direction__c: 'At Least' })).toEqual([]);
  });

  it('requires direction and target once a quantity type is set', () => {
    const issues = issuesOf(outcomeRequirementSchema, { ...validOutcome, Quantity_Type__c: 'Absolute', Direction__c: null, Target_Value__c: null });
    expect(issues.map((i) => i.path).sort()).toEqual(['Direction__c', 'Target_Value__c']);
    for (const issue of issues) expect(issue.message).toContain(`${issue.path} is required when Quantity_Type__c is set`);
  });

  it('requires the date of a dated deadline and the offset of a relative one', () => {
    expect(issuesOf(outcomeRequirementSchema, { ...validOutcome, Deadline_Type__c: 'Date', Deadline_Date__c: null })).toEqual([
      { path: 'Deadline_Date__c', message: expect.stringContaining('Deadline_Date__c is required when Deadline_Type__c is Date') },
    ]);
    expect(issuesOf(outcomeRequirementSchema, { ...validOutcome, Deadline_Offset_Months__c: undefined })).toEqual([
      { path: 'Deadline_Offset_Months__c', message: expect.stringContaining('Deadline_Offset_Months__c is required') },
    ]);
  });

  it('requires the partner’s account when a partner is responsible for the result, as the org’s rule does', () => {
    expect(issuesOf(outcomeRequirementSchema, { ...validOutcome, Responsible_Party__c: 'Partner' })).toEqual([
      { path: 'Partner_Account__c', message: expect.stringContaining('Partner_Account__c is required when Responsible_Party__c is Partner') },
    ]);
    expect(issuesOf(outcomeRequirementSchema, { ...validOutcome, Responsible_Party__c: 'Partner', Partner_Account__c: ACCOUNT })).toEqual([]);
    expect(issuesOf(outcomeRequirementSchema, { ...validOutcome, Responsible_Party__c: 'Vendor' })).toEqual([]);
  });

  it('rejects an impossible deadline date and a blank description', () => {
    const issues = issuesOf(outcomeRequirementSchema, { ...validOutcome, Description__c: '   ', Deadline_Date__c: '2021-02-29' });
    expect(issues).toEqual([
      { path: 'Description__c', message: 'Description__c is required: it cannot be blank' },
      { path: 'Deadline_Date__c', message: 'Deadline_Date__c "2021-02-29" is not a day of 2021-02' },
    ]);
  });

  it('rejects a malformed lookup id and an over-long unit', () => {
    const issues = issuesOf(outcomeRequirementSchema, { ...validOutcome, Initiative__c: 'not-an-id', Unit__c: 'x'.repeat(41) });
    expect(issues).toEqual([
      { path: 'Initiative__c', message: 'Initiative__c must be a 15- or 18-character record id, got "not-an-id"' },
      { path: 'Unit__c', message: 'Unit__c is too long: at most 40 characters, got 41' },
    ]);
  });
});

describe('measurementSchemaAsOf', () => {
  const today = '2024-06-30';
  const schema = measurementSchemaAsOf(today);
  const valid = { Outcome_Requirement__c: OUTCOME, Measured_On__c: '2024-06-30', Value__c: 12.5, Source__c: 'Survey' };

  it('accepts a measurement dated today', () => {
    expect(issuesOf(schema, valid)).toEqual([]);
  });

  it('rejects a measurement dated after today', () => {
    expect(issuesOf(schema, { ...valid, Measured_On__c: '2024-07-01' })).toEqual([
      { path: 'Measured_On__c', message: expect.stringContaining('Measured_On__c "2024-07-01" is after today (2024-06-30)') },
    ]);
  });

  test.each([
    ['no date', { Measured_On__c: undefined }, 'Measured_On__c is required'],
    ['a blank date', { Measured_On__c: null }, 'Measured_On__c is required'],
    ['an impossible date', { Measured_On__c: '2023-02-29' }, 'Measured_On__c "2023-02-29" is not a day of 2023-02'],
    ['no value', { Value__c: null }, 'Value__c is required'],
    ['a value as text', { Value__c: '12' }, 'Value__c must be a finite number, got "12"'],
    ['NaN', { Value__c: Number.NaN }, 'Value__c must be a finite number, got NaN'],
    ['Infinity', { Value__c: Number.POSITIVE_INFINITY }, 'Value__c must be a finite number, got Infinity'],
    ['an unknown source', { Source__c: 'Rumour' }, 'Source__c has no value "Rumour"'],
  ])('rejects %s', (_, change, message) => {
    const issues = issuesOf(schema, { ...valid, ...change });
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toContain(message);
  });

  it('leaves the stored-measurement schema without the date-of-today rule', () => {
    expect(issuesOf(measurementSchema, { ...valid, Measured_On__c: '2030-01-01' })).toEqual([]);
  });
});

describe('other custom objects', () => {
  it('accept valid records', () => {
    expect(issuesOf(initiativeSchema, { Name: 'Quote-to-cash', Account__c: ACCOUNT, Status__c: 'Handover', Go_Live_Date__c: '2024-03-01' })).toEqual([]);
    expect(
      issuesOf(solutionComponentSchema, { Name: 'Platform licence', Initiative__c: INITIATIVE, Lifecycle__c: 'Renewable', Total_Price__c: 24_000 }),
    ).toEqual([]);
    expect(issuesOf(outcomeComponentSchema, { Outcome_Requirement__c: OUTCOME, Contribution__c: 'Hosts the survey' })).toEqual([]);
    expect(issuesOf(milestoneSchema, { Name: 'Go-live', Status__c: 'In Progress', Due_Date__c: '2024-09-01' })).toEqual([]);
    expect(issuesOf(businessCapabilitySchema, { Name: 'Taking New Orders', Account__c: ACCOUNT, Level__c: 2 })).toEqual([]);
  });

  it('require an Initiative its name and account', () => {
    expect(issuesOf(initiativeSchema, {})).toEqual([
      { path: 'Name', message: 'Name is required' },
      { path: 'Account__c', message: 'Account__c is required' },
    ]);
  });

  it('keep capability levels to 1, 2 or 3', () => {
    expect(issuesOf(businessCapabilitySchema, { Name: 'Sales', Account__c: ACCOUNT, Level__c: 4 })).toEqual([
      { path: 'Level__c', message: expect.stringContaining('Level__c must be 1, 2 or 3') },
    ]);
  });

  it('reject an unknown lifecycle, listing the model values', () => {
    const [issue] = issuesOf(solutionComponentSchema, { Name: 'x', Lifecycle__c: 'Forever' });
    expect(issue.path).toBe('Lifecycle__c');
    for (const value of LIFECYCLES) expect(issue.message).toContain(`"${value}"`);
  });
});

describe('standard objects as the syncs read them', () => {
  it('accept an opportunity, a line item with its Product2 fields, and a contract', () => {
    expect(
      issuesOf(opportunitySchema, {
        Id: '006000000000001AAA',
        StageName: 'Closed Won',
        IsWon: true,
        CloseDate: '2024-01-31',
        Amount: 48_000,
        ContractId: null,
        Handover_Status__c: 'Not Started',
      }),
    ).toEqual([]);
    const line = opportunityLineItemSchema.parse({
      attributes: { type: 'OpportunityLineItem' },
      Id: '00k000000000001AAA',
      Product2Id: '01t000000000001AAA',
      TotalPrice: 24_000,
      ServiceDate: null,
      Term_Months__c: 12,
      Product2: { Name: 'Platform', Lifecycle__c: 'Renewable', Component_Type__c: 'Subscription', Default_Term_Months__c: 12 },
    });
    expect(line.Product2?.Lifecycle__c).toBe('Renewable');
    expect(issuesOf(contractSchema, { StartDate: '2024-02-01', ContractTerm: 12, EndDate: '2025-01-31' })).toEqual([]);
  });

  it('name the parent path of an invalid Product2 field', () => {
    const result = opportunityLineItemSchema.safeParse({ Product2: { Lifecycle__c: 'Forever' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['Product2', 'Lifecycle__c']);
  });

  it('reject a won flag given as text', () => {
    expect(issuesOf(opportunitySchema, { IsWon: 'true' })).toEqual([{ path: 'IsWon', message: 'IsWon must be true or false, got "true"' }]);
  });
});

describe('formatIssues', () => {
  it('turns each issue into one line naming the record', () => {
    const result = outcomeRequirementSchema.safeParse({ ...validOutcome, Direction__c: 'Up', Deadline_Offset_Months__c: -1 });
    expect(result.success).toBe(false);
    const lines = formatIssues(result.error!, 'Outcome "Quality of service" (row 3)');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Outcome "Quality of service" \(row 3\): Direction__c has no value "Up"/);
    expect(lines[1]).toMatch(/^Outcome "Quality of service" \(row 3\): Deadline_Offset_Months__c must be/);
  });

  it('adds the field path when a message does not name it', () => {
    const lines = formatIssues({ issues: [{ code: 'custom', path: ['Product2', 'Name'], message: 'too vague', input: 'x' }] }, 'Line 1');
    expect(lines).toEqual(['Line 1: Product2.Name: too vague']);
  });
});

describe('parsed records feed the domain functions as they are', () => {
  it('assesses a parsed outcome with its parsed measurements', async () => {
    const { assessOutcome } = await import('../../src/core/trajectory.js');
    const { dueDateOf } = await import('../../src/core/deadline.js');
    const parsedOutcome = outcomeRequirementSchema.parse(validOutcome);
    const parsedInitiative = initiativeSchema.parse({ Name: 'Service quality', Account__c: ACCOUNT, Go_Live_Date__c: '2024-03-01' });
    const measurements = [
      { Measured_On__c: '2024-03-01', Value__c: 100 },
      { Measured_On__c: '2025-03-01', Value__c: 107.5 },
    ].map((row) => measurementSchemaAsOf('2025-04-01').parse(row));
    const dueDate = dueDateOf(parsedOutcome, { goLiveDate: parsedInitiative.Go_Live_Date__c });
    // 24 months after 2024-03-01; the line through +7.5 a year reaches 115 there.
    expect(assessOutcome(parsedOutcome, measurements, { today: '2025-04-01', dueDate })).toMatchObject({
      forecastValue: 115,
      status: 'On Track',
    });
  });
});
