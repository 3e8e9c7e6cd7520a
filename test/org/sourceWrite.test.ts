/**
 * writeFromSource's own rules, before any call: the records of one write must be told apart by their match field,
 * and an item left out of the write has no result.
 */
import { describe, expect, it } from '@jest/globals';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection } from '../../src/org/connection.js';
import { writeFromSource } from '../../src/org/sourceWrite.js';
import { inMemory } from '../../src/org/spool.js';

/** A connection that must not be used: every test here ends before a call. */
const noConnection = new Proxy({}, { get: () => { throw new Error('no call expected'); } }) as OrgConnection;

describe('writeFromSource', () => {
  it('refuses two records of one write with the same match key, naming the field and the key', async () => {
    const items = [{ line: 'L1' }, { line: 'L1' }];
    const write = writeFromSource(
      noConnection,
      inMemory(items),
      { sobject: 'Solution_Component__c', operation: 'upsert', externalIdField: 'Source_Line_Item_Id__c', includes: () => true, record: (i) => ({ Source_Line_Item_Id__c: i.line }) },
      new ApiUsage(),
    );
    await expect(write).rejects.toThrow('Source_Line_Item_Id__c L1 is in two Solution_Component__c records of one write');
  });

  it('sends nothing when no item is included, and has no result for an item left out', async () => {
    const results = await writeFromSource(
      noConnection,
      inMemory([{ id: 'a01' }]),
      { sobject: 'Initiative__c', operation: 'update', includes: () => false, record: (i) => ({ Id: i.id }) },
      new ApiUsage(),
    );
    expect(results.size).toBe(0);
    expect(results.of({ id: 'a01' })).toBeNull();
  });

  it('needs a field to tell the records of a create apart', async () => {
    const write = writeFromSource(noConnection, inMemory([{}]), { sobject: 'Task', operation: 'create', includes: () => true, record: () => ({ Subject: 'x' }) }, new ApiUsage());
    await expect(write).rejects.toThrow('needs a field that tells them apart');
  });
});
