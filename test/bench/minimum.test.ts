import { describe, expect, it } from '@jest/globals';
import {
  BULK_JOB_MAX_BYTES,
  CALLS_PER_BULK_JOB,
  bulkCalls,
  collectionCalls,
  minimumCalls,
  queryPages,
  ratioToMinimum,
} from '../../bench/minimum.js';

describe('queryPages', () => {
  it('needs one call even for an empty answer', () => {
    expect(queryPages(0)).toBe(1);
  });

  it('fills pages of 2,000 rows', () => {
    expect(queryPages(1)).toBe(1);
    expect(queryPages(2000)).toBe(1);
    expect(queryPages(2001)).toBe(2);
    expect(queryPages(10_000)).toBe(5);
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => queryPages(-1)).toThrow('rows must be a whole number of at least 0, got -1');
    expect(() => queryPages(1.5)).toThrow(RangeError);
  });
});

describe('collectionCalls', () => {
  it('costs nothing when nothing is written', () => {
    expect(collectionCalls(0)).toBe(0);
  });

  it('fills calls of 200 records', () => {
    expect(collectionCalls(1)).toBe(1);
    expect(collectionCalls(200)).toBe(1);
    expect(collectionCalls(201)).toBe(2);
    expect(collectionCalls(50_123)).toBe(251);
  });
});

describe('bulkCalls', () => {
  it('takes create, upload, close, one poll and the three result lists per job', () => {
    expect(CALLS_PER_BULK_JOB).toBe(7);
    expect(bulkCalls(6_500_000)).toBe(7);
  });

  it('splits CSV beyond 100 MB (150 MB once encoded) into more jobs', () => {
    expect(BULK_JOB_MAX_BYTES).toBe(100 * 1024 * 1024);
    expect(bulkCalls(BULK_JOB_MAX_BYTES)).toBe(7);
    expect(bulkCalls(BULK_JOB_MAX_BYTES + 1)).toBe(14);
  });
});

describe('minimumCalls', () => {
  it('sums reads per object however many queries they were spread over', () => {
    const minimum = minimumCalls({
      reads: [
        { object: 'Initiative__c', rows: 1500 },
        { object: 'Initiative__c', rows: 1500 },
        { object: 'Task', rows: 0 },
      ],
      writes: [],
      bulkJobs: [],
    });
    // 3,000 initiatives fit in 2 pages (not 1 + 1 per query); the empty Task read still costs its call.
    expect(minimum.lines).toEqual([
      { kind: 'read', what: 'Initiative__c', amount: 3000, calls: 2 },
      { kind: 'read', what: 'Task', amount: 0, calls: 1 },
    ]);
    expect(minimum).toMatchObject({ total: 3, reads: 3, writes: 0, bulk: 0 });
  });

  it('sums writes per object and operation, and leaves out empty ones', () => {
    const minimum = minimumCalls({
      reads: [],
      writes: [
        { object: 'Solution_Component__c', operation: 'upsert', records: 150 },
        { object: 'Solution_Component__c', operation: 'upsert', records: 150 },
        { object: 'Solution_Component__c', operation: 'update', records: 10 },
        { object: 'Task', operation: 'create', records: 0 },
      ],
      bulkJobs: [],
    });
    expect(minimum.lines).toEqual([
      { kind: 'write', what: 'upsert Solution_Component__c', amount: 300, calls: 2 },
      { kind: 'write', what: 'update Solution_Component__c', amount: 10, calls: 1 },
    ]);
    expect(minimum.total).toBe(3);
  });

  it('holds a bulk load against the fixed calls of its job, whatever its rows', () => {
    const minimum = minimumCalls({
      reads: [{ object: 'Outcome_Requirement__c', rows: 15_000 }],
      writes: [],
      bulkJobs: [{ object: 'Measurement__c', operation: 'upsert', records: 100_000, bytes: 6_000_000 }],
    });
    expect(minimum).toMatchObject({ total: 8 + 7, reads: 8, writes: 0, bulk: 7 });
    expect(minimum.lines[1]).toEqual({ kind: 'bulk', what: 'upsert Measurement__c (Bulk API 2.0)', amount: 100_000, calls: 7 });
  });

  it('holds jobs of one object, operation and header against as few jobs as their CSV needs', () => {
    const columns = 'Source_Line_Item_Id__c,Name,Initiative__c';
    const part = { object: 'Solution_Component__c', operation: 'upsert' as const, records: 100_000, bytes: 12_000_000, columns };
    const minimum = minimumCalls({
      reads: [],
      writes: [],
      // Five parts of one load, and a job without the create-only column (rows another run created first).
      bulkJobs: [part, part, part, part, part, { ...part, records: 10, bytes: 1_000, columns: 'Source_Line_Item_Id__c,Name' }],
    });
    expect(minimum.lines).toEqual([
      { kind: 'bulk', what: 'upsert Solution_Component__c (Bulk API 2.0)', amount: 500_000, calls: 7 },
      { kind: 'bulk', what: 'upsert Solution_Component__c (Bulk API 2.0)', amount: 10, calls: 7 },
    ]);
    // Beyond what one job takes, the minimum is the jobs the CSV needs.
    expect(minimumCalls({ reads: [], writes: [], bulkJobs: Array.from({ length: 10 }, () => part) }).bulk).toBe(14);
  });

  it('is zero for a command that neither read nor wrote', () => {
    expect(minimumCalls({ reads: [], writes: [], bulkJobs: [] }).total).toBe(0);
  });
});

describe('ratioToMinimum', () => {
  it('divides the calls made by the minimum', () => {
    expect(ratioToMinimum(110, 100)).toBeCloseTo(1.1);
    expect(ratioToMinimum(5, 0)).toBeNull();
  });
});
