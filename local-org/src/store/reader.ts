/**
 * Reading values the way the platform shows them: stored fields as stored, formula fields computed from the
 * record and its parents (`Initiative__r.Go_Live_Date__c`), parents found through reference fields.
 */
import { findRelationshipField } from '../schema/index.js';
import type { FieldSchema, ObjectSchema, OrgSchema } from '../schema/types.js';
import { evaluateFormula, literalFor, prepareFormula } from './formulas.js';
import { keyPrefixOf } from './ids.js';
import type { RecordStore, StoredRecord } from './record-store.js';

export type Located = { object: ObjectSchema; record: StoredRecord };

/** A compound address as the REST API returns it: its components as one object, or null when all are blank. */
function addressValue(record: Record<string, unknown>, prefix: string): Record<string, unknown> | null {
  const part = (name: string): unknown => record[`${prefix}${name}`] ?? null;
  const value = {
    city: part('City'),
    country: part('Country'),
    geocodeAccuracy: part('GeocodeAccuracy'),
    latitude: part('Latitude'),
    longitude: part('Longitude'),
    postalCode: part('PostalCode'),
    state: part('State'),
    street: part('Street'),
  };
  return Object.values(value).every((v) => v === null) ? null : value;
}

export class RecordReader {
  /** Formula values per record version; cleared whenever anything is written or the date changes. */
  private formulaCache = new WeakMap<StoredRecord, Map<string, unknown>>();
  private cacheTag = '';

  public constructor(
    private readonly schema: OrgSchema,
    private readonly store: RecordStore,
    private readonly today: () => string,
  ) {}

  public objectOfId(id: string): ObjectSchema | undefined {
    return this.schema.byKeyPrefix.get(keyPrefixOf(id));
  }

  /** The parent record a reference field points at (polymorphic references resolve by key prefix). */
  public parent(field: FieldSchema, record: Record<string, unknown>): Located | null {
    const id = record[field.name];
    if (typeof id !== 'string') return null;
    const object = this.objectOfId(id);
    if (!object) return null;
    const parent = this.store.get(object.name, id);
    return parent ? { object, record: parent } : null;
  }

  public value(object: ObjectSchema, record: Record<string, unknown>, field: FieldSchema): unknown {
    if (field.addressPrefix !== undefined) return addressValue(record, field.addressPrefix);
    if (!field.formula) return record[field.name] ?? null;
    const stored = record as StoredRecord;
    this.checkCache();
    let values = this.formulaCache.get(stored);
    if (values?.has(field.name)) return values.get(field.name);
    const result = this.computeFormula(object, record, field.formula, field.type);
    if (!values) this.formulaCache.set(stored, (values = new Map<string, unknown>()));
    values.set(field.name, result);
    return result;
  }

  /** Evaluates any formula (formula field or validation rule) against a record that may not be stored yet. */
  public computeFormula(object: ObjectSchema, record: Record<string, unknown>, formula: string, resultType: FieldSchema['type']): unknown {
    const prepared = prepareFormula(formula);
    return evaluateFormula(prepared, this.today(), (identifier) => this.literal(object, record, identifier.split('.')), resultType);
  }

  private literal(object: ObjectSchema, record: Record<string, unknown>, path: string[]): ReturnType<typeof literalFor> {
    let currentObject = object;
    let current: Record<string, unknown> | null = record;
    for (let i = 0; i < path.length - 1; i++) {
      const relationship = findRelationshipField(currentObject, path[i]);
      if (!relationship) return literalFor(undefined, null);
      const next: Located | null = current ? this.parent(relationship, current) : null;
      if (!next) {
        // Blank parent: the value is blank, typed like the field on the (first) target object.
        const target = this.schema.objects.get(relationship.referenceTo![0]);
        const field = target?.fieldsByLowerName.get(path[path.length - 1].toLowerCase());
        return literalFor(field, null);
      }
      currentObject = next.object;
      current = next.record;
    }
    const field = currentObject.fieldsByLowerName.get(path[path.length - 1].toLowerCase());
    return literalFor(field, field && current ? this.value(currentObject, current, field) : null);
  }

  private checkCache(): void {
    const tag = `${this.store.version}|${this.today()}`;
    if (tag !== this.cacheTag) {
      this.formulaCache = new WeakMap();
      this.cacheTag = tag;
    }
  }
}
