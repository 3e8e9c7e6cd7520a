import { describe, expect, it } from '@jest/globals';
import {
  handoverStatusOf,
  accountsNeedingCsm,
  countActions,
  duplicateReviewTasks,
  handoverPlanner,
  HANDOVERS_LISTED,
  planHandover,
  type ExistingComponent,
  type ExistingInitiative,
  type HandoverPlanInput,
  type SourceLineItem,
  type SourceOpportunity,
} from '../../../src/core/plan/handover.js';

const TODAY = '2026-11-23';
const OPP = '006000000000001AAA';
const ACCOUNT = '001000000000001AAA';
const CSM = '005000000000001AAA';
const DEFAULT_CSM = '005000000000009AAA';

function line(overrides: Partial<SourceLineItem> & { id: string }): SourceLineItem {
  return {
    productId: '01t000000000001AAA',
    productName: 'Platform Subscription',
    quantity: 1,
    totalPrice: 24_000,
    serviceDate: null,
    termMonths: null,
    endDate: null,
    roleInSolution: null,
    componentType: 'Subscription',
    lifecycle: 'Renewable',
    productDefaultTermMonths: null,
    ...overrides,
  };
}

const subscription = line({ id: '00k000000000001AAA', serviceDate: '2026-01-31', termMonths: 24, roleInSolution: 'Runs the order portal' });
const services = line({
  id: '00k000000000002AAA',
  productId: '01t000000000002AAA',
  productName: 'Implementation Services',
  totalPrice: 5_000,
  componentType: 'Professional Services',
  lifecycle: 'One_Time',
});

function opportunity(overrides: Partial<SourceOpportunity> = {}): SourceOpportunity {
  return {
    id: OPP,
    name: 'Acme — Order Portal',
    accountId: ACCOUNT,
    isWon: true,
    closeDate: '2026-01-15',
    amount: 29_000,
    contractEndDate: null,
    expectedGoLiveDate: '2026-04-01',
    handoverStatus: null,
    lines: [subscription, services],
    ...overrides,
  };
}

function input(overrides: Partial<HandoverPlanInput> = {}): HandoverPlanInput {
  return {
    opportunities: [opportunity()],
    initiatives: [],
    tasks: [],
    accountCsms: new Map([[ACCOUNT, CSM]]),
    defaultCsmId: null,
    today: TODAY,
    ...overrides,
  };
}

function initiative(overrides: Partial<ExistingInitiative> = {}): ExistingInitiative {
  return {
    Id: 'a00000000000001AAA',
    Name: 'Order portal for Acme',
    Account__c: ACCOUNT,
    Opportunity__c: OPP,
    Source_Opportunity_Id__c: null,
    Purpose__c: 'Take orders online',
    Status__c: 'Handover',
    CSM__c: null,
    Handover_Date__c: null,
    Go_Live_Date__c: '2026-05-15',
    Annual_Contract_Value__c: null,
    Total_Contract_Value__c: null,
    Next_Renewal_Date__c: null,
    components: [],
    outcomes: [],
    ...overrides,
  };
}

const completePrimaryOutcome = {
  Id: 'a01000000000001AAA',
  Description__c: 'Speed to market for releases',
  Priority__c: 'Primary',
  Quantity_Type__c: 'Absolute',
  Direction__c: 'At Most',
  Target_Value__c: 6,
  Deadline_Type__c: 'Immediate',
  Measurement_Method__c: 'Dates of releases',
} as const;

/** The components exactly as a first run writes them for `subscription` and `services` (computed by hand). */
function writtenComponents(): ExistingComponent[] {
  return [
    {
      Id: 'a02000000000001AAA',
      Name: 'Platform Subscription',
      Source_Line_Item_Id__c: subscription.id,
      Product__c: '01t000000000001AAA',
      Quantity__c: 1,
      Total_Price__c: 24_000,
      Component_Type__c: 'Subscription',
      Lifecycle__c: 'Renewable',
      Role_In_Solution__c: 'Runs the order portal',
      Start_Date__c: '2026-01-31',
      End_Date__c: '2028-01-30',
      Renewal_Date__c: '2028-01-30',
      Annual_Value__c: 12_000,
    },
    {
      Id: 'a02000000000002AAA',
      Name: 'Implementation Services',
      Source_Line_Item_Id__c: services.id,
      Product__c: '01t000000000002AAA',
      Quantity__c: 1,
      Total_Price__c: 5_000,
      Component_Type__c: 'Professional Services',
      Lifecycle__c: 'One_Time',
      Role_In_Solution__c: null,
      Start_Date__c: '2026-01-15',
      End_Date__c: null,
      Renewal_Date__c: null,
      Annual_Value__c: null,
    },
  ];
}

describe('handoverStatusOf', () => {
  it('is Onboarding until the go-live and Adopting from the go-live day on', () => {
    expect(handoverStatusOf('2026-12-01', TODAY)).toBe('Onboarding');
    expect(handoverStatusOf(TODAY, TODAY)).toBe('Adopting');
    expect(handoverStatusOf('2025-05-15', TODAY)).toBe('Adopting');
    expect(handoverStatusOf(null, TODAY)).toBe('Onboarding');
  });
});

describe('planHandover sets the status the dates imply', () => {
  it('creates an initiative whose go-live is ahead as Onboarding', () => {
    const [created] = planHandover(input({ opportunities: [opportunity({ expectedGoLiveDate: '2027-02-01' })] })).initiatives;
    expect(created.fields.Status__c).toBe('Onboarding');
  });

  it('moves the Handover status sales left to Onboarding only while the go-live is ahead', () => {
    const ahead = planHandover(input({ initiatives: [initiative({ Go_Live_Date__c: '2027-02-01' })] })).initiatives[0];
    expect(ahead.fields.Status__c).toBe('Onboarding');
    const live = planHandover(input({ initiatives: [initiative({ Go_Live_Date__c: '2025-05-15' })] })).initiatives[0];
    expect(live.fields.Status__c).toBe('Adopting');
  });
});

describe('planHandover', () => {
  describe('a won opportunity without an initiative', () => {
    const plan = planHandover(input());

    it('creates the initiative keyed on the opportunity Id, with revenue, dates, status and the account team CSM', () => {
      expect(plan.initiatives).toHaveLength(1);
      const [created] = plan.initiatives;
      expect(created.action).toBe('create');
      expect(created.kind).toBe('handover');
      expect(created.fields).toEqual({
        Name: 'Acme — Order Portal',
        Source_Opportunity_Id__c: OPP,
        Opportunity__c: OPP,
        Account__c: ACCOUNT,
        // Go-live 2026-04-01 is before the handover on TODAY: the initiative is live, so Adopting, not Onboarding.
        Status__c: 'Adopting',
        Handover_Date__c: TODAY,
        Go_Live_Date__c: '2026-04-01',
        // 24,000 over 24 months is 12,000 a year; the one-time line adds nothing.
        Annual_Contract_Value__c: 12_000,
        Total_Contract_Value__c: 29_000,
        // 2026-01-31 + 24 months = 2028-01-31 (end of month stays end of month), minus one day.
        Next_Renewal_Date__c: '2028-01-30',
        CSM__c: CSM,
      });
      expect(created.reason).toMatch(/account team/);
    });

    it('creates one component per line, dating the renewable one and valuing it per year', () => {
      expect(plan.components.map((c) => c.action)).toEqual(['create', 'create']);
      expect(plan.components[0].fields).toEqual({
        Name: 'Platform Subscription',
        Product__c: '01t000000000001AAA',
        Quantity__c: 1,
        Total_Price__c: 24_000,
        Component_Type__c: 'Subscription',
        Lifecycle__c: 'Renewable',
        Start_Date__c: '2026-01-31',
        End_Date__c: '2028-01-30',
        Renewal_Date__c: '2028-01-30',
        Annual_Value__c: 12_000,
        Source_Line_Item_Id__c: subscription.id,
        Role_In_Solution__c: 'Runs the order portal',
      });
      expect(plan.components[0].reason).toMatch(/renews 2028-01-30 \(term\)/);
      // One-time: no renewal, no annual value, and no end without a term; it starts at the close date.
      expect(plan.components[1].fields).toEqual({
        Name: 'Implementation Services',
        Product__c: '01t000000000002AAA',
        Quantity__c: 1,
        Total_Price__c: 5_000,
        Component_Type__c: 'Professional Services',
        Lifecycle__c: 'One_Time',
        Start_Date__c: '2026-01-15',
        Source_Line_Item_Id__c: services.id,
      });
    });

    it('asks the CSM to review the handover in three days, listing the gaps', () => {
      expect(plan.tasks).toHaveLength(1);
      const [task] = plan.tasks;
      expect(task.action).toBe('create');
      expect(task.initiativeId).toBeNull();
      expect(task.fields.Subject).toBe('Review handover: Acme — Order Portal');
      expect(task.fields.OwnerId).toBe(CSM);
      expect(task.fields.ActivityDate).toBe('2026-11-26');
      expect(task.fields.Description).toMatch(/2 gap\(s\)/);
      expect(task.fields.Description).toMatch(/no purpose/);
      expect(task.fields.Description).toMatch(/no primary outcome/);
    });

    it('marks the opportunity Incomplete, with the gaps of the new initiative', () => {
      expect(plan.opportunities).toEqual([
        expect.objectContaining({ opportunityId: OPP, action: 'update', from: null, to: 'Incomplete' }),
      ]);
      expect(plan.handovers[0].gaps.map((g) => g.code)).toEqual(['PURPOSE_MISSING', 'NO_PRIMARY_OUTCOME']);
      expect(plan.handovers[0].status).toBe('Incomplete');
    });
  });

  describe('an initiative that sales entered (Opportunity__c set, no source id)', () => {
    const plan = planHandover(input({ initiatives: [initiative()], accountCsms: new Map(), defaultCsmId: DEFAULT_CSM }));
    const [change] = plan.initiatives;

    it('is completed by Id, never duplicated', () => {
      expect(plan.initiatives).toHaveLength(1);
      expect(change.action).toBe('update');
      expect(change.initiativeId).toBe('a00000000000001AAA');
      expect(change.reason).toMatch(/^Completes the initiative sales entered/);
    });

    it('writes only the fields the sync owns and fills blanks; what sales entered stays', () => {
      expect(change.fields).toEqual({
        Source_Opportunity_Id__c: OPP,
        Annual_Contract_Value__c: 12_000,
        Total_Contract_Value__c: 29_000,
        Next_Renewal_Date__c: '2028-01-30',
        Handover_Date__c: TODAY,
        CSM__c: DEFAULT_CSM,
        // The go-live sales entered (2026-05-15) is before the handover: live, so Adopting.
        Status__c: 'Adopting',
      });
      // Name, purpose and the go-live date sales entered are not in the write.
      expect(change.fields).not.toHaveProperty('Name');
      expect(change.fields).not.toHaveProperty('Go_Live_Date__c');
      expect(change.reason).toMatch(/default CSM/);
    });

    it('assigns the review task to the default CSM and names the initiative as sales named it', () => {
      expect(plan.tasks[0].initiativeId).toBe('a00000000000001AAA');
      expect(plan.tasks[0].fields.Subject).toBe('Review handover: Order portal for Acme');
      expect(plan.tasks[0].fields.OwnerId).toBe(DEFAULT_CSM);
    });

    it('keeps a status that is past Handover and a CSM already assigned', () => {
      const later = planHandover(input({ initiatives: [initiative({ Status__c: 'Adopting', CSM__c: '005000000000007AAA' })] }));
      expect(later.initiatives[0].fields).not.toHaveProperty('Status__c');
      expect(later.initiatives[0].fields).not.toHaveProperty('CSM__c');
      expect(later.tasks[0].fields.OwnerId).toBe('005000000000007AAA');
    });
  });

  describe('a rerun on what the first run wrote', () => {
    const synced = initiative({
      Source_Opportunity_Id__c: OPP,
      Status__c: 'Onboarding',
      CSM__c: CSM,
      Handover_Date__c: '2026-11-20',
      Annual_Contract_Value__c: 12_000,
      Total_Contract_Value__c: 29_000,
      Next_Renewal_Date__c: '2028-01-30',
      components: writtenComponents(),
    });
    const plan = planHandover(
      input({
        opportunities: [opportunity({ handoverStatus: 'Incomplete' })],
        initiatives: [synced],
        tasks: [{ id: '00T000000000001AAA', whatId: synced.Id, subject: 'Review handover: Order portal for Acme', isClosed: false }],
      }),
    );

    it('writes nothing and says why', () => {
      expect(countActions(plan.initiatives)).toEqual({ create: 0, update: 0, skip: 1 });
      expect(countActions(plan.components)).toEqual({ create: 0, update: 0, skip: 2 });
      expect(plan.initiatives[0].reason).toBe('Up to date');
      expect(plan.components.every((c) => c.reason === 'Up to date')).toBe(true);
      expect(plan.tasks[0]).toMatchObject({ action: 'skip', existingTaskId: '00T000000000001AAA' });
      expect(plan.opportunities[0]).toMatchObject({ action: 'skip', to: 'Incomplete' });
    });

    it('does not ask again for a review the CSM already completed', () => {
      const again = planHandover(
        input({ initiatives: [synced], tasks: [{ id: '00T000000000002AAA', whatId: synced.Id, subject: 'Review handover: old name', isClosed: true }] }),
      );
      expect(again.tasks[0]).toMatchObject({ action: 'skip', existingTaskId: '00T000000000002AAA' });
      expect(again.tasks[0].reason).toMatch(/closed/);
    });

    it('ignores other tasks on the initiative', () => {
      const again = planHandover(input({ initiatives: [synced], tasks: [{ id: '00T000000000003AAA', whatId: synced.Id, subject: 'Call the customer', isClosed: false }] }));
      expect(again.tasks[0].action).toBe('create');
    });

    it('updates only what changed at the source', () => {
      const repriced = opportunity({ handoverStatus: 'Incomplete', amount: 31_000, lines: [{ ...subscription, totalPrice: 26_400 }, services] });
      const again = planHandover(input({ opportunities: [repriced], initiatives: [synced] }));
      // 26,400 over 24 months is 13,200 a year.
      expect(again.initiatives[0].fields).toEqual({ Annual_Contract_Value__c: 13_200, Total_Contract_Value__c: 31_000 });
      expect(again.components[0]).toMatchObject({ action: 'update', componentId: 'a02000000000001AAA', fields: { Total_Price__c: 26_400, Annual_Value__c: 13_200 } });
      expect(again.components[1].action).toBe('skip');
    });
  });

  describe('field ownership on components', () => {
    it('never blanks a type or lifecycle a person set, and keeps a role already written', () => {
      const [existing] = writtenComponents();
      const untyped = line({ ...subscription, componentType: null, lifecycle: null, roleInSolution: 'Something else' });
      const plan = planHandover(
        input({
          opportunities: [opportunity({ lines: [untyped] })],
          initiatives: [initiative({ Source_Opportunity_Id__c: OPP, components: [{ ...existing, Role_In_Solution__c: 'What the CSM wrote' }] })],
        }),
      );
      expect(plan.components[0].action).toBe('skip');
      // The lifecycle the component keeps still dates it and values it.
      expect(plan.handovers[0].gaps.map((g) => g.code)).not.toContain('COMPONENT_LIFECYCLE_MISSING');
    });

    it('takes the product type and lifecycle when the product has them', () => {
      const [existing] = writtenComponents();
      const plan = planHandover(
        input({ initiatives: [initiative({ Source_Opportunity_Id__c: OPP, components: [{ ...existing, Component_Type__c: null, Lifecycle__c: null }] })] }),
      );
      expect(plan.components[0].fields).toEqual({ Component_Type__c: 'Subscription', Lifecycle__c: 'Renewable' });
    });

    it('fills a blank role from the line', () => {
      const [existing] = writtenComponents();
      const plan = planHandover(
        input({ initiatives: [initiative({ Source_Opportunity_Id__c: OPP, components: [{ ...existing, Role_In_Solution__c: null }] })] }),
      );
      expect(plan.components[0].fields).toEqual({ Role_In_Solution__c: 'Runs the order portal' });
    });
  });

  describe('renewal dates', () => {
    it("takes the line's own end date first, then the contract's end", () => {
      const plan = planHandover(
        input({
          opportunities: [
            opportunity({ contractEndDate: '2027-06-30', lines: [line({ id: '00k000000000003AAA', endDate: '2027-03-31' }), line({ id: '00k000000000004AAA' })] }),
          ],
        }),
      );
      expect(plan.components[0].fields.Renewal_Date__c).toBe('2027-03-31');
      expect(plan.components[0].reason).toMatch(/line end date/);
      expect(plan.components[1].fields.Renewal_Date__c).toBe('2027-06-30');
      expect(plan.components[1].reason).toMatch(/contract end date/);
      // A renewable line ends when it renews.
      expect(plan.components[1].fields.End_Date__c).toBe('2027-06-30');
      // The earliest renewal on or after today.
      expect(plan.initiatives[0].fields.Next_Renewal_Date__c).toBe('2027-03-31');
    });

    it('never ends a line before it starts: a contract that ended before delivery dates the renewal only', () => {
      const lateAddOn = line({ id: '00k000000000007AAA', serviceDate: '2027-07-10' });
      const plan = planHandover(input({ opportunities: [opportunity({ contractEndDate: '2027-06-30', lines: [lateAddOn] })] }));
      expect(plan.components[0].fields.Renewal_Date__c).toBe('2027-06-30');
      expect(plan.components[0].fields.Start_Date__c).toBe('2027-07-10');
      expect(plan.components[0].fields).not.toHaveProperty('End_Date__c');
    });

    it('reports a renewable line it cannot date instead of guessing', () => {
      const undatable = line({ id: '00k000000000005AAA', totalPrice: 9_000 });
      const plan = planHandover(input({ opportunities: [opportunity({ closeDate: null, lines: [undatable] })] }));
      expect(plan.components[0].fields).not.toHaveProperty('Renewal_Date__c');
      expect(plan.handovers[0].undatedLines).toEqual([expect.objectContaining({ lineItemId: '00k000000000005AAA' })]);
      expect(plan.handovers[0].gaps.map((g) => g.code)).toContain('RENEWAL_DATE_MISSING');
      // A renewable line of unknown term counts its whole price as one year.
      expect(plan.initiatives[0].fields.Annual_Contract_Value__c).toBe(9_000);
      expect(plan.initiatives[0].fields).not.toHaveProperty('Next_Renewal_Date__c');
    });

    it('uses the product default term from the close date', () => {
      const plan = planHandover(input({ opportunities: [opportunity({ closeDate: '2024-02-29', lines: [line({ id: '00k000000000006AAA', productDefaultTermMonths: 12 })] })] }));
      // 2024-02-29 + 12 months = 2025-02-28 (last day stays last day), minus one day.
      expect(plan.components[0].fields.Renewal_Date__c).toBe('2025-02-27');
      expect(plan.components[0].fields.End_Date__c).toBe('2025-02-27');
      // Past renewals are not "next".
      expect(plan.initiatives[0].fields).not.toHaveProperty('Next_Renewal_Date__c');
    });
  });

  it('totals the lines when the opportunity has no amount', () => {
    const plan = planHandover(input({ opportunities: [opportunity({ amount: null })] }));
    expect(plan.initiatives[0].fields.Total_Contract_Value__c).toBe(29_000);
  });

  it('marks a handover without gaps Handed Over', () => {
    const plan = planHandover(
      input({
        opportunities: [opportunity({ handoverStatus: 'Not Started' })],
        initiatives: [initiative({ CSM__c: CSM, components: writtenComponents(), outcomes: [completePrimaryOutcome] })],
      }),
    );
    expect(plan.handovers[0]).toMatchObject({ status: 'Handed Over', gaps: [] });
    expect(plan.opportunities[0]).toMatchObject({ action: 'update', from: 'Not Started', to: 'Handed Over' });
    expect(plan.tasks[0].fields.Description).toMatch(/is complete/);
  });

  it('falls back to the active account owner when neither the account team nor a default names a CSM', () => {
    const owner = '005000000000OWNAAA';
    const plan = planHandover(input({ opportunities: [opportunity({ accountOwnerId: owner })], accountCsms: new Map() }));
    expect(plan.initiatives[0].fields).toMatchObject({ CSM__c: owner });
    expect(plan.initiatives[0].reason).toMatch(/CSM is the account owner \(no Customer Success Manager on the account team, and no default CSM\)/);
    expect(plan.tasks[0].fields).toMatchObject({ OwnerId: owner });
    // The default CSM comes before the owner.
    const withDefault = planHandover(input({ opportunities: [opportunity({ accountOwnerId: owner })], accountCsms: new Map(), defaultCsmId: DEFAULT_CSM }));
    expect(withDefault.initiatives[0].fields).toMatchObject({ CSM__c: DEFAULT_CSM });
  });

  it('says the org has no Account Teams when that is why the CSM is not from a team', () => {
    const plan = planHandover(input({ accountCsms: new Map(), accountTeams: false, defaultCsmId: DEFAULT_CSM }));
    expect(plan.initiatives[0].reason).toMatch(/default CSM \(Account Teams are not enabled in this org\)/);
  });

  it('leaves the CSM gap open when neither the account team nor a default names one', () => {
    const plan = planHandover(input({ accountCsms: new Map() }));
    expect(plan.initiatives[0].fields).not.toHaveProperty('CSM__c');
    expect(plan.handovers[0].gaps.map((g) => g.code)).toContain('CSM_MISSING');
    expect(plan.tasks[0].fields).not.toHaveProperty('OwnerId');
    expect(plan.tasks[0].reason).toMatch(/no CSM/);
  });

  describe('opportunities that are not handed over', () => {
    it('skips a lost opportunity, one without an account and an Id the org does not know, each with its reason', () => {
      const plan = planHandover(
        input({
          opportunities: [opportunity({ isWon: false }), opportunity({ id: '006000000000002AAA', accountId: null })],
          missingOpportunityIds: ['006000000000003AAA'],
        }),
      );
      expect(plan.initiatives.map((c) => [c.opportunityId, c.action, c.kind])).toEqual([
        ['006000000000003AAA', 'skip', 'not handed over'],
        [OPP, 'skip', 'not handed over'],
        ['006000000000002AAA', 'skip', 'not handed over'],
      ]);
      expect(plan.initiatives[0].reason).toMatch(/No opportunity with this Id/);
      expect(plan.initiatives[1].reason).toMatch(/Not Closed Won/);
      expect(plan.initiatives[2].reason).toMatch(/No account/);
      expect(plan.components).toHaveLength(0);
      expect(plan.tasks).toHaveLength(0);
      expect(plan.opportunities).toHaveLength(0);
    });
  });

  describe('several initiatives for one opportunity', () => {
    it('completes the oldest one that sales entered and reports the others', () => {
      const older = initiative({ Id: 'a00000000000001AAA' });
      const newer = initiative({ Id: 'a00000000000002AAA', Name: 'Duplicate' });
      const plan = planHandover(input({ initiatives: [older, newer] }));
      expect(plan.initiatives.map((c) => [c.initiativeId, c.kind, c.action])).toEqual([
        ['a00000000000002AAA', 'duplicate', 'skip'],
        ['a00000000000001AAA', 'handover', 'update'],
      ]);
      expect(plan.initiatives[0].reason).toMatch(/a00000000000001AAA is the one handed over/);
    });

    it('prefers the initiative that carries the source id', () => {
      const entered = initiative({ Id: 'a00000000000001AAA' });
      const synced = initiative({ Id: 'a00000000000002AAA', Source_Opportunity_Id__c: OPP });
      const plan = planHandover(input({ initiatives: [entered, synced] }));
      expect(plan.initiatives.find((c) => c.kind === 'handover')?.initiativeId).toBe('a00000000000002AAA');
      expect(plan.initiatives.find((c) => c.kind === 'duplicate')?.initiativeId).toBe('a00000000000001AAA');
    });

    it('matches a 15-character source id to the 18-character opportunity Id', () => {
      const synced = initiative({ Source_Opportunity_Id__c: OPP.slice(0, 15) });
      const plan = planHandover(input({ initiatives: [synced] }));
      expect(plan.initiatives).toHaveLength(1);
      expect(plan.initiatives[0].initiativeId).toBe(synced.Id);
      expect(plan.initiatives[0].fields).not.toHaveProperty('Source_Opportunity_Id__c');
    });
  });

  describe('accountsNeedingCsm', () => {
    it('names the accounts of won opportunities whose initiative has no CSM yet', () => {
      const staffed = opportunity({ id: '006000000000002AAA', accountId: '001000000000002AAA' });
      const lost = opportunity({ id: '006000000000003AAA', accountId: '001000000000003AAA', isWon: false });
      const accounts = accountsNeedingCsm(
        [opportunity(), staffed, lost],
        [initiative({ Id: 'a00000000000002AAA', Opportunity__c: staffed.id, CSM__c: CSM })],
      );
      expect(accounts).toEqual([ACCOUNT]);
    });
  });
});

describe('handoverPlanner: a book a page at a time', () => {
  /** Opportunities of their own, each with one line, some handed over complete (an initiative with all it needs). */
  function book(count: number): SourceOpportunity[] {
    return Array.from({ length: count }, (_, i) => {
      const n = String(i + 1).padStart(6, '0');
      return opportunity({ id: `006000000${n}AAA`, name: `Deal ${n}`, lines: [line({ id: `00k000000${n}AAA`, serviceDate: '2026-01-31', termMonths: 12 })] });
    });
  }

  it('plans pages into the plan planHandover makes of the whole book', () => {
    const opportunities = book(25);
    const whole = planHandover(input({ opportunities }));
    const planner = handoverPlanner(input({ opportunities: [] }));
    for (let start = 0; start < opportunities.length; start += 7) planner.add(opportunities.slice(start, start + 7));
    expect(planner.plan()).toEqual(whole);
    expect(whole.initiatives).toHaveLength(25);
    expect(whole.handoverCounts).toEqual({ handedOver: 0, incomplete: 25, notListed: 0 });
  });

  it('lists at most HANDOVERS_LISTED handovers, the incomplete first, and counts every one', () => {
    const incomplete = book(HANDOVERS_LISTED + 2);
    // Three more are complete: the fixture's deal with its initiative, components, CSM and primary outcome.
    const completeIds = ['006000000C00001AAA', '006000000C00002AAA', '006000000C00003AAA'];
    const opportunities = [...completeIds.map((id) => opportunity({ id })), ...incomplete];
    const complete = completeIds.map((id, i) =>
      initiative({ Id: `a00000000C0000${i + 1}AAA`, Opportunity__c: id, CSM__c: CSM, components: writtenComponents(), outcomes: [completePrimaryOutcome] }),
    );
    const plan = planHandover(input({ opportunities, initiatives: complete }));
    expect(plan.handoverCounts).toEqual({ handedOver: 3, incomplete: HANDOVERS_LISTED + 2, notListed: 5 });
    expect(plan.handovers).toHaveLength(HANDOVERS_LISTED);
    expect(plan.handovers.every((h) => h.status === 'Incomplete')).toBe(true);
    // The plan itself is whole: every opportunity's initiative and status.
    expect(plan.opportunities).toHaveLength(HANDOVERS_LISTED + 5);
  });
});

describe('duplicateReviewTasks', () => {
  it('keeps the oldest open review task of each initiative (ties by Id) and names the rest, whatever order they are read in', () => {
    const tasks = [
      { id: '00T000000000003AAA', whatId: 'A', createdDate: '2026-11-30T10:00:01.000+0000' },
      { id: '00T000000000002AAA', whatId: 'A', createdDate: '2026-11-30T10:00:01.000+0000' },
      { id: '00T000000000001AAA', whatId: 'A', createdDate: '2026-11-30T10:00:02.000+0000' },
      { id: '00T000000000004AAA', whatId: 'B', createdDate: '2026-11-30T10:00:00.000+0000' },
    ];
    expect(duplicateReviewTasks(tasks).sort()).toEqual(['00T000000000001AAA', '00T000000000003AAA']);
    expect(duplicateReviewTasks([...tasks].reverse()).sort()).toEqual(['00T000000000001AAA', '00T000000000003AAA']);
    expect(duplicateReviewTasks(tasks.slice(3))).toEqual([]);
  });
});
