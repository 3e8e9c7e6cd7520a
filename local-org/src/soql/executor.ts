/**
 * Runs SOQL against the store: SELECT lists with parent fields and child subqueries, WHERE, ORDER BY,
 * LIMIT/OFFSET, COUNT() and simple aggregates with GROUP BY. Result shapes follow the REST API's query
 * resource (REST API Developer Guide, "Query"): records carry `attributes { type, url }`, a parent reached
 * through a null reference is `null`, and an empty child relationship is `null`.
 */
import { parseQuery, type FieldType, type OrderByClause, type Query, type Subquery } from '@jetstreamapp/soql-parser-js';
import { OrgApiError, type QueryResult, type SfRecord } from '../engine/types.js';
import { findChildRelationship } from '../schema/index.js';
import type { FieldSchema, ObjectSchema, OrgSchema } from '../schema/types.js';
import type { RecordReader } from '../store/reader.js';
import type { RecordStore, StoredRecord } from '../store/record-store.js';
import { compoundMisuse, malformed, unknownRelationship, unsupportedObject } from './errors.js';
import { compilePath, type FieldPath } from './paths.js';
import { compileHaving } from './having.js';
import { compileWhere, type CompiledWhere, type WhereContext } from './where.js';

export type QueryOptions = { includeDeleted?: boolean; apiVersion?: string };

type Projection =
  | { kind: 'field'; path: FieldPath }
  | { kind: 'child'; name: string; plan: Plan; field: string };

type SortKey = { path: FieldPath; descending: boolean; nullsFirst: boolean };

type Plan = {
  object: ObjectSchema;
  projections: Projection[];
  where: CompiledWhere;
  order: SortKey[];
  limit?: number;
  offset?: number;
};

type Aggregate = { kind: 'count' | 'count_distinct' | 'sum' | 'avg' | 'min' | 'max'; path: FieldPath | null; key: string };

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);
/** Functions that only change how a value is shown; the local org returns the value itself. */
const PASS_THROUGH_FUNCTIONS = new Set(['TOLABEL', 'FORMAT', 'CONVERTCURRENCY']);

export class SoqlExecutor {
  public constructor(
    private readonly schema: OrgSchema,
    private readonly store: RecordStore,
    private readonly reader: RecordReader,
    private readonly today: () => string,
  ) {}

  public run(soql: string, options: QueryOptions = {}): QueryResult {
    let query: Query;
    try {
      query = parseQuery(soql);
    } catch (error) {
      throw malformed(`${(error as Error).message.split('\n')[0]} (in: ${soql})`);
    }
    refuseUnimplemented(query, 'query');
    const object = this.objectOf(soql, query.sObject ?? '');
    const apiVersion = options.apiVersion ?? '64.0';
    const fields = query.fields ?? [];
    const isAggregate = Boolean(query.groupBy) || fields.some((f) => f.type === 'FieldFunctionExpression' && AGGREGATES.has(f.functionName.toUpperCase()));
    if (isAggregate) return this.runAggregate(soql, query, object, options);

    const plan = this.plan(soql, object, query, query.sObjectAlias, options);
    const rows = SoqlExecutor.select(plan, this.scan(plan, options));
    return { totalSize: rows.length, done: true, records: rows.map((r) => this.project(plan, r, apiVersion)) };
  }

  private objectOf(soql: string, name: string): ObjectSchema {
    const object = this.schema.byLowerName.get(name.toLowerCase());
    if (!object || !object.queryable) throw unsupportedObject(soql, name);
    return object;
  }

  private whereContext(soql: string, options: QueryOptions): WhereContext {
    return {
      schema: this.schema,
      reader: this.reader,
      soql,
      today: this.today,
      runSemiJoin: (sub) => this.semiJoinValues(soql, sub, options),
      lookup: (object, field, values) => this.lookup(object, field, values),
    };
  }

  private plan(soql: string, object: ObjectSchema, query: Query | Subquery, alias: string | undefined, options: QueryOptions): Plan {
    const context = { schema: this.schema, reader: this.reader, soql };
    const projections: Projection[] = [];
    for (const item of query.fields ?? []) projections.push(...this.projection(soql, object, item, alias, options));
    if (projections.length === 0) throw malformed('SELECT needs at least one field');
    const orderBy = query.orderBy ? (Array.isArray(query.orderBy) ? query.orderBy : [query.orderBy]) : [];
    return {
      object,
      projections,
      where: compileWhere(this.whereContext(soql, options), object, query.where, alias),
      order: orderBy.map((clause) => SoqlExecutor.sortKey(context, object, clause, alias)),
      limit: query.limit,
      offset: query.offset,
    };
  }

  private projection(soql: string, object: ObjectSchema, item: FieldType, alias: string | undefined, options: QueryOptions): Projection[] {
    const context = { schema: this.schema, reader: this.reader, soql };
    switch (item.type) {
      case 'Field':
        return [{ kind: 'field', path: compilePath(context, object, item.field, alias) }];
      case 'FieldRelationship':
        return [{ kind: 'field', path: compilePath(context, object, [...item.relationships, item.field].join('.'), alias) }];
      case 'FieldSubquery': {
        const sub = item.subquery;
        refuseUnimplemented(sub, 'subquery');
        const relation = findChildRelationship(this.schema, object.name, sub.relationshipName);
        if (!relation) throw unknownRelationship(soql, sub.relationshipName, 'FROM part of query call');
        const child = this.schema.objects.get(relation.childSObject)!;
        return [{ kind: 'child', name: relation.relationshipName!, field: relation.field, plan: this.plan(soql, child, sub, undefined, options) }];
      }
      case 'FieldFunctionExpression': {
        const name = item.functionName.toUpperCase();
        if (name === 'FIELDS') {
          const which = String(item.parameters[0] ?? '').toUpperCase();
          return object.fields
            .filter((f) => which === 'ALL' || (which === 'CUSTOM' ? f.custom : !f.custom))
            .map((f) => ({ kind: 'field' as const, path: compilePath(context, object, f.name) }));
        }
        if (PASS_THROUGH_FUNCTIONS.has(name) && typeof item.parameters[0] === 'string') {
          return [{ kind: 'field', path: compilePath(context, object, item.parameters[0], alias) }];
        }
        throw malformed(`function ${item.functionName} is not supported by the local org`);
      }
      default:
        throw malformed('TYPEOF is not supported by the local org');
    }
  }

  private static sortKey(context: { schema: OrgSchema; reader: RecordReader; soql: string }, object: ObjectSchema, clause: OrderByClause, alias?: string): SortKey {
    if (!('field' in clause)) throw malformed('ORDER BY a function is only supported in aggregate queries');
    const descending = clause.order === 'DESC';
    // Salesforce's default: NULLS FIRST ascending, NULLS LAST descending (SOQL and SOSL Reference, "ORDER BY").
    const nullsFirst = clause.nulls ? clause.nulls === 'FIRST' : !descending;
    const path = compilePath(context, object, clause.field, alias);
    if (path.field.type === 'address') throw compoundMisuse(context.soql, path.fieldName, 'sorted');
    return { path, descending, nullsFirst };
  }

  // ---- execution ---------------------------------------------------------------------------------

  private scan(plan: Plan, options: QueryOptions): StoredRecord[] {
    const table = this.store.table(plan.object.name);
    const candidates = !options.includeDeleted && plan.where.candidates ? plan.where.candidates() : null;
    const source: Iterable<StoredRecord> = candidates
      ? [...candidates].map((id) => table.live.get(id)).filter((r): r is StoredRecord => Boolean(r))
      : options.includeDeleted
        ? [...table.live.values(), ...table.deleted.values()]
        : table.live.values();
    const rows: StoredRecord[] = [];
    for (const record of source) if (plan.where.test(record)) rows.push(record);
    if (candidates && !plan.order.length) {
      // Index order is not insertion order; keep the order a full scan would give.
      rows.sort((a, b) => (a.CreatedDate === b.CreatedDate ? compareText(a.Id, b.Id) : compareText(String(a.CreatedDate), String(b.CreatedDate))));
    }
    return rows;
  }

  private static select(plan: Plan, rows: StoredRecord[]): StoredRecord[] {
    if (plan.order.length) rows.sort(SoqlExecutor.comparator(plan.order));
    const start = plan.offset ?? 0;
    return rows.slice(start, plan.limit === undefined ? undefined : start + plan.limit);
  }

  private static comparator(keys: SortKey[]): (a: StoredRecord, b: StoredRecord) => number {
    return (a, b) => {
      for (const key of keys) {
        const x = key.path.get(a);
        const y = key.path.get(b);
        const xNull = x === null || x === undefined;
        const yNull = y === null || y === undefined;
        if (xNull || yNull) {
          if (xNull && yNull) continue;
          return xNull === key.nullsFirst ? -1 : 1;
        }
        const order = compareValues(x, y);
        if (order !== 0) return key.descending ? -order : order;
      }
      return 0;
    };
  }

  private project(plan: Plan, record: StoredRecord, apiVersion: string): SfRecord {
    const out: SfRecord = { attributes: SoqlExecutor.attributes(plan.object.name, record.Id, apiVersion) };
    for (const projection of plan.projections) {
      if (projection.kind === 'child') {
        const table = this.store.table(projection.plan.object.name);
        const children = [...table.childrenOf(projection.field, record.Id)].map((id) => table.live.get(id)!).filter((c) => projection.plan.where.test(c));
        const selected = SoqlExecutor.select(projection.plan, children);
        out[projection.name] = selected.length
          ? { totalSize: selected.length, done: true, records: selected.map((c) => this.project(projection.plan, c, apiVersion)) }
          : null;
        continue;
      }
      const { path } = projection;
      if (path.steps.length === 0) {
        out[path.fieldName] = path.get(record) ?? null;
        continue;
      }
      this.projectParentField(out, plan.object, record, path, apiVersion);
    }
    return out;
  }

  /** Nests `Account.Owner.Name` as `{ Account: { attributes, Owner: { attributes, Name } } }`, or `Account: null`. */
  private projectParentField(out: SfRecord, object: ObjectSchema, record: StoredRecord, path: FieldPath, apiVersion: string): void {
    let container: Record<string, unknown> = out;
    let currentRecord = record;
    let currentObject = object;
    for (const step of path.steps) {
      const parent = this.reader.parent(step.field, currentRecord);
      if (!parent) {
        if (!(step.name in container)) container[step.name] = null;
        return;
      }
      let nested = container[step.name] as Record<string, unknown> | null | undefined;
      if (!nested) {
        nested = { attributes: SoqlExecutor.attributes(parent.object.name, parent.record.Id, apiVersion) };
        container[step.name] = nested;
      }
      container = nested;
      currentRecord = parent.record;
      currentObject = parent.object;
    }
    const field = currentObject.fieldsByLowerName.get(path.fieldName.toLowerCase());
    container[path.fieldName] = field ? this.reader.value(currentObject, currentRecord, field) : path.fieldName === 'Type' ? currentObject.name : null;
  }

  private static attributes(type: string, id: string, apiVersion: string): { type: string; url: string } {
    return { type, url: `/services/data/v${apiVersion}/sobjects/${type}/${id}` };
  }

  // ---- indexes and semi-joins ----------------------------------------------------------------------

  private lookup(object: ObjectSchema, field: FieldSchema, values: unknown[]): Set<string> | null {
    const table = this.store.table(object.name);
    if (field.type === 'id') return new Set(values.map(String));
    const result = new Set<string>();
    if (field.type === 'reference') {
      for (const value of values) for (const id of table.childrenOf(field.name, String(value))) result.add(id);
      return result;
    }
    if (!table.byValue.has(field.name)) return null;
    for (const value of values) for (const id of table.idsWithValue(field.name, value)) result.add(id);
    return result;
  }

  private semiJoinValues(soql: string, sub: Query, options: QueryOptions): Set<unknown> {
    refuseUnimplemented(sub, 'subquery');
    const object = this.objectOf(soql, sub.sObject ?? '');
    const plan = this.plan(soql, object, sub, sub.sObjectAlias, { ...options, includeDeleted: false });
    const only = plan.projections[0];
    if (plan.projections.length !== 1 || only.kind !== 'field' || !['id', 'reference'].includes(only.path.field.type)) {
      throw malformed('a semi-join subquery selects exactly one Id or reference field');
    }
    return new Set(SoqlExecutor.select(plan, this.scan(plan, {})).map((r) => only.path.get(r)));
  }

  // ---- aggregates -------------------------------------------------------------------------------------

  private runAggregate(soql: string, query: Query, object: ObjectSchema, options: QueryOptions): QueryResult {
    const context = { schema: this.schema, reader: this.reader, soql };
    const alias = query.sObjectAlias;
    const where = compileWhere(this.whereContext(soql, options), object, query.where, alias);
    const plan: Plan = { object, projections: [{ kind: 'field', path: compilePath(context, object, 'Id') }], where, order: [] };
    const rows = this.scan(plan, options);
    const fields = query.fields ?? [];
    const onlyCount = fields.length === 1 && fields[0].type === 'FieldFunctionExpression' && fields[0].parameters.length === 0;
    if (onlyCount && !query.groupBy) {
      // COUNT(): the number of rows is totalSize and there are no records (SOQL and SOSL Reference, "COUNT()").
      return { totalSize: rows.length, done: true, records: [] };
    }
    const groupBy = query.groupBy ? (Array.isArray(query.groupBy) ? query.groupBy : [query.groupBy]) : [];
    const groupPaths = groupBy.map((g) => {
      if (!('field' in g)) throw malformed('GROUP BY a function is not supported by the local org');
      const path = compilePath(context, object, g.field, alias);
      if (path.field.type === 'address') throw compoundMisuse(soql, path.fieldName, 'grouped');
      return path;
    });
    let expression = 0;
    const columns: Array<{ key: string; group?: FieldPath; aggregate?: Aggregate; raw: string }> = fields.map((item) => {
      if (item.type === 'FieldFunctionExpression') {
        const kind = item.functionName.toLowerCase() as Aggregate['kind'];
        if (!AGGREGATES.has(item.functionName.toUpperCase())) throw malformed(`function ${item.functionName} is not supported in aggregate queries`);
        const parameter = item.parameters[0];
        const path = typeof parameter === 'string' ? compilePath(context, object, parameter, alias) : null;
        if (path?.field.type === 'address') throw compoundMisuse(soql, path.fieldName, 'aggregated');
        const key = item.alias ?? `expr${expression++}`;
        return { key, aggregate: { kind, path, key }, raw: item.rawValue ?? key };
      }
      const raw = item.type === 'FieldRelationship' ? [...item.relationships, item.field].join('.') : item.type === 'Field' ? item.field : '';
      if (!raw) throw malformed('only fields and aggregate functions can be selected with GROUP BY');
      const path = compilePath(context, object, raw, alias);
      const grouped = groupPaths.some((g) => g.steps.map((s) => s.name).concat(g.fieldName).join('.') === path.steps.map((s) => s.name).concat(path.fieldName).join('.'));
      if (!grouped) {
        throw malformed(`Field must be grouped or aggregated: ${path.fieldName}`);
      }
      // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing -- the left side is false when the item has no alias
      return { key: ('alias' in item && item.alias) || path.fieldName, group: path, raw };
    });
    const groups = new Map<string, StoredRecord[]>();
    for (const row of rows) {
      const key = JSON.stringify(groupPaths.map((p) => p.get(row)));
      const list = groups.get(key);
      if (list) list.push(row);
      else groups.set(key, [row]);
    }
    if (groupPaths.length === 0 && groups.size === 0) groups.set('[]', []);
    let memberLists = [...groups.values()];
    if (query.having) {
      const having = compileHaving(this.whereContext(soql, options), object, query.having, alias, groupPaths, aggregate);
      memberLists = memberLists.filter((members) => having(members));
    }
    let records: SfRecord[] = memberLists.map((members) => {
      const out: SfRecord = { attributes: { type: 'AggregateResult' } };
      for (const column of columns) {
        out[column.key] = column.group ? (members.length ? column.group.get(members[0]) : null) : aggregate(column.aggregate!, members);
      }
      return out;
    });
    const orderBy = query.orderBy ? (Array.isArray(query.orderBy) ? query.orderBy : [query.orderBy]) : [];
    if (orderBy.length) {
      const keys = orderBy.map((clause) => {
        const raw = 'field' in clause ? clause.field : (clause.fn.rawValue ?? '');
        const column = columns.find((c) => c.raw.toLowerCase() === raw.toLowerCase() || c.key.toLowerCase() === raw.toLowerCase());
        if (!column) throw malformed(`ORDER BY ${raw} must name a selected group or aggregate`);
        const descending = clause.order === 'DESC';
        return { key: column.key, descending, nullsFirst: clause.nulls ? clause.nulls === 'FIRST' : !descending };
      });
      records.sort((a, b) => {
        for (const key of keys) {
          const x = a[key.key];
          const y = b[key.key];
          if (x === null || y === null) {
            if (x === y) continue;
            return (x === null) === key.nullsFirst ? -1 : 1;
          }
          const order = compareValues(x, y);
          if (order) return key.descending ? -order : order;
        }
        return 0;
      });
    }
    const start = query.offset ?? 0;
    records = records.slice(start, query.limit === undefined ? undefined : start + query.limit);
    return { totalSize: records.length, done: true, records };
  }
}

/**
 * Clauses the parser reads but the local org does not carry out: refused with MALFORMED_QUERY rather than
 * ignored, so no query silently answers more (or other) rows than Salesforce would. WITH SECURITY_ENFORCED
 * and WITH USER_MODE / SYSTEM_MODE are kept: the only user is an administrator who sees every field and row,
 * so they change nothing here.
 */
function refuseUnimplemented(query: Query | Subquery, where: 'query' | 'subquery'): void {
  const refuse = (clause: string): never => {
    throw malformed(`${clause} is not supported by the local org`);
  };
  if (query.usingScope) refuse(`USING SCOPE ${query.usingScope}`);
  if (query.withDataCategory) refuse('WITH DATA CATEGORY');
  if (query.for) refuse(`FOR ${query.for}`);
  if (query.update) refuse(`UPDATE ${query.update}`);
  if (query.having && !query.groupBy) throw malformed('HAVING needs a GROUP BY clause');
  if (where === 'subquery' && (query.groupBy || query.having)) refuse('GROUP BY in a subquery');
}

function aggregate(spec: { kind: Aggregate['kind']; path: FieldPath | null }, rows: StoredRecord[]): unknown {
  if (spec.kind === 'count') return spec.path ? rows.filter((r) => spec.path!.get(r) !== null && spec.path!.get(r) !== undefined).length : rows.length;
  const values = rows.map((r) => spec.path!.get(r)).filter((v) => v !== null && v !== undefined);
  switch (spec.kind) {
    case 'count_distinct':
      return new Set(values.map((v) => (typeof v === 'string' ? v.toLowerCase() : v))).size;
    case 'sum':
      return values.length ? values.reduce((s: number, v) => s + Number(v), 0) : null;
    case 'avg':
      return values.length ? values.reduce((s: number, v) => s + Number(v), 0) / values.length : null;
    case 'min':
      return values.length ? values.reduce((m, v) => (compareValues(v, m) < 0 ? v : m)) : null;
    case 'max':
      return values.length ? values.reduce((m, v) => (compareValues(v, m) > 0 ? v : m)) : null;
    default:
      throw new OrgApiError(400, 'MALFORMED_QUERY', `unsupported aggregate ${String(spec.kind)}`);
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Text sorts case-insensitively, as Salesforce sorts it; numbers, dates (ISO text) and booleans naturally. */
export function compareValues(x: unknown, y: unknown): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  const a = String(x).toLowerCase();
  const b = String(y).toLowerCase();
  return compareText(a, b);
}
