/**
 * The local org's data engine: schema from the project's metadata plus bundled standard objects, an
 * in-memory store with Salesforce's write rules, and SOQL. The HTTP layer (local-org/src/http) serves it.
 */
import { randomInt } from 'node:crypto';
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { describeGlobalEntry, describeObject } from '../schema/describe.js';
import { loadSchema, type OrgFeatures } from '../schema/index.js';
import type { ObjectSchema, OrgSchema } from '../schema/types.js';
import { SoqlExecutor } from '../soql/executor.js';
import { formatDatetime, saveError } from '../store/field-values.js';
import { keyPrefixOf, makeId, normalizeId } from '../store/ids.js';
import { RecordReader } from '../store/reader.js';
import { RecordStore, type StoredRecord } from '../store/record-store.js';
import { RecordWriter, type WriteOutcome } from '../store/writer.js';
import { STANDARD_PRICE_BOOK_NAME, STANDARD_PROFILES } from '../schema/standard/objects.js';
import {
  OrgApiError,
  type DescribeGlobalResult,
  type DescribeSObjectResult,
  type OrgEngine,
  type QueryResult,
  type SaveError,
  type SaveResult,
  type SfRecord,
  type WriteOptions,
} from './types.js';

export * from './types.js';

export type CreateEngineOptions = {
  /** The project whose `sfdx-project.json` package directories hold the metadata (force-app). */
  projectDir: string;
  /** The org's date (YYYY-MM-DD): TODAY() in formulas and validation rules, date literals in SOQL. Defaults to the UTC date. */
  today?: string | (() => string);
  /** The org's clock for CreatedDate & co.; defaults to `today()` at the current UTC time of day. */
  now?: () => Date;
  orgName?: string;
  /** The admin's username; default `admin.<serial>@outcomes.local-org`, unique to this engine like its org id. */
  username?: string;
  /** The org's Id (15 or 18 characters, prefix 00D); default a new one, so two local orgs never share one. */
  orgId?: string;
  /** Version used in `attributes.url` and describe urls when a call does not say. */
  apiVersion?: string;
  /** Platform features switched off (all are on by default). */
  features?: OrgFeatures;
};

/** Tooling API objects the sf CLI asks about; the local org has none of them. */
const EMPTY_TOOLING_OBJECTS = new Set(['sandboxprocess', 'sourcemember', 'apexclass', 'apextrigger', 'customobject', 'customfield', 'validationrule', 'flow']);

const NOT_FOUND_MESSAGE = 'The requested resource does not exist';

export type LocalOrgEngine = OrgEngine & {
  readonly schema: OrgSchema;
  readonly standardPricebookId: string;
  today(): string;
  describeGlobal(apiVersion?: string): DescribeGlobalResult;
  describe(sobject: string, apiVersion?: string): DescribeSObjectResult;
  query(soql: string, options?: { includeDeleted?: boolean; tooling?: boolean; apiVersion?: string }): QueryResult;
  retrieve(sobject: string, id: string, fields?: string[], apiVersion?: string): SfRecord;
  /** Every live record of an object, as stored (no formula values), for persistence and tests. */
  records(sobject: string): StoredRecord[];
};

/** The calendar date of an instant in an IANA time zone; an unknown zone reads as GMT. */
function dateInZone(instant: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  } catch {
    return instant.toISOString().slice(0, 10);
  }
}

// eslint-disable-next-line @typescript-eslint/require-await -- async so that a schema error rejects, like every other start-up failure
export async function createEngine(options: CreateEngineOptions): Promise<LocalOrgEngine> {
  const schema = loadSchema(options.projectDir, options.features);
  return new Engine(schema, options);
}

class Engine implements LocalOrgEngine {
  public readonly orgId: string;
  public readonly userId: string;
  public readonly username: string;
  public readonly standardPricebookId: string;
  private readonly store: RecordStore;
  private readonly reader: RecordReader;
  private readonly writer: RecordWriter;
  private readonly soql: SoqlExecutor;
  private readonly todayFn: () => string;
  private readonly nowFn: () => Date;
  private readonly apiVersion: string;
  /** Open writes (batches, atomic blocks): the undo log is dropped only when the outermost one ends. */
  private writeDepth = 0;

  public constructor(
    public readonly schema: OrgSchema,
    options: CreateEngineOptions,
  ) {
    const fixedToday = options.today;
    // As in Salesforce, TODAY is the running user's date in their time zone (TimeZoneSidKey), not the server's.
    this.todayFn = typeof fixedToday === 'string' ? () => fixedToday : (fixedToday ?? (() => dateInZone(new Date(), this.runningUserTimeZone())));
    this.nowFn =
      options.now ??
      (() => {
        const real = new Date();
        return options.today ? new Date(`${this.todayFn()}T${real.toISOString().slice(11)}`) : real;
      });
    this.apiVersion = options.apiVersion ?? '64.0';
    this.store = new RecordStore(schema);
    this.reader = new RecordReader(schema, this.store, this.todayFn);
    // Each engine is an org of its own: its org id, admin user id and username differ from every other's,
    // so `sf` auth files and aliases of two local orgs never cross (Salesforce usernames are global).
    const serial = randomInt(1_000_000, 2 ** 40);
    const orgId = options.orgId === undefined ? makeId('00D', serial) : normalizeId(options.orgId);
    if (!orgId || !orgId.startsWith('00D')) throw new Error(`orgId must be a 15- or 18-character Organization Id (00D…), got "${options.orgId}"`);
    this.orgId = orgId;
    this.userId = makeId('005', serial);
    this.username = options.username ?? `admin.${serial.toString(36)}@outcomes.local-org`;
    this.writer = new RecordWriter(schema, this.store, this.reader, { now: () => formatDatetime(this.nowFn()), userId: () => this.userId });
    this.soql = new SoqlExecutor(schema, this.store, this.reader, this.todayFn);

    // What a new org has before anyone logs in: the org, its admin user, the standard price book.
    this.seed('Organization', this.orgId, {
      Name: options.orgName ?? 'Outcomes Local Org',
      InstanceName: 'LOCAL',
      IsSandbox: false,
      TrialExpirationDate: null,
      NamespacePrefix: null,
      OrganizationType: 'Developer Edition',
      Country: null,
      DefaultLocaleSidKey: 'en_US',
      DefaultCurrencyIsoCode: 'USD',
      LanguageLocaleKey: 'en_US',
      TimeZoneSidKey: 'GMT',
      FiscalYearStartMonth: 1,
      UsesStartDateAsFiscalYearName: false,
      DefaultAccountAccess: 'Read',
      DefaultContactAccess: 'ControlledByParent',
      DefaultOpportunityAccess: 'None',
      IsReadOnly: false,
    });
    // The standard profiles (read-only through the API): a user load names one by Id, as in any org.
    STANDARD_PROFILES.forEach((name, index) => this.seed('Profile', makeId('00e', index + 1), { Name: name, Description: null, UserType: 'Standard' }));
    const local = this.username.split('@')[0];
    this.seed('User', this.userId, {
      Username: this.username,
      FirstName: 'Local',
      LastName: 'Admin',
      Name: 'Local Admin',
      Email: this.username,
      Alias: local.slice(0, 8),
      IsActive: true,
      ProfileId: makeId('00e', STANDARD_PROFILES.indexOf('System Administrator') + 1),
      TimeZoneSidKey: 'GMT',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
      UserType: 'Standard',
    });
    this.standardPricebookId = makeId('01s', 1);
    this.seed('Pricebook2', this.standardPricebookId, { Name: STANDARD_PRICE_BOOK_NAME, IsActive: true, IsStandard: true, Description: null });
    this.writer.setStandardPricebook(this.standardPricebookId);
  }

  public today(): string {
    return this.todayFn();
  }

  private seed(objectName: string, id: string, values: Record<string, unknown>): void {
    const now = formatDatetime(this.nowFn());
    const table = this.store.table(objectName);
    table.sequence = Math.max(table.sequence, 1);
    this.store.put(objectName, {
      ...values,
      Id: id,
      IsDeleted: false,
      CreatedDate: now,
      CreatedById: this.userId,
      LastModifiedDate: now,
      LastModifiedById: this.userId,
      SystemModstamp: now,
    });
  }

  // ---- describe ------------------------------------------------------------------------------------

  public describeGlobal(apiVersion = this.apiVersion): DescribeGlobalResult {
    return {
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: [...this.schema.objects.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((o) => describeGlobalEntry(o, apiVersion)),
    };
  }

  public describe(sobject: string, apiVersion = this.apiVersion): DescribeSObjectResult {
    return describeObject(this.schema, this.objectOrThrow(sobject), apiVersion);
  }

  private objectOrThrow(sobject: string): ObjectSchema {
    const object = this.schema.byLowerName.get(sobject.toLowerCase());
    if (!object) throw new OrgApiError(404, 'NOT_FOUND', `${NOT_FOUND_MESSAGE}: the local org has no sObject type '${sobject}'`);
    return object;
  }

  // ---- reads ---------------------------------------------------------------------------------------

  public query(soql: string, options: { includeDeleted?: boolean; tooling?: boolean; apiVersion?: string } = {}): QueryResult {
    if (options.tooling) {
      let sObject = '';
      try {
        sObject = parseQuery(soql).sObject ?? '';
      } catch (error) {
        throw new OrgApiError(400, 'MALFORMED_QUERY', (error as Error).message.split('\n')[0]);
      }
      if (EMPTY_TOOLING_OBJECTS.has(sObject.toLowerCase())) return { totalSize: 0, done: true, records: [] };
      throw new OrgApiError(400, 'INVALID_TYPE', `sObject type '${sObject}' is not supported by the local org's Tooling API.`);
    }
    return this.soql.run(soql, { includeDeleted: options.includeDeleted, apiVersion: options.apiVersion ?? this.apiVersion });
  }

  public retrieve(sobject: string, id: string, fields?: string[], apiVersion = this.apiVersion): SfRecord {
    const object = this.objectOrThrow(sobject);
    const normalized = normalizeId(id);
    const record = normalized ? this.store.get(object.name, normalized) : undefined;
    if (!record) throw new OrgApiError(404, 'NOT_FOUND', `${NOT_FOUND_MESSAGE}: no ${object.name} record has Id ${id}`);
    const selected = fields?.length
      ? fields.map((name) => {
          const field = object.fieldsByLowerName.get(name.trim().toLowerCase());
          if (!field) throw new OrgApiError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${object.name}'.`, [name]);
          return field;
        })
      : object.fields;
    const out: SfRecord = { attributes: { type: object.name, url: `/services/data/v${apiVersion}/sobjects/${object.name}/${record.Id}` } };
    for (const field of selected) out[field.name] = this.reader.value(object, record, field) ?? null;
    return out;
  }

  /** The running user's TimeZoneSidKey, GMT until it is set. */
  private runningUserTimeZone(): string {
    const user = this.store.table('User').live.get(this.userId);
    return typeof user?.TimeZoneSidKey === 'string' && user.TimeZoneSidKey ? user.TimeZoneSidKey : 'GMT';
  }

  public records(sobject: string): StoredRecord[] {
    return [...this.store.table(this.objectOrThrow(sobject).name).live.values()];
  }

  public sobjectOfId(id: string): string | null {
    const normalized = normalizeId(id);
    return normalized ? (this.schema.byKeyPrefix.get(keyPrefixOf(normalized))?.name ?? null) : null;
  }

  // ---- writes --------------------------------------------------------------------------------------

  public create(sobject: string, records: SfRecord[], options: WriteOptions): SaveResult[] {
    const fallback = sobject ? this.objectOrInvalidType(sobject) : null;
    return this.batch(records, options, (record) => {
      const object = this.typeOf(record, fallback);
      if ('error' in object) return { id: null, errors: [object.error] };
      return this.writer.insert(object, record);
    });
  }

  public update(sobject: string | null, records: SfRecord[], options: WriteOptions): SaveResult[] {
    const fallback = sobject ? this.objectOrInvalidType(sobject) : null;
    return this.batch(records, options, (record) => {
      const rawId = Object.entries(record).find(([key]) => key.toLowerCase() === 'id')?.[1];
      if (rawId === undefined || rawId === null || rawId === '') {
        return { id: null, errors: [saveError('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id'])] };
      }
      const id = normalizeId(rawId);
      if (!id) return { id: null, errors: [saveError('MALFORMED_ID', `Record ID: id value of incorrect type: ${String(rawId)}`, ['Id'])] };
      const byPrefix = this.schema.byKeyPrefix.get(keyPrefixOf(id));
      const declared = this.typeOf(record, fallback ?? byPrefix ?? null);
      if ('error' in declared) return { id, errors: [declared.error] };
      if (!byPrefix || byPrefix !== declared) {
        return { id, errors: [saveError('MALFORMED_ID', `Record ID: id value of incorrect type: ${id} is not a ${declared.name} Id`, ['Id'])] };
      }
      return this.writer.update(declared, id, record);
    });
  }

  public upsert(sobject: string, externalIdField: string, records: SfRecord[], options: WriteOptions): SaveResult[] {
    const object = this.objectOrInvalidType(sobject);
    const field = object.fieldsByLowerName.get(externalIdField.toLowerCase());
    if (!field) {
      throw new OrgApiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${externalIdField}`);
    }
    if (!field.externalId && field.name !== 'Id') {
      throw new OrgApiError(400, 'INVALID_FIELD', `${object.name}.${field.name} is not an external ID field; upsert by Id or by a field marked External ID.`, [field.name]);
    }
    // Whether each row was (or, when allOrNone rolled the call back, would have been) a new record.
    const created = new Map<SfRecord, boolean>();
    const results = this.batch(records, options, (record) => {
      const value = Object.entries(record).find(([key]) => key.toLowerCase() === field.name.toLowerCase())?.[1];
      const blank = value === undefined || value === null || value === '';
      if (field.name === 'Id') {
        // Upsert on Id inserts the rows that carry no Id, as Salesforce does (Bulk API 2.0 and SOAP upsert alike).
        if (blank) {
          const { [Object.keys(record).find((k) => k.toLowerCase() === 'id') ?? 'Id']: _blank, ...fields } = record;
          created.set(record, true);
          return this.writer.insert(object, fields as SfRecord);
        }
        const id = normalizeId(value);
        if (!id) return { id: null, errors: [saveError('MALFORMED_ID', `Record ID: id value of incorrect type: ${String(value)}`, ['Id'])] };
        created.set(record, false);
        return this.writer.update(object, id, record);
      }
      if (blank) {
        return { id: null, errors: [saveError('MISSING_ARGUMENT', `${field.name} not specified: each record of an upsert on ${field.name} needs a value`, [field.name])] };
      }
      const matches = [...this.store.table(object.name).idsWithValue(field.name, value)].filter((id) => this.store.get(object.name, id));
      if (matches.length > 1) {
        return {
          id: null,
          errors: [saveError('DUPLICATE_EXTERNAL_ID', `${field.name}: more than one record found for external id field: [${matches.join(', ')}]`, [field.name])],
        };
      }
      created.set(record, matches.length === 0);
      return matches.length === 0 ? this.writer.insert(object, record) : this.writer.update(object, matches[0], record);
    });
    const rolledBack = options.allOrNone && results.some((r) => !r.success);
    return results.map((result, i) => ({ ...result, created: result.success || rolledBack ? (created.get(records[i]) ?? false) : false }));
  }

  public delete(ids: string[], options: WriteOptions): SaveResult[] {
    return this.batch(
      ids.map((id) => ({ Id: id }) as SfRecord),
      options,
      (record) => {
        const raw = String(record.Id);
        const id = normalizeId(raw);
        if (!id) return { id: null, errors: [saveError('MALFORMED_ID', `malformed id ${raw}`, [])] };
        const object = this.schema.byKeyPrefix.get(keyPrefixOf(id));
        if (!object) return { id, errors: [saveError('NOT_FOUND', `${NOT_FOUND_MESSAGE}: no object has key prefix ${keyPrefixOf(id)}`, [])] };
        if (!object.deletable) return { id, errors: [saveError('INSUFFICIENT_ACCESS_OR_READONLY', `${object.name} records cannot be deleted`, [])] };
        return this.writer.remove(object, id);
      },
    );
  }

  private objectOrInvalidType(sobject: string): ObjectSchema {
    const object = this.schema.byLowerName.get(sobject.toLowerCase());
    if (!object) {
      throw new OrgApiError(400, 'INVALID_TYPE', `sObject type '${sobject}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`);
    }
    if (!object.createable) throw new OrgApiError(400, 'INVALID_TYPE', `sObject type '${sobject}' cannot be written through the API.`);
    return object;
  }

  private typeOf(record: SfRecord, fallback: ObjectSchema | null): ObjectSchema | { error: SaveError } {
    const declared = record.attributes?.type;
    if (declared) {
      const object = this.schema.byLowerName.get(declared.toLowerCase());
      if (!object || !object.createable) return { error: saveError('INVALID_TYPE', `sObject type '${declared}' is not supported.`, []) };
      return object;
    }
    return fallback ?? { error: saveError('INVALID_TYPE', 'Each record needs attributes.type when the call names no sObject type.', []) };
  }

  /**
   * Runs one write per record. Each record is atomic on its own; with allOrNone, one failure undoes every
   * record of the call and the others report ALL_OR_NONE_OPERATION_ROLLED_BACK (REST API Developer Guide,
   * "sObject Collections").
   */
  private batch(records: SfRecord[], options: WriteOptions, write: (record: SfRecord) => WriteOutcome): SaveResult[] {
    const start = this.store.savepoint();
    this.writeDepth += 1;
    try {
      const outcomes = records.map((record) => {
        const savepoint = this.store.savepoint();
        const outcome = write(record);
        if (outcome.errors.length) this.store.rollbackTo(savepoint);
        return outcome;
      });
      const failed = outcomes.some((o) => o.errors.length);
      if (options.allOrNone && failed) {
        this.store.rollbackTo(start);
        return outcomes.map((o) =>
          o.errors.length
            ? { id: o.id, success: false, errors: o.errors }
            : {
                id: null,
                success: false,
                errors: [
                  saveError('ALL_OR_NONE_OPERATION_ROLLED_BACK', 'Record rolled back because not all records were valid and the request was using AllOrNone header', []),
                ],
              },
        );
      }
      return outcomes.map((o) => (o.errors.length ? { id: o.id, success: false, errors: o.errors } : { id: o.id, success: true, errors: [] }));
    } catch (error) {
      this.store.rollbackTo(start);
      throw error;
    } finally {
      this.writeDepth -= 1;
      if (this.writeDepth === 0) this.store.release();
    }
  }

  public atomic<T>(work: () => T, keep: (result: T) => boolean): T {
    const start = this.store.savepoint();
    this.writeDepth += 1;
    try {
      const result = work();
      if (!keep(result)) this.store.rollbackTo(start);
      return result;
    } catch (error) {
      this.store.rollbackTo(start);
      throw error;
    } finally {
      this.writeDepth -= 1;
      if (this.writeDepth === 0) this.store.release();
    }
  }
}
