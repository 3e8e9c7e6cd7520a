/**
 * The other standard objects' documented fields (Object Reference: "User", "Organization", "Profile",
 * "Opportunity", "OpportunityLineItem", "Product2", "Pricebook2", "PricebookEntry", "Contract", "Task",
 * "AccountTeamMember", "Campaign"): described with Salesforce's types and rights, loaded from the columns an admin's
 * export carries through Bulk API 2.0 without INVALID_FIELD, and the fields the platform computes computed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { raw, startTestOrg, type TestOrg } from './helpers.js';

/** Documented fields per object that a data load or a report names (not every field Salesforce has). */
const DOCUMENTED: Record<string, string[]> = {
  User: ['Username', 'FirstName', 'MiddleName', 'Suffix', 'CommunityNickname', 'CompanyName', 'Division', 'EmployeeNumber', 'Street', 'City', 'State', 'PostalCode', 'Country', 'Address', 'Phone', 'MobilePhone', 'Extension', 'ProfileId', 'UserRoleId', 'ManagerId', 'FederationIdentifier', 'AboutMe', 'LastLoginDate'],
  Organization: ['Name', 'Division', 'Street', 'City', 'Country', 'Address', 'Phone', 'FiscalYearStartMonth', 'LanguageLocaleKey', 'OrganizationType', 'IsSandbox'],
  Profile: ['Name', 'Description', 'UserType'],
  UserRole: ['Name', 'DeveloperName', 'ParentRoleId', 'RollupDescription'],
  Campaign: ['Name', 'ParentId', 'Type', 'Status', 'StartDate', 'EndDate', 'IsActive', 'BudgetedCost', 'ActualCost', 'ExpectedRevenue', 'ExpectedResponse', 'NumberSent'],
  Contact: ['ReportsToId'],
  Opportunity: ['CampaignId', 'ContactId', 'ExpectedRevenue', 'TotalOpportunityQuantity', 'IsPrivate', 'ForecastCategory', 'Fiscal', 'FiscalQuarter', 'FiscalYear', 'HasOpenActivity', 'HasOverdueTask', 'LastActivityDate', 'LastStageChangeDate', 'PushCount'],
  OpportunityLineItem: ['Discount', 'Subtotal', 'SortOrder', 'HasSchedule', 'HasQuantitySchedule', 'HasRevenueSchedule'],
  Product2: ['ExternalId', 'StockKeepingUnit', 'QuantityUnitOfMeasure', 'DisplayUrl', 'IsArchived', 'CanUseQuantitySchedule'],
  Pricebook2: ['IsArchived', 'ValidFrom', 'ValidTo'],
  PricebookEntry: ['IsArchived', 'UseStandardPrice'],
  Contract: ['BillingAddress', 'BillingStreet', 'ShippingAddress', 'ShippingPostalCode', 'StatusCode', 'OwnerExpirationNotice', 'SpecialTerms', 'CustomerSignedId', 'CustomerSignedTitle', 'CustomerSignedDate', 'CompanySignedId', 'CompanySignedDate', 'ActivatedById', 'ActivatedDate', 'Pricebook2Id', 'LastApprovedDate'],
  Task: ['AccountId', 'IsHighPriority', 'CompletedDateTime', 'Type', 'TaskSubtype', 'IsReminderSet', 'ReminderDateTime', 'CallDurationInSeconds', 'CallType', 'CallDisposition', 'CallObject', 'WhoCount', 'WhatCount'],
  AccountTeamMember: ['TeamMemberRole', 'Title', 'AccountAccessLevel', 'OpportunityAccessLevel', 'ContactAccessLevel', 'CaseAccessLevel'],
};

/** Runs a Bulk API 2.0 ingest job of `csv` and returns its failed rows' errors. */
async function ingest(t: TestOrg, object: string, csv: string): Promise<{ processed: number; failed: string[] }> {
  const base = '/services/data/v64.0/jobs/ingest';
  const job = (await raw(t.org, base, { method: 'POST', body: { object, operation: 'insert', contentType: 'CSV', lineEnding: 'LF' } })).body as { id: string };
  await raw(t.org, `${base}/${job.id}/batches`, { method: 'PUT', text: csv, headers: { 'Content-Type': 'text/csv' } });
  await raw(t.org, `${base}/${job.id}`, { method: 'PATCH', body: { state: 'UploadComplete' } });
  for (let i = 0; i < 200; i++) {
    const info = (await raw(t.org, `${base}/${job.id}`)).body as { state: string; numberRecordsProcessed: number; errorMessage?: string };
    if (info.state === 'JobComplete' || info.state === 'Failed') {
      const failed = (await raw(t.org, `${base}/${job.id}/failedResults`)).text;
      return { processed: info.numberRecordsProcessed, failed: failed.split('\n').slice(1).filter(Boolean).concat(info.errorMessage ? [info.errorMessage] : []) };
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`job ${job.id} did not finish`);
}

describe('standard objects carry their documented standard fields', () => {
  let t: TestOrg;
  beforeAll(async () => {
    t = await startTestOrg();
  });
  afterAll(async () => {
    await t.org.stop();
  });

  it('describes each object with its documented fields, types and rights', async () => {
    for (const [object, names] of Object.entries(DOCUMENTED)) {
      const fields = new Map((await t.conn.sobject(object).describe()).fields.map((f) => [f.name, f]));
      expect({ object, missing: names.filter((n) => !fields.has(n)) }).toEqual({ object, missing: [] });
    }
    const contract = new Map((await t.conn.sobject('Contract').describe()).fields.map((f) => [f.name, f]));
    expect(contract.get('BillingAddress')).toMatchObject({ type: 'address', createable: false, filterable: false });
    expect(contract.get('BillingStreet')).toMatchObject({ type: 'textarea', length: 255, compoundFieldName: 'BillingAddress', createable: true });
    expect(contract.get('ActivatedDate')).toMatchObject({ createable: false, updateable: true });
    expect(contract.get('StatusCode')).toMatchObject({ type: 'picklist', createable: false, updateable: false });
    const user = new Map((await t.conn.sobject('User').describe()).fields.map((f) => [f.name, f]));
    expect(user.get('ProfileId')).toMatchObject({ type: 'reference', referenceTo: ['Profile'], nillable: false, createable: true });
    expect(user.get('Address')).toMatchObject({ type: 'address', label: 'Address' });
    expect(user.get('City')).toMatchObject({ compoundFieldName: 'Address', length: 40 });
    const line = new Map((await t.conn.sobject('OpportunityLineItem').describe()).fields.map((f) => [f.name, f]));
    expect(line.get('Discount')).toMatchObject({ type: 'percent', precision: 5, scale: 2, createable: true });
    expect(line.get('Subtotal')).toMatchObject({ type: 'currency', createable: false, updateable: false });
    // UI API's object-info reports the same compounds (what LDS and the base address components read).
    const info = (await raw(t.org, '/services/data/v64.0/ui-api/object-info/Contract')).body as { fields: Record<string, Record<string, unknown>> };
    expect(info.fields.BillingAddress).toMatchObject({ dataType: 'Address', compound: true, filterable: false });
    expect(info.fields.BillingCity).toMatchObject({ compound: false, compoundFieldName: 'BillingAddress', compoundComponentName: 'City' });
    const userInfo = (await raw(t.org, '/services/data/v64.0/ui-api/object-info/User')).body as { fields: Record<string, Record<string, unknown>> };
    expect(userInfo.fields.PostalCode).toMatchObject({ compoundFieldName: 'Address', compoundComponentName: 'PostalCode' });
    const profile = await t.conn.sobject('Profile').describe();
    expect(profile).toMatchObject({ createable: false, updateable: false, deletable: false });
  });

  it("loads an admin's export columns through Bulk API 2.0 without INVALID_FIELD", async () => {
    const products = await ingest(
      t,
      'Product2',
      'Name,ProductCode,Description,Family,IsActive,ExternalId,StockKeepingUnit,QuantityUnitOfMeasure,DisplayUrl\nWidget,W-1,A widget,Hardware,true,ext-1,SKU-1,Each,https://example.com/w\n',
    );
    expect(products).toEqual({ processed: 1, failed: [] });
    const [account] = t.org.engine.create('Account', [{ Name: 'Contracted' }], { allOrNone: true });
    const contracts = await ingest(
      t,
      'Contract',
      `AccountId,Status,StartDate,ContractTerm,OwnerExpirationNotice,BillingStreet,BillingCity,BillingState,BillingPostalCode,BillingCountry,ShippingCity,SpecialTerms,CustomerSignedTitle,CustomerSignedDate,CompanySignedDate,Description\n${account.id},Draft,2026-01-01,12,30,1 Main St,Springfield,IL,62701,USA,Chicago,Net 30,CFO,2025-12-20,2025-12-21,Renewal\n`,
    );
    expect(contracts).toEqual({ processed: 1, failed: [] });
    const [stored] = (await t.conn.query<Record<string, unknown>>(`SELECT BillingAddress, StatusCode, EndDate, ShippingAddress FROM Contract WHERE AccountId = '${account.id}'`)).records;
    expect(stored).toMatchObject({ StatusCode: 'Draft', EndDate: '2026-12-31', BillingAddress: { street: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'USA' } });
    expect((stored.ShippingAddress as { city: string }).city).toBe('Chicago');

    // A field Salesforce does not have is still refused as it would be.
    const unknown = await ingest(t, 'Product2', 'Name,Colour\nGadget,Red\n');
    expect(unknown.failed.join(' ')).toMatch(/INVALID_FIELD|Colour/);
  });

  it('refuses a user without ProfileId, Alias or locale keys, as Salesforce does, and takes one with a standard profile', async () => {
    const base = { Username: 'new.user@outcomes.example', LastName: 'User', Email: 'new.user@outcomes.example' };
    // Salesforce's required user fields (@salesforce/core lists the same in org/user REQUIRED_FIELDS): no defaults.
    const [missing] = t.org.engine.create('User', [base], { allOrNone: false });
    expect(missing.errors[0]).toMatchObject({ statusCode: 'REQUIRED_FIELD_MISSING' });
    expect([...missing.errors[0].fields].sort()).toEqual(['Alias', 'EmailEncodingKey', 'LanguageLocaleKey', 'LocaleSidKey', 'ProfileId', 'TimeZoneSidKey']);
    const locale = { Alias: 'nuser', TimeZoneSidKey: 'Europe/London', LocaleSidKey: 'en_GB', EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US' };
    const profileId = String(t.org.engine.query("SELECT Id FROM Profile WHERE Name = 'Standard User'").records[0].Id);
    const { id } = (await t.conn.sobject('User').create({ ...base, ...locale, ProfileId: profileId, City: 'Leeds', Country: 'UK', CompanyName: 'Outcomes' })) as { id: string };
    const user = (await t.conn.sobject('User').retrieve(id)) as Record<string, unknown>;
    expect(user).toMatchObject({ Address: { city: 'Leeds', country: 'UK' }, CompanyName: 'Outcomes', ProfileId: profileId, CommunityNickname: 'new.user' });
    const admin = t.org.engine.query(`SELECT Profile.Name FROM User WHERE Id = '${t.org.userId}'`).records[0] as { Profile: { Name: string } };
    expect(admin.Profile.Name).toBe('System Administrator');
  });

  it('computes the fields the platform keeps: expected revenue, forecast category, fiscal period, discounts, task account', async () => {
    const [account] = t.org.engine.create('Account', [{ Name: 'Computed' }], { allOrNone: true });
    const { id: oppId } = (await t.conn.sobject('Opportunity').create({ Name: 'Deal', AccountId: account.id, StageName: 'Negotiation/Review', CloseDate: '2026-08-14', Amount: 1000 })) as { id: string };
    const opp = (await t.conn.sobject('Opportunity').retrieve(oppId)) as Record<string, unknown>;
    expect(opp).toMatchObject({ Probability: 90, ExpectedRevenue: 900, ForecastCategoryName: 'Commit', ForecastCategory: 'Forecast', FiscalYear: 2026, FiscalQuarter: 3, Fiscal: '2026 3' });

    const [product] = t.org.engine.create('Product2', [{ Name: 'Seat', IsActive: true }], { allOrNone: true });
    t.org.engine.create('PricebookEntry', [{ Pricebook2Id: t.org.engine.query('SELECT Id FROM Pricebook2 WHERE IsStandard = true').records[0].Id, Product2Id: product.id, UnitPrice: 100, IsActive: true }], { allOrNone: true });
    const { id: lineId } = (await t.conn.sobject('OpportunityLineItem').create({ OpportunityId: oppId, Product2Id: product.id, Quantity: 4, UnitPrice: 100, Discount: 25 })) as { id: string };
    const line = (await t.conn.sobject('OpportunityLineItem').retrieve(lineId)) as Record<string, unknown>;
    expect(line).toMatchObject({ Subtotal: 400, TotalPrice: 300, Discount: 25 });
    const withLine = (await t.conn.sobject('Opportunity').retrieve(oppId)) as Record<string, unknown>;
    expect(withLine).toMatchObject({ Amount: 300, ExpectedRevenue: 270, HasOpportunityLineItem: true });

    const { id: taskId } = (await t.conn.sobject('Task').create({ Subject: 'Call', WhatId: oppId, Priority: 'High', TaskSubtype: 'Call' })) as { id: string };
    const task = (await t.conn.sobject('Task').retrieve(taskId)) as Record<string, unknown>;
    expect(task).toMatchObject({ AccountId: account.id, IsHighPriority: true, WhatCount: 1, WhoCount: 0, IsClosed: false });
    const update = await raw(t.org, `/services/data/v64.0/sobjects/Task/${taskId}`, { method: 'PATCH', body: { TaskSubtype: 'Email' } });
    expect((update.body as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
  });
});
