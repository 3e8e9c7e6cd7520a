/**
 * A throw-away stand-in for the data engine, so the HTTP layer can be tested before the real engine lands.
 * It knows Account and Initiative__c, checks required fields, unique external ids and lookups, and answers
 * simple SOQL (fields, parent fields, WHERE =/IN joined by AND, ORDER BY one field, LIMIT).
 */
import { parseQuery, type Condition, type WhereClause } from '@jetstreamapp/soql-parser-js';
import { OrgApiError, type DescribeSObjectResult, type OrgEngine, type SaveResult, type SfRecord, type WriteOptions } from '../../src/engine/types.js';

type FieldDef = { name: string; type: string; required?: boolean; externalId?: boolean; referenceTo?: string; relationshipName?: string; calculated?: boolean; createable?: boolean };
type ObjDef = { name: string; prefix: string; fields: FieldDef[] };

const OBJECTS: ObjDef[] = [
  {
    name: 'Account',
    prefix: '001',
    fields: [
      { name: 'Id', type: 'id', createable: false },
      { name: 'Name', type: 'string', required: true },
      { name: 'AnnualRevenue', type: 'currency' },
      { name: 'Industry', type: 'picklist' },
      { name: 'ParentId', type: 'reference', referenceTo: 'Account', relationshipName: 'Parent' },
      { name: 'CreatedDate', type: 'datetime', createable: false },
    ],
  },
  {
    name: 'Initiative__c',
    prefix: 'a01',
    fields: [
      { name: 'Id', type: 'id', createable: false },
      { name: 'Name', type: 'string', required: true },
      { name: 'Account__c', type: 'reference', referenceTo: 'Account', relationshipName: 'Account__r', required: true },
      { name: 'Source_Opportunity_Id__c', type: 'string', externalId: true },
      { name: 'Annual_Contract_Value__c', type: 'currency' },
      { name: 'Go_Live_Date__c', type: 'date' },
      { name: 'Outcome_Count__c', type: 'double', calculated: true, createable: false },
    ],
  },
];

const err = (statusCode: string, message: string, fields: string[] = []): SaveResult => ({ id: null, success: false, errors: [{ statusCode, message, fields }] });
const ROLLED = { statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] };

export class FakeEngine implements OrgEngine {
  public readonly orgId = '00D000000000001AAA';
  public readonly userId = '005000000000001AAA';
  public readonly username = 'admin@outcomes.local';
  private readonly data = new Map<string, Map<string, SfRecord>>(OBJECTS.map((o) => [o.name, new Map()]));
  private readonly deleted = new Map<string, SfRecord>();
  private seq = 0;

  private obj(name: string): ObjDef {
    const o = OBJECTS.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!o) throw new OrgApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return o;
  }

  public describeGlobal(): ReturnType<OrgEngine['describeGlobal']> {
    return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: OBJECTS.map((o) => this.globalEntry(o)) };
  }

  private globalEntry(o: ObjDef): DescribeSObjectResult {
    return {
      name: o.name, label: o.name, labelPlural: o.name + 's', keyPrefix: o.prefix, custom: o.name.endsWith('__c'),
      createable: true, updateable: true, deletable: true, queryable: true, urls: { sobject: `/services/data/v64.0/sobjects/${o.name}` },
      fields: [], childRelationships: [], recordTypeInfos: [],
    };
  }

  public describe(sobject: string): DescribeSObjectResult {
    const o = this.obj(sobject);
    return {
      ...this.globalEntry(o),
      fields: o.fields.map((f) => ({ ...f, referenceTo: f.referenceTo ? [f.referenceTo] : [], createable: f.createable !== false, calculated: f.calculated === true, nillable: !f.required, autoNumber: false })),
    };
  }

  public sobjectOfId(id: string): string | null {
    return OBJECTS.find((o) => id.startsWith(o.prefix))?.name ?? null;
  }

  private validate(o: ObjDef, rec: SfRecord, existing?: SfRecord): SaveResult | null {
    for (const key of Object.keys(rec)) {
      if (key === 'attributes' || key === 'Id') continue;
      const f = o.fields.find((x) => x.name === key);
      if (!f) return err('INVALID_FIELD', `No such column '${key}' on sobject of type ${o.name}`, [key]);
      if (f.createable === false) return err('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${key}.`, [key]);
      if (f.referenceTo && rec[key] != null && !this.data.get(f.referenceTo)!.has(String(rec[key]))) {
        return err('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [key]);
      }
      if (f.externalId && rec[key] != null) {
        const clash = [...this.data.get(o.name)!.values()].find((r) => r[key] === rec[key] && r.Id !== existing?.Id && r.Id !== rec.Id);
        if (clash) return err('DUPLICATE_VALUE', `duplicate value found: ${key} duplicates value on record with id: ${String(clash.Id)}`, [key]);
      }
    }
    const merged = { ...existing, ...rec };
    const missing = o.fields.filter((f) => f.required && (merged[f.name] === undefined || merged[f.name] === null || merged[f.name] === ''));
    if (missing.length) return err('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.map((f) => f.name).join(', ')}]`, missing.map((f) => f.name));
    return null;
  }

  private batch(records: SfRecord[], options: WriteOptions, one: (r: SfRecord, staged: Array<() => void>) => SaveResult): SaveResult[] {
    const staged: Array<() => void> = [];
    const results = records.map((r) => {
      const local: Array<() => void> = [];
      const res = one(r, local);
      if (res.success) {
        local.forEach((f) => f());
        staged.push(...local);
      }
      return res;
    });
    if (options.allOrNone && results.some((r) => !r.success)) {
      // crude rollback: the fake snapshots nothing, so it reapplies from a copy
      return results.map((r) => (r.success ? { id: null, success: false, errors: [ROLLED] } : r));
    }
    return results;
  }

  private snapshot(): Map<string, Map<string, SfRecord>> {
    return new Map([...this.data].map(([k, v]) => [k, new Map([...v].map(([id, r]) => [id, { ...r }]))]));
  }

  private transact(options: WriteOptions, run: () => SaveResult[]): SaveResult[] {
    const before = this.snapshot();
    const results = run();
    if (options.allOrNone && results.some((r) => !r.success)) {
      this.data.clear();
      before.forEach((v, k) => this.data.set(k, v));
    }
    return results;
  }

  public create(sobject: string, records: SfRecord[], options: WriteOptions): SaveResult[] {
    const o = this.obj(sobject);
    return this.transact(options, () =>
      this.batch(records, options, (rec) => {
        const { attributes: _a, ...fields } = rec;
        const bad = this.validate(o, fields);
        if (bad) return bad;
        const id = `${o.prefix}${String(++this.seq).padStart(12, '0')}AAA`;
        this.data.get(o.name)!.set(id, { ...fields, Id: id, CreatedDate: '2026-01-01T00:00:00.000+0000' });
        return { id, success: true, errors: [] };
      }),
    );
  }

  public update(sobject: string | null, records: SfRecord[], options: WriteOptions): SaveResult[] {
    return this.transact(options, () =>
      this.batch(records, options, (rec) => {
        const { attributes, ...fields } = rec;
        const id = String(fields.Id ?? '');
        const type = sobject ?? attributes?.type ?? this.sobjectOfId(id);
        if (!type) return err('MALFORMED_ID', `malformed id ${id}`, ['Id']);
        const o = this.obj(type);
        const existing = this.data.get(o.name)!.get(id);
        if (!existing) return err('ENTITY_IS_DELETED', 'entity is deleted', []);
        const bad = this.validate(o, fields, existing);
        if (bad) return { ...bad, id };
        this.data.get(o.name)!.set(id, { ...existing, ...fields });
        return { id, success: true, errors: [] };
      }),
    );
  }

  public upsert(sobject: string, field: string, records: SfRecord[], options: WriteOptions): SaveResult[] {
    const o = this.obj(sobject);
    return this.transact(options, () =>
      this.batch(records, options, (rec) => {
        const { attributes: _a, ...fields } = rec;
        const key = fields[field];
        const matches = [...this.data.get(o.name)!.values()].filter((r) => r[field] === key);
        if (matches.length > 1) return err('DUPLICATE_EXTERNAL_ID', `${field}: more than one record found for external id field`, [field]);
        if (matches.length === 1) {
          const [res] = this.update(o.name, [{ ...fields, Id: matches[0].Id }], { allOrNone: false });
          return { ...res, created: false };
        }
        const [res] = this.create(o.name, [fields], { allOrNone: false });
        return { ...res, created: res.success ? true : undefined };
      }),
    );
  }

  public delete(ids: string[], options: WriteOptions): SaveResult[] {
    return this.transact(options, () =>
      this.batch(
        ids.map((Id) => ({ Id })),
        options,
        (rec) => {
          const id = String(rec.Id);
          const type = this.sobjectOfId(id);
          const existing = type ? this.data.get(type)!.get(id) : undefined;
          if (!type || !existing) return err('ENTITY_IS_DELETED', 'entity is deleted', []);
          this.data.get(type)!.delete(id);
          this.deleted.set(id, { ...existing, IsDeleted: true });
          return { id, success: true, errors: [] };
        },
      ),
    );
  }

  public retrieve(sobject: string, id: string, fields?: string[]): SfRecord {
    const o = this.obj(sobject);
    const rec = this.data.get(o.name)!.get(id);
    if (!rec) throw new OrgApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const names = fields ? [...new Set(['Id', ...fields])] : o.fields.map((f) => f.name);
    return { attributes: { type: o.name, url: `/services/data/v64.0/sobjects/${o.name}/${id}` }, ...Object.fromEntries(names.map((n) => [n, rec[n] ?? null])) };
  }

  public query(soql: string, options?: { includeDeleted?: boolean }): { totalSize: number; done: true; records: SfRecord[] } {
    let q;
    try {
      q = parseQuery(soql);
    } catch (e) {
      throw new OrgApiError(400, 'MALFORMED_QUERY', (e as Error).message);
    }
    const o = OBJECTS.find((x) => x.name.toLowerCase() === String(q.sObject).toLowerCase());
    if (!o) throw new OrgApiError(400, 'INVALID_TYPE', `sObject type '${q.sObject}' is not supported.`);
    let rows = [...this.data.get(o.name)!.values()];
    if (options?.includeDeleted) rows = rows.concat([...this.deleted.values()].filter((r) => this.sobjectOfId(String(r.Id)) === o.name));
    const matches = (where: WhereClause | undefined, r: SfRecord): boolean => {
      if (!where) return true;
      const c = where.left as Condition & { field?: string; value?: string | string[]; operator?: string };
      const strip = (v: string): string => v.replace(/^'(.*)'$/, '$1').replace(/\\'/g, "'");
      let ok = true;
      if (c && c.field) {
        const v = r[c.field];
        if (c.operator === '=') ok = String(v) === strip(String(c.value));
        else if (c.operator?.toUpperCase() === 'IN') ok = (c.value as string[]).map(strip).includes(String(v));
        else throw new OrgApiError(400, 'MALFORMED_QUERY', `fake engine: operator ${c.operator} not supported`);
      }
      const right = (where as { right?: WhereClause }).right;
      return ok && (right ? matches(right, r) : true);
    };
    rows = rows.filter((r) => matches(q.where, r));
    const order = (q.orderBy ? (Array.isArray(q.orderBy) ? q.orderBy : [q.orderBy]) : undefined) as Array<{ field?: string; order?: string }> | undefined;
    if (order?.[0]?.field) {
      const f = order[0].field;
      const dir = order[0].order === 'DESC' ? -1 : 1;
      rows.sort((a, b) => (String(a[f]) < String(b[f]) ? -dir : String(a[f]) > String(b[f]) ? dir : 0));
    }
    if (q.limit) rows = rows.slice(0, q.limit);
    const records = rows.map((r) => {
      const out: SfRecord = { attributes: { type: o.name, url: `/services/data/v64.0/sobjects/${o.name}/${String(r.Id)}` } };
      for (const f of q.fields ?? []) {
        if (f.type === 'Field') {
          if (!o.fields.some((d) => d.name === f.field)) throw new OrgApiError(400, 'INVALID_FIELD', `No such column '${f.field}' on entity '${o.name}'.`);
          out[f.field] = r[f.field] ?? null;
        } else if (f.type === 'FieldRelationship') {
          const ref = o.fields.find((d) => d.relationshipName === f.relationships[0]);
          if (!ref) throw new OrgApiError(400, 'INVALID_FIELD', `Didn't understand relationship '${f.relationships[0]}'`);
          const parent = this.data.get(ref.referenceTo!)!.get(String(r[ref.name]));
          out[f.relationships[0]] = parent ? { attributes: { type: ref.referenceTo! }, [f.field]: parent[f.field] ?? null } : null;
        }
      }
      return out;
    });
    return { totalSize: records.length, done: true, records };
  }
}
