/**
 * Standard fields of Account and Contact as Salesforce's Object Reference documents them ("Account",
 * "Contact", "Address Compound Fields"): the address components are written one by one and read back both
 * singly and as the compound `BillingAddress` object (null when every component is blank); the compound
 * cannot be written, filtered, sorted or grouped, nor selected in a Bulk API 2.0 query.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { raw, rejection, startTestOrg, type TestOrg } from './helpers.js';

describe('standard fields and address compounds', () => {
  let t: TestOrg;
  beforeAll(async () => {
    t = await startTestOrg();
  });
  afterAll(async () => {
    await t.org.stop();
  });

  it('describes the address compound and its components', async () => {
    const account = await t.conn.sobject('Account').describe();
    const field = (name: string) => account.fields.find((f) => f.name === name);
    expect(field('BillingAddress')).toMatchObject({ type: 'address', soapType: 'urn:address', createable: false, updateable: false, filterable: false, sortable: false });
    expect(field('BillingStreet')).toMatchObject({ type: 'textarea', compoundFieldName: 'BillingAddress', createable: true });
    expect(field('ShippingPostalCode')).toMatchObject({ type: 'string', length: 20, compoundFieldName: 'ShippingAddress' });
    for (const name of ['AccountNumber', 'Site', 'AccountSource', 'Rating', 'Ownership', 'Sic', 'TickerSymbol', 'Fax', 'YearStarted']) expect(field(name)).toBeDefined();
    const contact = await t.conn.sobject('Contact').describe();
    for (const name of ['Salutation', 'MailingAddress', 'OtherAddress', 'MobilePhone', 'Department', 'Birthdate', 'LeadSource']) {
      expect(contact.fields.find((f) => f.name === name)).toBeDefined();
    }
  });

  it('writes components and reads the compound back as one object, or null when blank', async () => {
    const { id } = (await t.conn.sobject('Account').create({
      Name: 'Addressed',
      BillingStreet: '1 Market St',
      BillingCity: 'San Francisco',
      BillingState: 'CA',
      BillingPostalCode: '94105',
      BillingCountry: 'USA',
      Rating: 'Hot',
    })) as { id: string };
    const record = (await t.conn.sobject('Account').retrieve(id)) as Record<string, unknown>;
    expect(record.BillingAddress).toEqual({
      city: 'San Francisco',
      country: 'USA',
      geocodeAccuracy: null,
      latitude: null,
      longitude: null,
      postalCode: '94105',
      state: 'CA',
      street: '1 Market St',
    });
    expect(record.ShippingAddress).toBeNull();
    const queried = await t.conn.query<{ BillingAddress: { city: string } | null; BillingCity: string }>(`SELECT BillingAddress, BillingCity FROM Account WHERE Id = '${id}'`);
    expect(queried.records[0].BillingAddress?.city).toBe('San Francisco');

    const write = await raw(t.org, `/services/data/v64.0/sobjects/Account/${id}`, { method: 'PATCH', body: { BillingAddress: { city: 'Paris' } } });
    expect(write.status).toBe(400);
    expect((write.body as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
  });

  it('refuses the compound in WHERE, ORDER BY and GROUP BY, and in a Bulk API 2.0 query', async () => {
    for (const soql of [
      "SELECT Id FROM Account WHERE BillingAddress = 'x'",
      'SELECT Id FROM Account ORDER BY BillingAddress',
      'SELECT BillingAddress, COUNT(Id) FROM Account GROUP BY BillingAddress',
    ]) {
      const error = await rejection(t.conn.query(soql));
      expect({ soql, errorCode: error.errorCode }).toEqual({ soql, errorCode: 'INVALID_FIELD' });
    }
    const job = await raw(t.org, '/services/data/v64.0/jobs/query', { method: 'POST', body: { operation: 'query', query: 'SELECT Id, BillingAddress FROM Account' } });
    expect(job.status).toBe(400);
    expect(JSON.stringify(job.body)).toContain('compound');
  });
});
