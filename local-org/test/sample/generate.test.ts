import { describe, expect, it } from '@jest/globals';
import { generateSampleData, TREE_ORDER, USER_DOMAIN } from '../../src/sample/generate.js';
import { CATALOGUE, UNDATABLE_PRODUCT_CODE } from '../../src/sample/catalogue.js';
import { addMonths } from '../../src/sample/dates.js';
import { byRef, refOf, sample, TODAY } from './helpers.js';

describe('generateSampleData', () => {
  describe('determinism', () => {
    it('gives identical records and measurements for the same seed, size and today', () => {
      const first = generateSampleData({ seed: 7, opportunities: 40, today: TODAY });
      const second = generateSampleData({ seed: 7, opportunities: 40, today: TODAY });
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    });

    it('gives different data for another seed', () => {
      const first = sample(42);
      const other = sample(43);
      expect(other.records.Account.map((account) => account.Name)).not.toEqual(first.records.Account.map((account) => account.Name));
      expect(JSON.stringify(other.records.Opportunity)).not.toBe(JSON.stringify(first.records.Opportunity));
    });

    it('dates everything from the given today, never from the clock', () => {
      const later = generateSampleData({ seed: 42, opportunities: 60, today: '2028-05-23' });
      const closed = later.records.Opportunity.filter((opportunity) => (opportunity.StageName as string).startsWith('Closed'));
      const open = later.records.Opportunity.filter((opportunity) => !(opportunity.StageName as string).startsWith('Closed'));
      expect(closed.every((opportunity) => (opportunity.CloseDate as string) < '2028-05-23')).toBe(true);
      expect(closed.some((opportunity) => (opportunity.CloseDate as string) > '2027-01-01')).toBe(true);
      expect(open.every((opportunity) => (opportunity.CloseDate as string) > '2028-05-23')).toBe(true);
    });

    it('rejects options it cannot honour, naming the option', () => {
      expect(() => generateSampleData({ seed: 1, opportunities: 0, today: TODAY })).toThrow(/opportunities/);
      expect(() => generateSampleData({ seed: 1, opportunities: 5, today: '23/11/2026' })).toThrow(/today/);
      expect(() => generateSampleData({ seed: 1.5, opportunities: 5, today: TODAY })).toThrow(/seed/);
    });
  });

  describe('sizes', () => {
    it('scales with the number of opportunities, about five line items each', () => {
      const small = sample(42, 60);
      const large = sample(42, 1_200);
      expect(small.records.Opportunity).toHaveLength(60);
      expect(large.records.Opportunity).toHaveLength(1_200);
      for (const data of [small, large]) {
        const perDeal = data.records.OpportunityLineItem.length / data.records.Opportunity.length;
        expect(perDeal).toBeGreaterThan(4.3);
        expect(perDeal).toBeLessThan(5.7);
      }
      for (const sobject of ['User', 'Account', 'Contract', 'Initiative__c', 'Outcome_Requirement__c'] as const) {
        expect(large.records[sobject].length).toBeGreaterThan(small.records[sobject].length * 3);
      }
      expect(large.measurements.length).toBeGreaterThan(small.measurements.length * 10);
      // The catalogue is a catalogue: it does not grow with the pipeline.
      expect(large.records.Product2).toHaveLength(small.records.Product2.length);
    });

    it('makes a tiny data set that still has a won deal with an initiative and outcomes', () => {
      const tiny = generateSampleData({ seed: 3, opportunities: 1, today: TODAY });
      expect(tiny.records.Opportunity[0].StageName).toBe('Closed Won');
      expect(tiny.records.Initiative__c).toHaveLength(1);
      expect(tiny.records.Outcome_Requirement__c.length).toBeGreaterThan(0);
      for (const sobject of TREE_ORDER.filter((name) => name !== 'AccountTeamMember' && name !== 'Contract')) {
        expect(tiny.records[sobject].length).toBeGreaterThan(0);
      }
    });
  });

  describe('users', () => {
    const users = sample(42, 1_200).records.User;

    it('has unique usernames in the demo domain and aliases of at most 8 characters', () => {
      expect(new Set(users.map((user) => user.Username)).size).toBe(users.length);
      expect(new Set(users.map((user) => user.Alias)).size).toBe(users.length);
      for (const user of users) {
        expect(user.Username).toMatch(new RegExp(`^[a-z]+\\.[a-z]+\\d*@${USER_DOMAIN.replace('.', '\\.')}$`));
        expect((user.Alias as string).length).toBeLessThanOrEqual(8);
        expect(user).toMatchObject({ TimeZoneSidKey: 'America/Los_Angeles', LocaleSidKey: 'en_US', EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US' });
      }
    });

    it('has a few sales reps and more CSMs', () => {
      const csms = sample().records.User.filter((user) => user.Title === 'Customer Success Manager');
      const reps = sample().records.User.filter((user) => user.Department === 'Sales');
      expect(csms.length).toBeGreaterThanOrEqual(3);
      expect(reps.length).toBeGreaterThanOrEqual(2);
      expect(csms.every((user) => user.Department === 'Customer Success')).toBe(true);
    });
  });

  describe('accounts and teams', () => {
    const data = sample();

    it('names accounts uniquely, at scale too', () => {
      for (const accounts of [data.records.Account, sample(42, 1_200).records.Account]) {
        expect(new Set(accounts.map((account) => account.Name)).size).toBe(accounts.length);
      }
    });

    it('marks as Customer exactly the accounts with a won deal', () => {
      const withWin = new Set(data.records.Opportunity.filter((o) => o.StageName === 'Closed Won').map((o) => o.AccountId));
      for (const account of data.records.Account) expect(account.Type).toBe(withWin.has(refOf(account)) ? 'Customer' : 'Prospect');
    });

    it('gives most, not all, customers a CSM on the account team, and only CSMs', () => {
      const customers = data.records.Account.filter((account) => account.Type === 'Customer').map(refOf);
      const users = byRef(data.records.User);
      const withCsm = new Set(data.records.AccountTeamMember.map((member) => member.AccountId));
      for (const member of data.records.AccountTeamMember) {
        expect(member.TeamMemberRole).toBe('Customer Success Manager');
        expect(users.get(member.UserId as string)?.Title).toBe('Customer Success Manager');
        expect(customers).toContain(member.AccountId);
      }
      expect(withCsm.size).toBeLessThan(customers.length);
      expect(withCsm.size).toBeGreaterThan(customers.length / 2);
    });
  });

  describe('opportunities and line items', () => {
    const data = sample();
    const linesByDeal = new Map<string, typeof data.records.OpportunityLineItem>();
    for (const line of data.records.OpportunityLineItem) {
      linesByDeal.set(line.OpportunityId as string, [...(linesByDeal.get(line.OpportunityId as string) ?? []), line]);
    }

    it('makes every Amount the sum of its lines (Quantity × UnitPrice), never setting TotalPrice', () => {
      for (const opportunity of data.records.Opportunity) {
        const lines = linesByDeal.get(refOf(opportunity)) ?? [];
        expect(lines.length).toBeGreaterThanOrEqual(3);
        const cents = lines.reduce((sum, line) => sum + Math.round((line.Quantity as number) * (line.UnitPrice as number) * 100), 0);
        expect(opportunity.Amount).toBe(cents / 100);
      }
      expect(data.records.OpportunityLineItem.some((line) => 'TotalPrice' in line)).toBe(false);
    });

    it('spreads stages: about half won, closed deals in the last 30 months, open ones ahead', () => {
      const large = sample(42, 1_200).records.Opportunity;
      const won = large.filter((opportunity) => opportunity.StageName === 'Closed Won').length;
      expect(won / large.length).toBeGreaterThan(0.42);
      expect(won / large.length).toBeLessThan(0.58);
      const earliest = addMonths(TODAY, -30);
      for (const opportunity of large) {
        const closed = (opportunity.StageName as string).startsWith('Closed');
        if (closed) {
          expect(opportunity.CloseDate >= earliest && opportunity.CloseDate < TODAY).toBe(true);
        } else expect(opportunity.CloseDate > TODAY).toBe(true);
      }
      expect(new Set(large.map((opportunity) => opportunity.StageName)).size).toBe(6);
    });

    it('links only won deals to a contract of their own account', () => {
      const contracts = byRef(data.records.Contract);
      const linked = data.records.Opportunity.filter((opportunity) => opportunity.ContractId);
      expect(linked.length).toBeGreaterThan(0);
      for (const opportunity of linked) {
        expect(opportunity.StageName).toBe('Closed Won');
        expect(contracts.get(opportunity.ContractId as string)?.AccountId).toBe(opportunity.AccountId);
      }
    });

    it('has exactly two renewable lines nobody can date: no term, no end date, no contract, no product default', () => {
      const products = byRef(data.records.Product2);
      const entries = byRef(data.records.PricebookEntry);
      const deals = byRef(data.records.Opportunity);
      const undatable = data.records.OpportunityLineItem.filter((line) => {
        const product = products.get(entries.get(line.PricebookEntryId as string)?.Product2Id as string);
        const deal = deals.get(line.OpportunityId as string);
        return (
          product?.Lifecycle__c === 'Renewable' &&
          product.Default_Term_Months__c === undefined &&
          line.Term_Months__c === undefined &&
          line.End_Date__c === undefined &&
          deal?.ContractId === undefined
        );
      });
      expect(undatable).toHaveLength(2);
      for (const line of undatable) expect(deals.get(line.OpportunityId as string)?.StageName).toBe('Closed Won');
    });

    it('fills the optional line fields on some lines only', () => {
      const lines = data.records.OpportunityLineItem;
      for (const field of ['ServiceDate', 'Term_Months__c', 'End_Date__c', 'Role_In_Solution__c']) {
        const filled = lines.filter((line) => line[field] !== undefined).length;
        expect(filled).toBeGreaterThan(0);
        expect(filled).toBeLessThan(lines.length);
      }
    });

    it('sells only active products, at the price book entry of the custom book', () => {
      const entries = byRef(data.records.PricebookEntry);
      for (const line of data.records.OpportunityLineItem) expect(entries.get(line.PricebookEntryId as string)?.IsActive).toBe(true);
      const custom = data.records.PricebookEntry.filter((entry) => entry.Pricebook2Id === '@Pricebook2Ref1');
      const standard = data.records.PricebookEntry.filter((entry) => entry.Pricebook2Id === '@StandardPriceBook');
      // Salesforce lists a product in a custom price book only once it has a standard price.
      expect(custom).toHaveLength(data.records.Product2.length);
      expect(standard).toHaveLength(data.records.Product2.length);
      for (const line of data.records.OpportunityLineItem) expect(custom.map((e) => e.attributes.referenceId)).toContain(String(line.PricebookEntryId).slice(1));
    });
  });

  describe('catalogue', () => {
    it('has 15–25 products, a couple with a missing lifecycle or type, and the term-less renewable add-on', () => {
      const products = sample().records.Product2;
      expect(products.length).toBeGreaterThanOrEqual(15);
      expect(products.length).toBeLessThanOrEqual(25);
      expect(products.filter((product) => !product.Lifecycle__c || !product.Component_Type__c).length).toBeGreaterThanOrEqual(2);
      expect(CATALOGUE.find((product) => product.code === UNDATABLE_PRODUCT_CODE)).toMatchObject({ lifecycle: 'Renewable' });
      for (const product of products) {
        if (product.Lifecycle__c === 'One_Time') expect(product.Default_Term_Months__c).toBeUndefined();
        if (product.Default_Term_Months__c !== undefined) expect([12, 24, 36]).toContain(product.Default_Term_Months__c);
      }
      expect(new Set(products.map((product) => product.ProductCode)).size).toBe(products.length);
    });
  });

  describe('initiatives', () => {
    const data = sample();

    it('sits only on won deals of the same account, on part of them, with Source_Opportunity_Id__c left to the sync', () => {
      const deals = byRef(data.records.Opportunity);
      const won = data.records.Opportunity.filter((opportunity) => opportunity.StageName === 'Closed Won');
      expect(data.records.Initiative__c.length).toBeLessThan(won.length);
      for (const initiative of data.records.Initiative__c) {
        const deal = deals.get(initiative.Opportunity__c as string);
        expect(deal?.StageName).toBe('Closed Won');
        expect(deal?.AccountId).toBe(initiative.Account__c);
        expect(initiative.Status__c).toBe('Handover');
        expect(initiative.Source_Opportunity_Id__c).toBeUndefined();
      }
    });

    it('leaves handover gaps: an initiative without purpose, one without a primary outcome', () => {
      const primaryHolders = new Set(
        data.records.Outcome_Requirement__c.filter((outcome) => outcome.Priority__c === 'Primary').map((outcome) => outcome.Initiative__c),
      );
      expect(data.records.Initiative__c.some((initiative) => !initiative.Purpose__c)).toBe(true);
      expect(data.records.Initiative__c.some((initiative) => !primaryHolders.has(refOf(initiative)))).toBe(true);
      expect(data.records.Initiative__c.filter((initiative) => initiative.Purpose__c).length).toBeGreaterThan(data.records.Initiative__c.length / 2);
    });

    it.each([1, 2, 99, 12345])('carries docs/design.md’s three example outcomes whatever the seed (seed %i)', (seed) => {
      const outcomes = generateSampleData({ seed, opportunities: 30, today: TODAY }).records.Outcome_Requirement__c;
      const find = (text: string) => outcomes.find((outcome) => (outcome.Description__c as string).startsWith(text));
      expect(find('Quality of service experienced by customers')).toMatchObject({
        Quantity_Type__c: 'Relative_Percent',
        Direction__c: 'Increase',
        Target_Value__c: 15,
        Deadline_Type__c: 'Months_After_Go_Live',
        Deadline_Offset_Months__c: 24,
      });
      expect(find('Raw-material wastage')).toMatchObject({ Quantity_Type__c: 'Relative_Percent', Direction__c: 'Decrease', Target_Value__c: 20, Deadline_Type__c: 'Date' });
      expect(find('Speed to market')).toMatchObject({ Direction__c: 'At Most', Target_Value__c: 6, Deadline_Type__c: 'Immediate' });
    });

    it('numbers outcomes with stable, unique external ids', () => {
      const ids = data.records.Outcome_Requirement__c.map((outcome) => outcome.External_Id__c);
      expect(ids[0]).toBe('OUT-000001');
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^OUT-\d{6}$/);
    });
  });
});
