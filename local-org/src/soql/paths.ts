/**
 * Field paths of a query (`Name`, `Account.Name`, `Opportunity__r.Account.Name`, `What.Name`) resolved against
 * the schema once, into an accessor that follows parent Ids through the store for each record.
 */
import { findRelationshipField } from '../schema/index.js';
import type { FieldSchema, ObjectSchema, OrgSchema } from '../schema/types.js';
import type { RecordReader } from '../store/reader.js';
import type { StoredRecord } from '../store/record-store.js';
import { noSuchColumn, unknownRelationship } from './errors.js';

export type RelationshipStep = { field: FieldSchema; name: string };

export type FieldPath = {
  /** Parent hops, each with the canonical relationship name (Account, Initiative__r...). */
  steps: RelationshipStep[];
  /** The field at the end, typed by the first object that has it (polymorphic paths resolve at run time). */
  field: FieldSchema;
  fieldName: string;
  /** Object holding the final field when it is known statically. */
  owner: ObjectSchema;
  get: (record: StoredRecord) => unknown;
};

export type PathContext = { schema: OrgSchema; reader: RecordReader; soql: string };

export function compilePath(context: PathContext, object: ObjectSchema, rawPath: string, alias?: string): FieldPath {
  const segments = rawPath.split('.');
  if (alias && segments.length > 1 && segments[0].toLowerCase() === alias.toLowerCase()) segments.shift();
  const steps: RelationshipStep[] = [];
  let current = object;
  let polymorphicTargets: ObjectSchema[] | null = null;
  for (const segment of segments.slice(0, -1)) {
    if (polymorphicTargets) throw unknownRelationship(context.soql, segment, 'field path');
    const relationship = findRelationshipField(current, segment);
    if (!relationship) throw unknownRelationship(context.soql, segment, 'field path');
    steps.push({ field: relationship, name: relationship.relationshipName! });
    const targets = relationship.referenceTo!.map((name) => context.schema.objects.get(name)).filter((o): o is ObjectSchema => Boolean(o));
    if (targets.length > 1) polymorphicTargets = targets;
    current = targets[0];
  }
  const last = segments[segments.length - 1];
  const lower = last.toLowerCase();
  const owners = polymorphicTargets ?? [current];
  const owner = owners.find((o) => o.fieldsByLowerName.has(lower));
  const isTypeOfPolymorphic = Boolean(polymorphicTargets) && lower === 'type';
  if (!owner && !isTypeOfPolymorphic) throw noSuchColumn(context.soql, segments.join('.'), current.name);
  const field: FieldSchema = owner
    ? owner.fieldsByLowerName.get(lower)!
    : { ...current.fieldsByLowerName.get('id')!, name: 'Type', type: 'string', label: 'Type' };
  const { reader } = context;

  const get = (record: StoredRecord): unknown => {
    let currentObject: ObjectSchema = object;
    let currentRecord: StoredRecord = record;
    for (const step of steps) {
      const parent = reader.parent(step.field, currentRecord);
      if (!parent) return null;
      currentObject = parent.object;
      currentRecord = parent.record;
    }
    if (isTypeOfPolymorphic && !owner) return currentObject.name;
    const actual = currentObject.fieldsByLowerName.get(lower);
    return actual ? reader.value(currentObject, currentRecord, actual) : null;
  };
  return { steps, field, fieldName: field.name, owner: owner ?? current, get };
}
