/**
 * Counts what the local org answered, so benchmarks can compare strategies by API calls spent and
 * `limits` reports DailyApiRequests the way a real org does.
 */
export const CALL_KINDS = ['query', 'queryMore', 'collections', 'composite', 'singleRecord', 'bulk', 'describe', 'limits', 'identity', 'tooling', 'other'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

export type OrgStats = {
  /** Every API call answered (what DailyApiRequests counts). */
  apiCalls: number;
  byKind: Record<CallKind, number>;
  /** Records written through collections, single-record calls and bulk jobs (attempted, including failures). */
  recordsSubmitted: number;
  faults: { unavailable: number; rateLimited: number; capExceeded: number; lockedRows: number };
};

const zeroKinds = (): Record<CallKind, number> => Object.fromEntries(CALL_KINDS.map((k) => [k, 0])) as Record<CallKind, number>;

export class Meter {
  private stats: OrgStats = Meter.empty();

  private static empty(): OrgStats {
    return { apiCalls: 0, byKind: zeroKinds(), recordsSubmitted: 0, faults: { unavailable: 0, rateLimited: 0, capExceeded: 0, lockedRows: 0 } };
  }

  public get apiCalls(): number {
    return this.stats.apiCalls;
  }

  public countCall(kind: CallKind): void {
    this.stats.apiCalls += 1;
    this.stats.byKind[kind] += 1;
  }

  public countRecords(n: number): void {
    this.stats.recordsSubmitted += n;
  }

  public countFault(kind: keyof OrgStats['faults'], n = 1): void {
    this.stats.faults[kind] += n;
  }

  public snapshot(): OrgStats {
    return structuredClone(this.stats);
  }

  /** Starts a new "day": counts and the daily API request total go back to zero. */
  public reset(): void {
    this.stats = Meter.empty();
  }
}
