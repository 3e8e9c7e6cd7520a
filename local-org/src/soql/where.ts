/**
 * WHERE clauses. The parser gives a flat chain of conditions with parenthesis counts; it is rebuilt into a
 * tree (NOT binds tightest, then AND, then OR) and compiled into a predicate over stored records.
 *
 * Semantics checked against the SOQL and SOSL Reference ("Comparison Operators", "Date Formats and Date
 * Literals in WHERE"): text comparisons are case-insensitive; `!=` and `NOT IN` also match null values; `<`,
 * `>` never match null; LIKE is case-insensitive with `%` and `_` and `\` escapes; a date literal is a range
 * (`=` inside, `<` before its start, `>` after its end).
 */
import type { Condition, ConditionWithValueQuery, Query, WhereClause } from '@jetstreamapp/soql-parser-js';
import type { FieldSchema, ObjectSchema } from '../schema/types.js';
import { normalizeId } from '../store/ids.js';
import type { StoredRecord } from '../store/record-store.js';
import { dateLiteralRange } from './date-literals.js';
import { compoundMisuse, malformed, queryError } from './errors.js';
import { compilePath, type FieldPath, type PathContext } from './paths.js';

export type Predicate = (record: StoredRecord) => boolean;

/** A WHERE clause compiled: the predicate, and for indexed equality on Id / reference / external id fields the candidate Ids. */
export type CompiledWhere = { test: Predicate; candidates: (() => Set<string> | null) | null };

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: ConditionWithValueQuery };

export type Node =
  | { kind: 'and' | 'or'; children: Node[] }
  | { kind: 'not'; child: Node }
  | { kind: 'condition'; condition: ConditionWithValueQuery };

export type SubqueryRunner = (query: Query) => Set<unknown>;

export type WhereContext = PathContext & {
  today: () => string;
  runSemiJoin: SubqueryRunner;
  /** Ids of the records whose `field` (Id, reference or external id) equals one of the values; null when not indexed. */
  lookup: (object: ObjectSchema, field: FieldSchema, values: unknown[]) => Set<string> | null;
};

function flatten(where: WhereClause | undefined, tokens: Token[]): void {
  if (!where) return;
  const left = where.left as (ConditionWithValueQuery & { openParen?: number; closeParen?: number }) | null;
  const isCondition = left !== null && ('field' in left || 'fn' in left);
  const chained = where as { operator?: string; right?: WhereClause };
  if (chained.operator === 'NOT' && !isCondition) {
    for (let i = 0; i < (left?.openParen ?? 0); i++) tokens.push('(');
    tokens.push('NOT');
    flatten(chained.right, tokens);
    return;
  }
  if (left) {
    for (let i = 0; i < (left.openParen ?? 0); i++) tokens.push('(');
    tokens.push({ condition: left });
    for (let i = 0; i < (left.closeParen ?? 0); i++) tokens.push(')');
  }
  if (chained.operator && chained.right) {
    tokens.push(chained.operator as Token);
    flatten(chained.right, tokens);
  }
}

function buildTree(tokens: Token[]): Node {
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const parseOr = (): Node => {
    const children = [parseAnd()];
    while (peek() === 'OR') {
      position++;
      children.push(parseAnd());
    }
    return children.length === 1 ? children[0] : { kind: 'or', children };
  };
  const parseAnd = (): Node => {
    const children = [parseUnary()];
    while (peek() === 'AND') {
      position++;
      children.push(parseUnary());
    }
    return children.length === 1 ? children[0] : { kind: 'and', children };
  };
  const parseUnary = (): Node => {
    const token = tokens[position++];
    if (token === 'NOT') return { kind: 'not', child: parseUnary() };
    if (token === '(') {
      const inner = parseOr();
      if (tokens[position++] !== ')') throw malformed('unbalanced parentheses in WHERE clause');
      return inner;
    }
    if (token && typeof token === 'object') return { kind: 'condition', condition: token.condition };
    throw malformed(`unexpected token in WHERE clause: ${String(token)}`);
  };
  const tree = parseOr();
  if (position !== tokens.length) throw malformed('unbalanced parentheses in WHERE clause');
  return tree;
}

/** The parser's flat chain of conditions (a WHERE or a HAVING clause, same shape) as a tree. */
export function conditionTree(where: WhereClause): Node {
  const tokens: Token[] = [];
  flatten(where, tokens);
  return buildTree(tokens);
}

export function compileWhere(context: WhereContext, object: ObjectSchema, where: WhereClause | undefined, alias?: string): CompiledWhere {
  if (!where) return { test: () => true, candidates: null };
  return compileNode(context, object, conditionTree(where), alias);
}

function compileNode(context: WhereContext, object: ObjectSchema, node: Node, alias?: string): CompiledWhere {
  switch (node.kind) {
    case 'and': {
      const parts = node.children.map((c) => compileNode(context, object, c, alias));
      const tests = parts.map((p) => p.test);
      const indexed = parts.map((p) => p.candidates).filter((c): c is () => Set<string> | null => c !== null);
      return {
        test: (r) => tests.every((t) => t(r)),
        // Any indexed conjunct narrows the scan; the smallest wins.
        candidates: indexed.length
          ? () => {
              let best: Set<string> | null = null;
              for (const candidates of indexed) {
                const set = candidates();
                if (set && (!best || set.size < best.size)) best = set;
              }
              return best;
            }
          : null,
      };
    }
    case 'or': {
      const tests = node.children.map((c) => compileNode(context, object, c, alias).test);
      return { test: (r) => tests.some((t) => t(r)), candidates: null };
    }
    case 'not': {
      const inner = compileNode(context, object, node.child, alias).test;
      return { test: (r) => !inner(r), candidates: null };
    }
    case 'condition':
      return compileCondition(context, object, node.condition, alias);
  }
}

// ---- one condition ---------------------------------------------------------------------------------

type Comparable = string | number | boolean;

/** A literal as an inclusive range in the field's comparable domain (a single value has lo === hi). */
type Bound = { lo: Comparable; hi: Comparable } | null;

const TEXT_TYPES = new Set(['string', 'textarea', 'picklist', 'email', 'phone', 'url']);
const NUMBER_TYPES = new Set(['double', 'int', 'currency', 'percent']);

function unquote(raw: string): string {
  const body = raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1) : raw;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && i + 1 < body.length) {
      const next = body[++i];
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
    } else out += body[i];
  }
  return out;
}

function likeMatcher(raw: string): RegExp {
  const body = raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1) : raw;
  let pattern = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length) pattern += escapeRegExp(body[++i]);
    else if (c === '%') pattern += '[\\s\\S]*';
    else if (c === '_') pattern += '[\\s\\S]';
    else pattern += escapeRegExp(c);
  }
  return new RegExp(`^${pattern}$`, 'i');
}

function escapeRegExp(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

function datetimeMs(text: string): number {
  return new Date(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).getTime();
}

/** The stored value in the comparable domain of its field. */
function comparableOf(field: FieldSchema, value: unknown): Comparable | null {
  if (value === null || value === undefined) return null;
  if (TEXT_TYPES.has(field.type)) return String(value).toLowerCase();
  if (field.type === 'datetime') return datetimeMs(String(value));
  return value as Comparable;
}

function literalBound(context: WhereContext, field: FieldSchema, raw: string, literalType: string, n: number | undefined, soql: string): Bound {
  switch (literalType) {
    case 'NULL':
      return null;
    case 'STRING': {
      const text = unquote(raw);
      if (field.type === 'id' || field.type === 'reference') {
        const id = normalizeId(text);
        if (!id) throw queryError('INVALID_QUERY_FILTER_OPERATOR', soql, raw, `invalid ID field: ${text}`);
        return { lo: id, hi: id };
      }
      if (NUMBER_TYPES.has(field.type) || field.type === 'date' || field.type === 'datetime' || field.type === 'boolean') {
        throw queryError(
          'INVALID_QUERY_FILTER_OPERATOR',
          soql,
          raw,
          `value of filter criterion for field '${field.name}' must be of type ${field.type} and should not be enclosed in quotes`,
        );
      }
      const lower = text.toLowerCase();
      return { lo: lower, hi: lower };
    }
    case 'INTEGER':
    case 'DECIMAL':
    case 'INTEGER_WITH_CURRENCY_PREFIX':
    case 'DECIMAL_WITH_CURRENCY_PREFIX': {
      const number = Number(raw.replace(/^[A-Z]{3}/, ''));
      return { lo: number, hi: number };
    }
    case 'BOOLEAN': {
      const value = raw.toUpperCase() === 'TRUE';
      return { lo: value, hi: value };
    }
    case 'DATE':
      if (field.type === 'datetime') {
        const start = datetimeMs(`${raw}T00:00:00Z`);
        return { lo: start, hi: start };
      }
      return { lo: raw, hi: raw };
    case 'DATETIME': {
      const ms = datetimeMs(raw);
      if (field.type === 'date') {
        const day = new Date(ms).toISOString().slice(0, 10);
        return { lo: day, hi: day };
      }
      return { lo: ms, hi: ms };
    }
    case 'DATE_LITERAL':
    case 'DATE_N_LITERAL': {
      const range = dateLiteralRange(raw, context.today(), n ?? 0);
      if (field.type === 'datetime') {
        return { lo: datetimeMs(`${range.first}T00:00:00Z`), hi: datetimeMs(`${range.last}T00:00:00Z`) + 86_399_999 };
      }
      return { lo: range.first, hi: range.last };
    }
    default:
      throw malformed(`unsupported literal ${raw} (${literalType})`);
  }
}

const lt = (a: Comparable, b: Comparable): boolean => a < b;

function compileCondition(context: WhereContext, object: ObjectSchema, condition: ConditionWithValueQuery, alias?: string): CompiledWhere {
  if (!('field' in condition)) {
    throw malformed(`functions in WHERE are not supported by the local org: ${(condition as { fn?: { rawValue?: string } }).fn?.rawValue ?? ''}`);
  }
  const path = compilePath(context, object, condition.field, alias);
  if (path.field.type === 'address') throw compoundMisuse(context.soql, path.fieldName, 'filtered');
  const operator = condition.operator.toUpperCase();

  if ('valueQuery' in condition && condition.valueQuery) {
    return compileSemiJoin(context, object, path, operator, condition.valueQuery);
  }
  const c = condition as Condition & { value: string | string[]; literalType?: string | string[]; dateLiteralVariable?: number | number[] };
  const rawValues = Array.isArray(c.value) ? c.value : [c.value];
  const types = Array.isArray(c.literalType) ? c.literalType : rawValues.map(() => c.literalType as string);
  const ns = Array.isArray(c.dateLiteralVariable) ? c.dateLiteralVariable : rawValues.map(() => c.dateLiteralVariable as number | undefined);
  const { field } = path;

  if (operator === 'LIKE') {
    const matcher = likeMatcher(rawValues[0]);
    return { test: (r) => {
      const v = path.get(r);
      return v !== null && v !== undefined && matcher.test(String(v));
    }, candidates: null };
  }
  if (operator === 'INCLUDES' || operator === 'EXCLUDES') throw malformed(`${operator} applies only to multi-select picklists, which this org has none of`);

  const bounds = rawValues.map((raw, i) => literalBound(context, field, raw, types[i] ?? 'STRING', ns[i] ?? undefined, context.soql));

  const inBound = (value: Comparable | null, bound: Bound): boolean =>
    bound === null ? value === null : value !== null && !lt(value, bound.lo) && !lt(bound.hi, value);

  const candidatesFor = (): (() => Set<string> | null) | null => {
    if (!(field.type === 'id' || field.type === 'reference' || field.externalId || field.unique) || path.steps.length) return null;
    if (bounds.some((b) => b === null || b.lo !== b.hi)) return null;
    const values = bounds.map((b) => b!.lo);
    return () => context.lookup(object, field, values);
  };

  switch (operator) {
    case '=':
      return { test: (r) => inBound(comparableOf(field, path.get(r)), bounds[0]), candidates: candidatesFor() };
    case '!=':
      return { test: (r) => !inBound(comparableOf(field, path.get(r)), bounds[0]), candidates: null };
    case 'IN':
      return { test: (r) => {
        const v = comparableOf(field, path.get(r));
        return bounds.some((b) => inBound(v, b));
      }, candidates: candidatesFor() };
    case 'NOT IN':
      return { test: (r) => {
        const v = comparableOf(field, path.get(r));
        return !bounds.some((b) => inBound(v, b));
      }, candidates: null };
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const bound = bounds[0];
      if (bound === null) return { test: () => false, candidates: null };
      const compare =
        operator === '<'
          ? (v: Comparable) => lt(v, bound.lo)
          : operator === '<='
            ? (v: Comparable) => !lt(bound.hi, v)
            : operator === '>'
              ? (v: Comparable) => lt(bound.hi, v)
              : (v: Comparable) => !lt(v, bound.lo);
      return { test: (r) => {
        const v = comparableOf(field, path.get(r));
        return v !== null && compare(v);
      }, candidates: null };
    }
    default:
      throw malformed(`unsupported operator ${operator}`);
  }
}

function compileSemiJoin(context: WhereContext, object: ObjectSchema, path: FieldPath, operator: string, subquery: Query): CompiledWhere {
  if (operator !== 'IN' && operator !== 'NOT IN') throw malformed(`a subquery needs IN or NOT IN, not ${operator}`);
  if (path.field.type !== 'id' && path.field.type !== 'reference') {
    throw queryError('INVALID_FIELD', context.soql, path.fieldName, `The left operand of a semi-join must be an Id or a reference field, not ${path.fieldName}.`);
  }
  let values: Set<unknown> | null = null;
  const resolve = (): Set<unknown> => (values ??= context.runSemiJoin(subquery));
  const test: Predicate =
    operator === 'IN'
      ? (r) => resolve().has(path.get(r))
      : (r) => !resolve().has(path.get(r));
  const indexed = operator === 'IN' && path.steps.length === 0;
  return {
    test,
    candidates: indexed ? () => context.lookup(object, path.field, [...resolve()].filter((v) => v !== null)) : null,
  };
}
