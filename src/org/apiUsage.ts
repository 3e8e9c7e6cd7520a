/** Counts the API requests a command makes, by kind, so every command can report what it spent. */
export type ApiUsageSnapshot = {
  total: number;
  queries: number;
  queryMore: number;
  collections: number;
  bulk: number;
  other: number;
  retries: number;
};

export type ApiCallKind = 'queries' | 'queryMore' | 'collections' | 'bulk' | 'other';

export class ApiUsage {
  private readonly counts: ApiUsageSnapshot = { total: 0, queries: 0, queryMore: 0, collections: 0, bulk: 0, other: 0, retries: 0 };

  public count(kind: ApiCallKind, calls = 1): void {
    this.counts[kind] += calls;
    this.counts.total += calls;
  }

  public countRetry(): void {
    this.counts.retries += 1;
  }

  public snapshot(): ApiUsageSnapshot {
    return { ...this.counts };
  }
}
