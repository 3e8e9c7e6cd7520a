/**
 * The local org's User Interface API, through HTTP, in the shapes Lightning Data Service consumes.
 *
 * Follows the User Interface API Developer Guide (developer.salesforce.com/docs/atlas.en-us.uiapi.meta/uiapi):
 * "Get a Record" / "Record" and "Record Field" response bodies (fields, optionalFields, nested parent records),
 * "Get a Batch of Records" ("Batch Result"), "Create a Record", "Update a Record", "Delete a Record",
 * "Error with Output" and "Record Exceptions" (output.errors, output.fieldErrors), "Get Object Metadata"
 * ("Object Info", "Field", "Child Relationship"), "Get Values for a Picklist Field" and "Get Values for All
 * Picklist Fields of a Record Type" ("Picklist Values"), "Get Related List Records" ("Related List Record
 * Collection").
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { raw, startTestOrg, type TestOrg } from '../http/helpers.js';
import { writeBook, type Book } from '../graphql/book.js';

const V = '/services/data/v64.0/ui-api';

type RecordRep = {
  apiName: string;
  id: string;
  fields: Record<string, { value: any; displayValue: string | null }>;
  eTag: string;
  weakEtag: number;
  recordTypeId: string;
  recordTypeInfo: null;
  childRelationships: Record<string, unknown>;
  lastModifiedById: string;
  lastModifiedDate: string;
  systemModstamp: string;
};

describe('UI API', () => {
  let t: TestOrg;
  let book: Book;
  beforeAll(async () => {
    t = await startTestOrg();
    book = writeBook(t.org);
  });
  afterAll(async () => {
    await t.org.stop();
  });

  describe('records', () => {
    it('answers getRecord with the fields asked for, parents as nested records, unknown optional fields ignored', async () => {
      const fields = ['Outcome_Requirement__c.Description__c', 'Outcome_Requirement__c.Priority__c', 'Outcome_Requirement__c.Measurement_Count__c', 'Outcome_Requirement__c.Initiative__r.Name', 'Outcome_Requirement__c.Initiative__r.Account__r.Name'];
      const response = await raw(t.org, `${V}/records/${book.outcomeIds[0]}?fields=${fields.join(',')}&optionalFields=Outcome_Requirement__c.Nope__c,Outcome_Requirement__c.Unit__c`);
      expect(response.status).toBe(200);
      const record = response.body as RecordRep;
      expect(record).toMatchObject({
        apiName: 'Outcome_Requirement__c',
        id: book.outcomeIds[0],
        recordTypeId: '012000000000000AAA',
        recordTypeInfo: null,
        childRelationships: {},
        lastModifiedById: t.org.userId,
      });
      expect(record.systemModstamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(record.weakEtag).toBe(Date.parse(record.systemModstamp));
      expect(typeof record.eTag).toBe('string');
      expect(Object.keys(record.fields).sort()).toEqual(['Description__c', 'Initiative__r', 'Measurement_Count__c', 'Priority__c', 'Unit__c']);
      expect(record.fields.Priority__c).toEqual({ displayValue: 'Primary', value: 'Primary' });
      expect(record.fields.Measurement_Count__c).toEqual({ displayValue: null, value: 3 });
      expect(record.fields.Unit__c).toEqual({ displayValue: null, value: 'days' });
      const initiative = record.fields.Initiative__r;
      expect(initiative.displayValue).toBe('Patient Access');
      expect(initiative.value).toMatchObject({ apiName: 'Initiative__c', id: book.initiativeId, fields: { Name: { value: 'Patient Access', displayValue: null } } });
      expect(initiative.value.fields.Account__r).toMatchObject({ displayValue: 'Acme Health', value: { apiName: 'Account', id: book.accountId } });
    });

    it('answers 400 INVALID_FIELD for an unknown field in fields, 404 for an unknown record', async () => {
      const unknown = await raw(t.org, `${V}/records/${book.outcomeIds[0]}?fields=Outcome_Requirement__c.Nope__c`);
      expect(unknown.status).toBe(400);
      expect(unknown.body).toEqual([expect.objectContaining({ errorCode: 'INVALID_FIELD', message: expect.stringContaining("No such column 'Nope__c' on entity 'Outcome_Requirement__c'") })]);
      // An Id of the outcome's object (its key prefix, whatever objects sort before it) that names no record.
      const missing = await raw(t.org, `${V}/records/${book.outcomeIds[0].slice(0, 3)}000000000999AAA?fields=Outcome_Requirement__c.Description__c`);
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    });

    it('answers a batch with one result per id, errors in place', async () => {
      const ids = [book.initiativeId, book.outcomeIds[1], `${book.initiativeId.slice(0, 3)}000000000999AAA`].join(',');
      const response = await raw(t.org, `${V}/records/batch/${ids}?fields=Initiative__c.Name,Outcome_Requirement__c.Description__c`);
      expect(response.status).toBe(200);
      const body = response.body as { hasErrors: boolean; results: Array<{ statusCode: number; result: any }> };
      expect(body.hasErrors).toBe(true);
      expect(body.results.map((r) => r.statusCode)).toEqual([200, 200, 404]);
      expect(body.results[0].result.fields).toEqual({ Name: { displayValue: null, value: 'Patient Access' } });
      expect(body.results[1].result.fields).toEqual({ Description__c: { displayValue: null, value: 'Missed appointments' } });
    });

    it('creates, updates and deletes a record through the engine: roll-ups follow', async () => {
      const created = await raw(t.org, `${V}/records`, {
        method: 'POST',
        body: { apiName: 'Measurement__c', fields: { Outcome_Requirement__c: book.outcomeIds[2], Measured_On__c: '2026-01-12', Value__c: 4.2, Source__c: 'Survey' } },
      });
      expect(created.status).toBe(201);
      const record = created.body as RecordRep;
      expect(record).toMatchObject({ apiName: 'Measurement__c', fields: { Value__c: { value: 4.2 }, Measured_On__c: { value: '2026-01-12', displayValue: '1/12/2026' }, Source__c: { value: 'Survey', displayValue: 'Survey' } } });
      const count = async (): Promise<number> =>
        ((await raw(t.org, `${V}/records/${book.outcomeIds[2]}?fields=Outcome_Requirement__c.Measurement_Count__c`)).body as RecordRep).fields.Measurement_Count__c.value;
      expect(await count()).toBe(1);

      const updated = await raw(t.org, `${V}/records/${record.id}`, { method: 'PATCH', body: { fields: { Value__c: 5, Notes__c: 'Re-surveyed' } } });
      expect(updated.status).toBe(200);
      expect((updated.body as RecordRep).fields).toMatchObject({ Value__c: { value: 5 }, Notes__c: { value: 'Re-surveyed' } });
      expect((updated.body as RecordRep).weakEtag).toBeGreaterThanOrEqual(record.weakEtag);

      const deleted = await raw(t.org, `${V}/records/${record.id}`, { method: 'DELETE' });
      expect(deleted.status).toBe(204);
      expect(await count()).toBe(0);
      expect((await raw(t.org, `${V}/records/${record.id}?fields=Measurement__c.Value__c`)).status).toBe(404);
      expect((await raw(t.org, `${V}/records/${record.id}`, { method: 'DELETE' })).status).toBe(404);
    });

    it('answers a validation rule failure as a RecordError with the field’s error', async () => {
      const response = await raw(t.org, `${V}/records`, {
        method: 'POST',
        body: { apiName: 'Measurement__c', fields: { Outcome_Requirement__c: book.outcomeIds[2], Measured_On__c: '2026-02-01', Value__c: 1 } },
      });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        enhancedErrorType: 'RecordError',
        message: 'An error occurred while trying to create the record. Please try again.',
        output: {
          errors: [],
          fieldErrors: {
            Measured_On__c: [
              {
                constituentField: null,
                duplicateRecordError: null,
                errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                field: 'Measured_On__c',
                fieldLabel: 'Measured On',
                message: expect.stringContaining('cannot be in the future'),
              },
            ],
          },
        },
      });
    });

    it('answers a restricted picklist failure on update as a RecordError, and leaves the record as it was', async () => {
      const response = await raw(t.org, `${V}/records/${book.measurementIds[0]}`, { method: 'PATCH', body: { fields: { Source__c: 'Carrier Pigeon', Value__c: 99 } } });
      expect(response.status).toBe(400);
      const body = response.body as { enhancedErrorType: string; message: string; output: { fieldErrors: Record<string, Array<{ errorCode: string; fieldLabel: string }>> } };
      expect(body.enhancedErrorType).toBe('RecordError');
      expect(body.message).toBe('An error occurred while trying to update the record. Please try again.');
      expect(body.output.fieldErrors.Source__c[0]).toMatchObject({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fieldLabel: 'Source' });
      const after = (await raw(t.org, `${V}/records/${book.measurementIds[0]}?fields=Measurement__c.Value__c`)).body as RecordRep;
      expect(after.fields.Value__c.value).toBe(21);
    });

    it('answers a required field missing, an unknown object and a body without fields', async () => {
      const missing = await raw(t.org, `${V}/records`, { method: 'POST', body: { apiName: 'Measurement__c', fields: { Outcome_Requirement__c: book.outcomeIds[2], Value__c: 1 } } });
      expect(missing.status).toBe(400);
      expect((missing.body as any).output.fieldErrors.Measured_On__c[0].errorCode).toBe('REQUIRED_FIELD_MISSING');
      expect((await raw(t.org, `${V}/records`, { method: 'POST', body: { apiName: 'Nope__c', fields: {} } })).status).toBe(404);
      const noFields = await raw(t.org, `${V}/records/${book.measurementIds[0]}`, { method: 'PATCH', body: { Value__c: 1 } });
      expect(noFields.status).toBe(400);
    });
  });

  describe('object info and picklist values', () => {
    it('describes a custom object as getObjectInfo reads it', async () => {
      const response = await raw(t.org, `${V}/object-info/Outcome_Requirement__c`);
      expect(response.status).toBe(200);
      const info = response.body as any;
      expect(info).toMatchObject({
        apiName: 'Outcome_Requirement__c',
        label: expect.any(String),
        labelPlural: expect.any(String),
        keyPrefix: book.outcomeIds[0].slice(0, 3),
        custom: true,
        createable: true,
        updateable: true,
        deletable: true,
        defaultRecordTypeId: '012000000000000AAA',
        nameFields: ['Name'],
        recordTypeInfos: { '012000000000000AAA': { master: true, available: true, defaultRecordTypeMapping: true, name: 'Master', recordTypeId: '012000000000000AAA' } },
      });
      expect(info.fields.Description__c).toMatchObject({ apiName: 'Description__c', dataType: 'TextArea', required: true, createable: true, updateable: true, custom: true });
      expect(info.fields.Initiative__c).toMatchObject({ dataType: 'Reference', reference: true, relationshipName: 'Initiative__r', referenceToInfos: [{ apiName: 'Initiative__c', nameFields: ['Name'] }] });
      expect(info.fields.Priority__c).toMatchObject({ dataType: 'Picklist', label: 'Priority' });
      expect(info.fields.Attainment_Percent__c.dataType).toBe('Percent');
      expect(info.fields.Measurement_Count__c).toMatchObject({ calculated: true, createable: false, updateable: false });
      expect(info.childRelationships).toEqual(
        expect.arrayContaining([
          { childObjectApiName: 'Measurement__c', fieldName: 'Outcome_Requirement__c', junctionIdListNames: [], junctionReferenceTo: [], relationshipName: 'Measurements__r' },
        ]),
      );
      expect((await raw(t.org, `${V}/object-info/Nope__c`)).status).toBe(404);
    });

    it('answers the values of one picklist field and of all picklist fields of the record type', async () => {
      const one = await raw(t.org, `${V}/object-info/Measurement__c/picklist-values/012000000000000AAA/Source__c`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({
        controllerValues: {},
        defaultValue: null,
        values: ['Survey', 'System', 'Manual', 'Import'].map((v) => ({ attributes: null, label: v, validFor: [], value: v })),
      });
      const all = (await raw(t.org, `${V}/object-info/Outcome_Requirement__c/picklist-values/012000000000000AAA`)).body as { picklistFieldValues: Record<string, { values: Array<{ value: string }> }> };
      expect(Object.keys(all.picklistFieldValues).sort()).toEqual(['Deadline_Type__c', 'Direction__c', 'Priority__c', 'Quantity_Type__c', 'Responsible_Party__c', 'Status__c', 'Validation_Status__c']);
      expect(all.picklistFieldValues.Priority__c.values.map((v) => v.value)).toEqual(['Primary', 'Secondary']);
      expect((await raw(t.org, `${V}/object-info/Measurement__c/picklist-values/012000000000000AAA/Value__c`)).status).toBe(404);
    });
  });

  describe('related list records', () => {
    it('pages an initiative’s outcomes with sortBy', async () => {
      const url = `${V}/related-list-records/${book.initiativeId}/Outcome_Requirements__r?fields=Outcome_Requirement__c.Description__c&optionalFields=Outcome_Requirement__c.Priority__c&sortBy=-Outcome_Requirement__c.Description__c&pageSize=2`;
      const first = (await raw(t.org, url)).body as any;
      expect(first).toMatchObject({
        count: 3,
        pageSize: 2,
        currentPageToken: '0',
        nextPageToken: '2',
        previousPageToken: null,
        listReference: { inContextOfRecordId: book.initiativeId, objectApiName: 'Outcome_Requirement__c', parentObjectApiName: 'Initiative__c', relatedListId: 'Outcome_Requirements__r' },
      });
      expect(first.records.map((r: RecordRep) => r.fields.Description__c.value)).toEqual(['Wait time for a first appointment', 'Patient satisfaction']);
      expect(first.records[0].fields.Priority__c).toEqual({ displayValue: 'Primary', value: 'Primary' });
      const second = (await raw(t.org, `${url}&pageToken=${first.nextPageToken}`)).body as any;
      expect(second.records.map((r: RecordRep) => r.fields.Description__c.value)).toEqual(['Missed appointments']);
      expect(second.nextPageToken).toBeNull();
      expect((await raw(t.org, `${V}/related-list-records/${book.initiativeId}/Nope__r?fields=Outcome_Requirement__c.Description__c`)).status).toBe(404);
    });
  });

  it('counts UI API calls, checks the session and answers injected faults like other REST calls', async () => {
    const before = t.org.stats().apiCalls;
    await raw(t.org, `${V}/object-info/Initiative__c`);
    expect(t.org.stats().apiCalls).toBe(before + 1);
    expect((await raw(t.org, `${V}/object-info/Initiative__c`, { token: 'wrong' })).status).toBe(401);
    t.org.setFaults({ unavailableShare: 1 });
    try {
      expect((await raw(t.org, `${V}/object-info/Initiative__c`)).status).toBe(503);
    } finally {
      t.org.setFaults({ unavailableShare: 0 });
    }
  });
});
