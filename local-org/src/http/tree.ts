/**
 * sObject Tree (REST API Developer Guide, "sObject Tree", "sObject Tree Request Body", "sObject Tree Response
 * Body", "Create Nested Records", "Create Multiple Records"): `POST .../composite/tree/{sObject}` creates up to
 * 200 records across root records of that type and their nested children (five levels, five types), all or
 * nothing. Success is 201 `{ hasErrors: false, results: [{ referenceId, id }] }`, root records first, then each
 * level in request order; failure is 400 `{ hasErrors: true, results: [{ referenceId, errors }] }` naming only
 * the records at fault, and nothing is kept. This is what `sf data import tree` sends, its plan's `@ref`s
 * already replaced by Ids.
 */
import { OrgApiError, type DescribeSObjectResult, type SaveError, type SaveResult, type SfRecord } from '../engine/types.js';
import { jsonObjectBody, type ApiCall, type OrgContext } from './context.js';
import { json, methodNotAllowed, notFound, type Reply } from './respond.js';

export const TREE_RECORD_LIMIT = 200;
const TREE_DEPTH_LIMIT = 5;
const TREE_TYPE_LIMIT = 5;
/** "Values must start with an alphanumeric character and contain only letters, numbers, or underscores." */
const REFERENCE_ID = /^[A-Za-z0-9][A-Za-z0-9_]*$/;

type TreeNode = {
  referenceId: string;
  type: string;
  fields: SfRecord;
  level: number;
  /** The lookup field on this record that points at its parent in the tree, and that parent. */
  parent?: { node: TreeNode; field: string };
  id?: string;
};

type TreeError = { referenceId: string | null; errors: SaveError[] };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const inputError = (message: string): SaveError => ({ statusCode: 'INVALID_INPUT', message, fields: [] });
const failure = (results: TreeError[]): Reply => json({ hasErrors: true, results }, 400);

/** Reads the trees into nodes, level by level; problems with the request itself come back as tree errors. */
class TreeReader {
  public readonly nodes: TreeNode[] = [];
  public readonly errors: TreeError[] = [];
  private readonly describes = new Map<string, DescribeSObjectResult>();

  public constructor(private readonly ctx: OrgContext) {}

  private describe(type: string): DescribeSObjectResult {
    const key = type.toLowerCase();
    let describe = this.describes.get(key);
    if (!describe) {
      try {
        describe = this.ctx.engine.describe(type);
      } catch (error) {
        if (error instanceof OrgApiError && error.httpStatus === 404) {
          throw new OrgApiError(400, 'INVALID_TYPE', `sObject type '${type}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
        }
        throw error;
      }
      this.describes.set(key, describe);
    }
    return describe;
  }

  public read(records: unknown[], expectedType: string, level: number, parent?: { node: TreeNode; field: string }): void {
    for (const raw of records) {
      if (!isObject(raw)) throw new OrgApiError(400, 'JSON_PARSER_ERROR', 'Each entry of "records" must be a JSON object.');
      const attributes = isObject(raw.attributes) ? raw.attributes : {};
      const type = typeof attributes.type === 'string' ? attributes.type : '';
      const referenceId = typeof attributes.referenceId === 'string' ? attributes.referenceId : '';
      if (!type) throw new OrgApiError(400, 'INVALID_INPUT', 'Each record needs attributes.type.');
      if (type.toLowerCase() !== expectedType.toLowerCase()) {
        throw new OrgApiError(400, 'INVALID_INPUT', `Record type ${type} doesn't match the ${level === 1 ? 'sObject type in the URI' : 'child relationship type'}: ${expectedType}`);
      }
      const describe = this.describe(type);
      if (!referenceId) this.errors.push({ referenceId: null, errors: [inputError('Include a reference ID for each record in the request.')] });
      else if (!REFERENCE_ID.test(referenceId)) {
        this.errors.push({ referenceId, errors: [inputError(`Invalid reference ID ${referenceId}: start with a letter or digit and use only letters, digits and underscores.`)] });
      }
      const node: TreeNode = { referenceId, type: describe.name, fields: {}, level, parent };
      this.nodes.push(node);
      if (level > TREE_DEPTH_LIMIT) throw new OrgApiError(400, 'INVALID_INPUT', `sObject trees can be at most ${TREE_DEPTH_LIMIT} levels deep.`);
      const children: Array<{ records: unknown[]; childType: string; field: string }> = [];
      for (const [key, value] of Object.entries(raw)) {
        if (key === 'attributes') continue;
        if (isObject(value) && Array.isArray(value.records)) {
          const relation = describe.childRelationships.find((r) => r.relationshipName?.toLowerCase() === key.toLowerCase());
          if (!relation) throw new OrgApiError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${describe.name}`);
          children.push({ records: value.records, childType: relation.childSObject, field: relation.field });
          continue;
        }
        const field = describe.fields.find((f) => f.name.toLowerCase() === key.toLowerCase());
        // Unknown fields fail the request before anything is saved, as Salesforce's deserializer does.
        if (!field) throw new OrgApiError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${describe.name}`);
        node.fields[field.name] = value;
      }
      for (const child of children) this.read(child.records, child.childType, level + 1, { node, field: child.field });
    }
  }
}

/** Writes the nodes of one level, grouped by type in request order; stops at the first group that fails. */
function writeLevel(ctx: OrgContext, nodes: TreeNode[]): TreeError[] {
  const byType = new Map<string, TreeNode[]>();
  for (const node of nodes) byType.set(node.type, [...(byType.get(node.type) ?? []), node]);
  for (const [type, group] of byType) {
    const records = group.map((node) => (node.parent ? { ...node.fields, [node.parent.field]: node.parent.node.id } : node.fields));
    const results: SaveResult[] = ctx.engine.create(type, records, { allOrNone: true });
    const failed = results.flatMap((r, i) => (r.success ? [] : r.errors.some((e) => e.statusCode !== 'ALL_OR_NONE_OPERATION_ROLLED_BACK') ? [{ referenceId: group[i].referenceId, errors: r.errors }] : []));
    if (failed.length) return failed;
    results.forEach((r, i) => (group[i].id = r.id ?? undefined));
  }
  return [];
}

function createTrees(ctx: OrgContext, nodes: TreeNode[]): TreeError[] {
  const levels = [...new Set(nodes.map((n) => n.level))].sort((a, b) => a - b);
  for (const level of levels) {
    const errors = writeLevel(ctx, nodes.filter((n) => n.level === level));
    if (errors.length) return errors;
  }
  return [];
}

/** `POST .../composite/tree/{sObject}` */
export function treeRoute(ctx: OrgContext, call: ApiCall): Reply {
  const [, , sobject] = call.segments;
  if (!sobject || call.segments.length !== 3) throw notFound();
  if (call.method !== 'POST') throw methodNotAllowed(call.method, ['POST']);
  const body = jsonObjectBody(call);
  if (!Array.isArray(body.records)) throw new OrgApiError(400, 'JSON_PARSER_ERROR', 'The body needs a "records" array.');

  const reader = new TreeReader(ctx);
  reader.read(body.records, sobject, 1);
  const { nodes } = reader;
  if (nodes.length > TREE_RECORD_LIMIT) {
    return failure([{ referenceId: nodes[TREE_RECORD_LIMIT].referenceId || null, errors: [{ statusCode: 'LIMIT_EXCEEDED', message: `Exceeded the limit of ${TREE_RECORD_LIMIT} records in a single request: this one has ${nodes.length}.`, fields: [] }] }]);
  }
  const types = new Set(nodes.map((n) => n.type));
  if (types.size > TREE_TYPE_LIMIT) throw new OrgApiError(400, 'INVALID_INPUT', `An sObject Tree request can hold records of up to ${TREE_TYPE_LIMIT} types; this one has ${types.size}.`);
  const seen = new Map<string, number>();
  for (const node of nodes) if (node.referenceId) seen.set(node.referenceId, (seen.get(node.referenceId) ?? 0) + 1);
  // One result per instance of a duplicated reference Id ("sObject Tree Response Body").
  const duplicates = nodes.filter((n) => (seen.get(n.referenceId) ?? 0) > 1).map((n) => ({ referenceId: n.referenceId, errors: [inputError(`Duplicate ReferenceId provided in the request: ${n.referenceId}`)] }));
  if (reader.errors.length || duplicates.length) return failure([...reader.errors, ...duplicates]);

  ctx.meter.countRecords(nodes.length);
  const errors = ctx.engine.atomic
    ? ctx.engine.atomic(() => createTrees(ctx, nodes), (e) => e.length === 0)
    : createWithUndo(ctx, nodes);
  if (errors.length) return failure(errors);
  const ordered = [...nodes].sort((a, b) => a.level - b.level);
  return json({ hasErrors: false, results: ordered.map((n) => ({ referenceId: n.referenceId, id: n.id })) }, 201);
}

/** Engines without transactions: delete what was created when a level fails. */
function createWithUndo(ctx: OrgContext, nodes: TreeNode[]): TreeError[] {
  const errors = createTrees(ctx, nodes);
  if (errors.length) {
    const created = nodes.filter((n) => n.id).map((n) => n.id as string).reverse();
    if (created.length) ctx.engine.delete(created, { allOrNone: false });
  }
  return errors;
}
