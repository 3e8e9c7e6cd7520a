/**
 * The contract between the local org's data engine (schema, store, SOQL) and its HTTP layer
 * (REST routes, paging, collections, Bulk API 2.0, faults, persistence).
 *
 * Shapes follow the Salesforce REST API: a save result is what sObject Collections return per record,
 * an error is `{ statusCode, message, fields }` inside save results and `{ errorCode, message, fields }`
 * in an HTTP error body.
 */

export type SfRecord = Record<string, unknown> & { attributes?: { type: string; url?: string; referenceId?: string } };

export type SaveError = { statusCode: string; message: string; fields: string[] };

export type SaveResult = { id: string | null; success: boolean; errors: SaveError[]; created?: boolean };

/** A request-level failure: the HTTP layer answers `httpStatus` with `[{ errorCode, message, fields }]`. */
export class OrgApiError extends Error {
  public constructor(
    public readonly httpStatus: number,
    public readonly errorCode: string,
    message: string,
    public readonly fields: string[] = [],
  ) {
    super(message);
    this.name = 'OrgApiError';
  }
}

export type WriteOptions = {
  /** All or none: one failure rolls back every record of the call, the others report ALL_OR_NONE_OPERATION_ROLLED_BACK. */
  allOrNone: boolean;
};

export type QueryResult = { totalSize: number; done: true; records: SfRecord[] };

export type DescribeGlobalSObject = {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string | null;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  queryable: boolean;
  urls: Record<string, string>;
};

export type DescribeGlobalResult = { encoding: 'UTF-8'; maxBatchSize: 200; sobjects: DescribeGlobalSObject[] };

/** Salesforce's describe of one sObject (the subset of keys real clients read; same names and types). */
export type DescribeSObjectResult = DescribeGlobalSObject & {
  fields: Array<Record<string, unknown> & { name: string; type: string }>;
  childRelationships: Array<{ childSObject: string; field: string; relationshipName: string | null; cascadeDelete: boolean }>;
  recordTypeInfos: unknown[];
};

export type OrgEngine = {
  readonly orgId: string;
  readonly userId: string;
  readonly username: string;

  describeGlobal(): DescribeGlobalResult;
  /** Throws OrgApiError(404, 'NOT_FOUND') for an unknown type. */
  describe(sobject: string): DescribeSObjectResult;

  /** Runs a whole SOQL query; the HTTP layer pages the records. Throws MALFORMED_QUERY / INVALID_TYPE / INVALID_FIELD. */
  query(soql: string, options?: { includeDeleted?: boolean; tooling?: boolean }): QueryResult;

  /** One record with `attributes`; all fields or the named ones. Throws OrgApiError(404, 'NOT_FOUND'). */
  retrieve(sobject: string, id: string, fields?: string[]): SfRecord;

  create(sobject: string, records: SfRecord[], options: WriteOptions): SaveResult[];
  /** Records carry `Id`; `sobject` may be null when each record's `attributes.type` (or its Id prefix) says it. */
  update(sobject: string | null, records: SfRecord[], options: WriteOptions): SaveResult[];
  /** Upsert by an external id field (or Id); results carry `created`. */
  upsert(sobject: string, externalIdField: string, records: SfRecord[], options: WriteOptions): SaveResult[];
  delete(ids: string[], options: WriteOptions): SaveResult[];

  /**
   * Runs several writes as one transaction: when `keep` says no (or `work` throws) every write of `work`
   * is undone, leaving no trace (no recycle bin rows, no spent roll-ups). Optional: callers fall back to
   * deleting what they created.
   */
  atomic?<T>(work: () => T, keep: (result: T) => boolean): T;

  /** Object API name for an Id, by key prefix; null if none. */
  sobjectOfId(id: string): string | null;
}
