/**
 * HAVING (SOQL and SOSL Reference, "HAVING"): filters the groups of an aggregate query. A condition is either
 * an aggregate function of the group (`COUNT(Id) > 100`, `SUM(Amount) >= 5000`, `MAX(CloseDate) < 2026-01-01`)
 * or a comparison on a grouped field (`Industry LIKE 'Bank%'`), joined by AND, OR, NOT and parentheses as in
 * WHERE. A field that is neither grouped nor aggregated, or a subquery, is refused with MALFORMED_QUERY.
 */
import type { Condition, HavingClause, WhereClause } from '@jetstreamapp/soql-parser-js';
import type { ObjectSchema } from '../schema/types.js';
import type { StoredRecord } from '../store/record-store.js';
import { malformed } from './errors.js';
import { compilePath, type FieldPath } from './paths.js';
import { compileWhere, conditionTree, type Node, type WhereContext } from './where.js';

export type GroupTest = (members: StoredRecord[]) => boolean;

export type AggregateKind = 'count' | 'count_distinct' | 'sum' | 'avg' | 'min' | 'max';
export type AggregateFn = (spec: { kind: AggregateKind; path: FieldPath | null }, rows: StoredRecord[]) => unknown;

const AGGREGATE_NAMES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

type FunctionCondition = { fn: { functionName?: string; parameters?: unknown[]; rawValue?: string }; operator: string; value: string | string[]; literalType?: string | string[] };

function literal(raw: string, type: string | undefined): unknown {
  switch (type) {
    case 'NULL':
      return null;
    case 'INTEGER':
    case 'DECIMAL':
      return Number(raw);
    case 'BOOLEAN':
      return raw.toUpperCase() === 'TRUE';
    case 'STRING':
      return raw.replace(/^'|'$/g, '').toLowerCase();
    case 'DATE':
    case 'DATETIME':
      return raw;
    default:
      throw malformed(`HAVING compares an aggregate with a number, text, date or null, not ${raw}`);
  }
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a).toLowerCase();
  const y = String(b).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function matches(value: unknown, operator: string, literals: unknown[]): boolean {
  const [first] = literals;
  switch (operator) {
    case '=':
      return first === null ? value === null : value !== null && compare(value, first) === 0;
    case '!=':
      return first === null ? value !== null : value === null || compare(value, first) !== 0;
    case 'IN':
      return value !== null && literals.some((l) => l !== null && compare(value, l) === 0);
    case 'NOT IN':
      return value === null || !literals.some((l) => l !== null && compare(value, l) === 0);
    case '<':
      return value !== null && first !== null && compare(value, first) < 0;
    case '<=':
      return value !== null && first !== null && compare(value, first) <= 0;
    case '>':
      return value !== null && first !== null && compare(value, first) > 0;
    case '>=':
      return value !== null && first !== null && compare(value, first) >= 0;
    default:
      throw malformed(`operator ${operator} is not supported in HAVING by the local org`);
  }
}

const pathKey = (path: FieldPath): string => [...path.steps.map((s) => s.name), path.fieldName].join('.').toLowerCase();

export function compileHaving(
  context: WhereContext,
  object: ObjectSchema,
  having: HavingClause,
  alias: string | undefined,
  groupPaths: FieldPath[],
  aggregate: AggregateFn,
): GroupTest {
  const grouped = new Set(groupPaths.map(pathKey));
  const compileNode = (node: Node): GroupTest => {
    switch (node.kind) {
      case 'and': {
        const parts = node.children.map(compileNode);
        return (m) => parts.every((p) => p(m));
      }
      case 'or': {
        const parts = node.children.map(compileNode);
        return (m) => parts.some((p) => p(m));
      }
      case 'not': {
        const inner = compileNode(node.child);
        return (m) => !inner(m);
      }
      case 'condition':
        return compileCondition(node.condition as Condition);
    }
  };
  const compileCondition = (condition: Condition): GroupTest => {
    if ('valueQuery' in condition) throw malformed('a subquery is not allowed in HAVING');
    if ('fn' in condition) {
      const { fn, operator, value, literalType } = condition as unknown as FunctionCondition;
      const name = (fn.functionName ?? '').toUpperCase();
      if (!AGGREGATE_NAMES.has(name)) throw malformed(`HAVING needs an aggregate function, not ${fn.rawValue ?? name}`);
      const parameter = fn.parameters?.[0];
      if (parameter !== undefined && typeof parameter !== 'string') throw malformed(`HAVING ${fn.rawValue ?? name}: nested functions are not supported by the local org`);
      const path = typeof parameter === 'string' ? compilePath(context, object, parameter, alias) : null;
      const raws = Array.isArray(value) ? value : [value];
      const types = Array.isArray(literalType) ? literalType : raws.map(() => literalType);
      const literals = raws.map((raw, i) => literal(raw, types[i]));
      const kind = name.toLowerCase() as AggregateKind;
      const op = operator.toUpperCase();
      return (members) => matches(aggregate({ kind, path }, members) ?? null, op, literals);
    }
    if (!('field' in condition)) throw malformed('unsupported HAVING condition');
    const path = compilePath(context, object, condition.field, alias);
    if (!grouped.has(pathKey(path))) throw malformed(`Field must be grouped or aggregated: ${condition.field}`);
    // A grouped field has one value per group: test the WHERE form of the condition on any member.
    const single = { left: { ...condition, openParen: 0, closeParen: 0 } } as unknown as WhereClause;
    const test = compileWhere(context, object, single, alias).test;
    return (members) => members.length > 0 && test(members[0]);
  };
  return compileNode(conditionTree(having as unknown as WhereClause));
}
