import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiTap, csvRecordCount, fromClause } from '../../bench/tap.js';

describe('fromClause', () => {
  it('names the object of the outer query, not of a child subquery', () => {
    expect(fromClause('SELECT Id, (SELECT Id FROM OpportunityLineItems) FROM Opportunity WHERE IsWon = true')).toBe('Opportunity');
  });

  it('is not fooled by FROM inside a string literal', () => {
    expect(fromClause("SELECT Id FROM Task WHERE Subject = 'from Account'")).toBe('Task');
  });
});

describe('csvRecordCount', () => {
  it('counts data rows below the header, with or without a final line break', () => {
    expect(csvRecordCount('a,b\n1,2\n3,4\n')).toBe(2);
    expect(csvRecordCount('a,b\r\n1,2\r\n3,4')).toBe(2);
    expect(csvRecordCount('a,b\n')).toBe(0);
  });

  it('does not count line breaks inside quoted values', () => {
    expect(csvRecordCount('a,notes\n1,"two\nlines"\n2,x\n')).toBe(2);
  });
});

/** A stand-in org answering the few routes the tap reads, with fixed bodies. */
function fakeOrg(): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      const send = (body: unknown): void => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.startsWith('/services/data/v64.0/query?')) {
        return send({
          done: false,
          nextRecordsUrl: '/services/data/v64.0/query/01gAAAAAAAAAAAAAAA-2',
          records: [
            { attributes: { type: 'Initiative__c' }, Id: 'a01000000000001AAA' },
            { attributes: { type: 'Initiative__c' }, Id: 'a01000000000002AAA' },
          ],
        });
      }
      if (url.startsWith('/services/data/v64.0/query/01gAAAAAAAAAAAAAAA-2')) {
        // The second page repeats a row: distinct rows count once.
        return send({
          done: true,
          records: [
            { attributes: { type: 'Initiative__c' }, Id: 'a01000000000002AAA' },
            { attributes: { type: 'Initiative__c' }, Id: 'a01000000000003AAA' },
          ],
        });
      }
      if (url === '/services/data/v64.0/jobs/ingest' && req.method === 'POST') return send({ id: '750000000000001AAA', object: 'Measurement__c', operation: 'upsert' });
      return send(Array.from({ length: 3 }, () => ({ success: true })));
    });
  });
}

describe('ApiTap', () => {
  let org: Server;
  let tap: ApiTap;
  let base: string;

  beforeAll(async () => {
    org = fakeOrg();
    await new Promise<void>((ready) => org.listen(0, '127.0.0.1', () => ready()));
    tap = new ApiTap(new URL(`http://127.0.0.1:${(org.address() as AddressInfo).port}`));
    base = await tap.start();
  });

  afterAll(async () => {
    await tap.stop();
    await new Promise<void>((done) => org.close(() => done()));
  });

  it('counts distinct rows read across pages, records written by channel, and bulk rows', async () => {
    tap.reset();
    const q = encodeURIComponent('SELECT Id FROM Initiative__c');
    await (await fetch(`${base}/services/data/v64.0/query?q=${q}`)).json();
    await (await fetch(`${base}/services/data/v64.0/query/01gAAAAAAAAAAAAAAA-2`)).json();
    const records = [1, 2, 3].map((n) => ({ attributes: { type: 'Solution_Component__c' }, Source_Line_Item_Id__c: `00k${n}` }));
    await (
      await fetch(`${base}/services/data/v64.0/composite/sobjects/Solution_Component__c/Source_Line_Item_Id__c`, {
        method: 'PATCH',
        body: JSON.stringify({ allOrNone: false, records }),
      })
    ).json();
    await (await fetch(`${base}/services/data/v64.0/sobjects/Task`, { method: 'POST', body: '{}' })).json();
    await (await fetch(`${base}/services/data/v64.0/jobs/ingest`, { method: 'POST', body: '{}' })).json();
    await (await fetch(`${base}/services/data/v64.0/jobs/ingest/750000000000001AAA/batches`, { method: 'PUT', body: 'a,b\n1,2\n3,4\n' })).text();

    const seen = tap.snapshot();
    expect(seen.volumes.reads).toEqual([{ object: 'Initiative__c', rows: 3 }]);
    expect(seen.writesByChannel).toEqual([
      { object: 'Solution_Component__c', operation: 'upsert', channel: 'collections', records: 3 },
      { object: 'Task', operation: 'create', channel: 'single', records: 1 },
    ]);
    expect(seen.volumes.bulkJobs).toEqual([{ object: 'Measurement__c', operation: 'upsert', records: 2, bytes: 12, columns: 'a,b' }]);
    expect(seen.counts.calls).toBe(6);
  });

  it('forgets everything on reset', async () => {
    await (await fetch(`${base}/services/data/v64.0/sobjects/Task`, { method: 'POST', body: '{}' })).json();
    tap.reset();
    expect(tap.snapshot()).toEqual({
      volumes: { reads: [], writes: [], bulkJobs: [] },
      counts: { calls: 0, recordsByChannel: { collections: 0, single: 0, bulk: 0 } },
      writesByChannel: [],
    });
  });
});
