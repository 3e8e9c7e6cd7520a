/**
 * One record's insert, update or delete with the checks Salesforce makes, in its order: fields exist and are
 * writable, values have the field's shape, references point at live records of the right type, required
 * fields are present, unique values are unique, validation rules pass. Then the record is stored and what
 * depends on it (roll-up summaries, an opportunity's amount, cascade deletes) is brought up to date.
 */
import type { SaveError, SfRecord } from '../engine/types.js';
import { findRelationshipField } from '../schema/index.js';
import type { FieldSchema, ObjectSchema, OrgSchema, RollupSummary } from '../schema/types.js';
import { deriveForecastAndFiscal, deriveStandardFields } from './derived-fields.js';
import { coerceValue, saveError } from './field-values.js';
import { keyPrefixOf, makeId, normalizeId } from './ids.js';
import type { RecordReader } from './reader.js';
import { type RecordStore, type StoredRecord, uniqueKey } from './record-store.js';

export type WriterClock = {
  /** The server's datetime in Salesforce's JSON form. */
  now: () => string;
  userId: () => string;
};

type RollupLink = { parentObject: ObjectSchema; field: FieldSchema; rollup: RollupSummary };

export type WriteOutcome = { id: string | null; errors: SaveError[] };

const SYSTEM_FIELDS = new Set(['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp']);

export class RecordWriter {
  /** child object → the roll-up fields that summarise it. */
  private readonly rollupsByChild = new Map<string, RollupLink[]>();
  private standardPricebook: string | null = null;

  public constructor(
    private readonly schema: OrgSchema,
    private readonly store: RecordStore,
    private readonly reader: RecordReader,
    private readonly clock: WriterClock,
  ) {
    for (const parentObject of schema.objects.values()) {
      for (const field of parentObject.fields) {
        if (!field.rollup) continue;
        const links = this.rollupsByChild.get(field.rollup.childObject) ?? [];
        links.push({ parentObject, field, rollup: field.rollup });
        this.rollupsByChild.set(field.rollup.childObject, links);
      }
    }
  }

  public setStandardPricebook(id: string): void {
    this.standardPricebook = id;
  }

  public insert(object: ObjectSchema, input: SfRecord): WriteOutcome {
    const read = this.readInput(object, input, 'create');
    if (read.errors.length) return { id: null, errors: read.errors };
    const table = this.store.table(object.name);
    const candidate: Record<string, unknown> = {};
    for (const field of object.fields) {
      if (field.defaultValue === undefined || field.calculated) continue;
      candidate[field.name] = field.defaultValue === '$User' ? this.clock.userId() : field.defaultValue;
    }
    for (const [name, value] of read.values) candidate[name] = value;
    const errors = this.checkRecord(object, candidate, read.values, undefined);
    if (errors.length) return { id: null, errors };

    const id = makeId(object.keyPrefix, ++table.sequence);
    const now = this.clock.now();
    for (const field of object.fields) {
      if (field.autoNumber) candidate[field.name] = this.nextAutoNumber(object, field);
      if (field.rollup) candidate[field.name] = field.rollup.operation === 'count' || field.rollup.operation === 'sum' ? 0 : null;
      else if (!(field.name in candidate) && !field.formula) candidate[field.name] = field.type === 'boolean' ? false : null;
    }
    if (object.name === 'Contract') candidate.ContractNumber = String(table.sequence).padStart(8, '0');
    const record: StoredRecord = {
      ...candidate,
      Id: id,
      IsDeleted: false,
      CreatedDate: now,
      CreatedById: this.clock.userId(),
      LastModifiedDate: now,
      LastModifiedById: this.clock.userId(),
      SystemModstamp: now,
    };
    for (const field of object.fields) if (field.formula) delete record[field.name];
    this.store.put(object.name, record);
    this.afterWrite(object, undefined, record);
    return { id, errors: [] };
  }

  public update(object: ObjectSchema, id: string, input: SfRecord): WriteOutcome {
    const previous = this.store.get(object.name, id);
    if (!previous) return { id, errors: [this.missingRecordError(object, id)] };
    const read = this.readInput(object, input, 'update');
    if (read.errors.length) return { id, errors: read.errors };
    const candidate: Record<string, unknown> = { ...previous };
    for (const [name, value] of read.values) candidate[name] = value;
    const errors = this.checkRecord(object, candidate, read.values, previous);
    if (errors.length) return { id, errors };
    const now = this.clock.now();
    const record: StoredRecord = { ...candidate, Id: id, LastModifiedDate: now, LastModifiedById: this.clock.userId(), SystemModstamp: now };
    this.store.put(object.name, record);
    this.afterWrite(object, previous, record);
    return { id, errors: [] };
  }

  public remove(object: ObjectSchema, id: string): WriteOutcome {
    const root = this.store.get(object.name, id);
    if (!root) return { id, errors: [this.missingRecordError(object, id)] };
    const doomed = this.collectCascade(object, root);
    const restricted = this.restrictingChildren(doomed);
    if (restricted) return { id, errors: [restricted] };
    const now = this.clock.now();
    for (const { object: doomedObject, record } of doomed) {
      this.clearSetNullLookups(doomedObject, record.Id, doomed);
      this.store.moveToRecycleBin(doomedObject.name, record.Id, { ...record, IsDeleted: true, SystemModstamp: now });
    }
    for (const { object: doomedObject, record } of doomed) this.afterWrite(doomedObject, record, undefined);
    return { id, errors: [] };
  }

  public missingRecordError(object: ObjectSchema, id: string): SaveError {
    if (this.store.table(object.name).deleted.has(id)) return saveError('ENTITY_IS_DELETED', `entity is deleted: ${object.name} ${id} is in the recycle bin`, []);
    return saveError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id: no ${object.name} record has Id ${id}`, []);
  }

  // ---- input -------------------------------------------------------------------------------------

  private readInput(object: ObjectSchema, input: SfRecord, mode: 'create' | 'update'): { values: Map<string, unknown>; errors: SaveError[] } {
    const values = new Map<string, unknown>();
    const errors: SaveError[] = [];
    const notWritable: string[] = [];
    for (const [key, raw] of Object.entries(input)) {
      if (key === 'attributes') continue;
      if (key.toLowerCase() === 'id') {
        if (mode === 'create') errors.push(saveError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']));
        continue;
      }
      const field = object.fieldsByLowerName.get(key.toLowerCase());
      if (!field) {
        const relationship = raw && typeof raw === 'object' ? findRelationshipField(object, key) : undefined;
        if (relationship) {
          const resolved = this.resolveForeignKey(object, relationship, raw as SfRecord);
          if ('error' in resolved) errors.push(resolved.error);
          else values.set(relationship.name, resolved.id);
          continue;
        }
        errors.push(
          saveError(
            'INVALID_FIELD',
            `No such column '${key}' on sobject of type ${object.name}. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
            [key],
          ),
        );
        continue;
      }
      if (mode === 'create' ? !field.createable : !field.updateable) {
        // Salesforce lets a client echo a system field it read back only on update of the same value; we reject writes.
        if (!(mode === 'update' && SYSTEM_FIELDS.has(field.name))) notWritable.push(field.name);
        continue;
      }
      const coerced = coerceValue(object, field, raw);
      if ('error' in coerced) errors.push(coerced.error);
      else values.set(field.name, coerced.value);
    }
    if (notWritable.length) {
      errors.unshift(
        saveError(
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          `Unable to create/update fields: ${notWritable.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          notWritable,
        ),
      );
    }
    if (!errors.length) errors.push(...this.checkReferences(object, values));
    return { values, errors };
  }

  /** `"Account__r": { "External_Id__c": "X" }`: a parent named by its external id. */
  private resolveForeignKey(object: ObjectSchema, relationship: FieldSchema, nested: SfRecord): { id: string } | { error: SaveError } {
    const typeName = nested.attributes?.type ?? relationship.referenceTo![0];
    const target = this.schema.byLowerName.get(typeName.toLowerCase());
    const entries = Object.entries(nested).filter(([k]) => k !== 'attributes');
    if (!target || entries.length !== 1) {
      return { error: saveError('INVALID_FIELD', `${object.name}.${relationship.relationshipName}: name exactly one external id field of the parent.`, [relationship.name]) };
    }
    const [fieldName, value] = entries[0];
    const field = target.fieldsByLowerName.get(fieldName.toLowerCase());
    if (!field || !(field.externalId || field.name === 'Id')) {
      return { error: saveError('INVALID_FIELD', `${fieldName} is not an external id field of ${target.name}.`, [relationship.name]) };
    }
    const ids = field.name === 'Id' ? new Set([normalizeId(value) ?? '']) : this.store.table(target.name).idsWithValue(field.name, value);
    const live = [...ids].filter((id) => this.store.get(target.name, id));
    if (live.length !== 1) {
      return {
        error: saveError(
          'INVALID_FIELD',
          `Foreign key external ID: ${String(value)} ${live.length ? 'matches more than one record' : 'not found'} for field ${field.name} in entity ${target.name}`,
          [relationship.name],
        ),
      };
    }
    return { id: live[0] };
  }

  private checkReferences(object: ObjectSchema, values: Map<string, unknown>): SaveError[] {
    const errors: SaveError[] = [];
    for (const [name, value] of values) {
      const field = object.fieldsByLowerName.get(name.toLowerCase())!;
      if (field.type !== 'reference' || typeof value !== 'string') continue;
      const target = this.schema.byKeyPrefix.get(keyPrefixOf(value));
      if (!target || !field.referenceTo!.includes(target.name)) {
        errors.push(
          saveError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${value} (expected a ${field.referenceTo!.join(' or ')} Id)`, [
            field.name,
          ]),
        );
      } else if (!this.store.get(target.name, value)) {
        const deleted = this.store.table(target.name).deleted.has(value);
        errors.push(
          deleted
            ? saveError('ENTITY_IS_DELETED', `entity is deleted: ${field.label} ${value} is a deleted ${target.name}`, [field.name])
            : saveError(
                'INVALID_CROSS_REFERENCE_KEY',
                `invalid cross reference id: ${field.label} (${object.name}.${field.name}) = ${value}, but no ${target.name} record has this Id`,
                [field.name],
              ),
        );
      }
    }
    return errors;
  }

  // ---- record-level checks ------------------------------------------------------------------------

  private checkRecord(object: ObjectSchema, candidate: Record<string, unknown>, provided: Map<string, unknown>, previous: StoredRecord | undefined): SaveError[] {
    const missing = object.fields.filter(
      (f) => f.required && !f.calculated && !f.autoNumber && f.type !== 'boolean' && (candidate[f.name] === null || candidate[f.name] === undefined || candidate[f.name] === ''),
    );
    if (missing.length) {
      const names = missing.map((f) => f.name);
      return [saveError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${names.join(', ')}]`, names)];
    }
    const derivedErrors = deriveStandardFields(object.name, candidate, {
      store: this.store,
      provided: new Set(provided.keys()),
      previous,
      standardPricebookId: () => this.standardPricebook ?? '',
    });
    if (derivedErrors.length) return derivedErrors;
    const duplicates = this.checkUnique(object, candidate, previous?.Id);
    if (duplicates.length) return duplicates;
    return this.checkValidationRules(object, candidate);
  }

  private checkUnique(object: ObjectSchema, candidate: Record<string, unknown>, ownId: string | undefined): SaveError[] {
    const table = this.store.table(object.name);
    const errors: SaveError[] = [];
    for (const field of object.fields) {
      if (!field.unique || uniqueKey(candidate[field.name]) === null) continue;
      const other = [...table.idsWithValue(field.name, candidate[field.name])].find((id) => id !== ownId);
      if (other) {
        errors.push(saveError('DUPLICATE_VALUE', `duplicate value found: ${field.name} duplicates value on record with id: ${other}`, [field.name]));
      }
    }
    return errors;
  }

  private checkValidationRules(object: ObjectSchema, candidate: Record<string, unknown>): SaveError[] {
    const errors: SaveError[] = [];
    for (const rule of object.validationRules) {
      if (!rule.active) continue;
      if (this.reader.computeFormula(object, candidate, rule.errorConditionFormula, 'boolean') === true) {
        errors.push(saveError('FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.errorMessage, rule.errorDisplayField ? [rule.errorDisplayField] : []));
      }
    }
    return errors;
  }

  private nextAutoNumber(object: ObjectSchema, field: FieldSchema): string {
    const table = this.store.table(object.name);
    const format = field.autoNumber!;
    const next = (table.autoNumber.get(field.name) ?? format.startingNumber - 1) + 1;
    table.autoNumber.set(field.name, next);
    return format.displayFormat.replace(/\{(0+)\}/, (_m, zeros: string) => String(next).padStart(zeros.length, '0'));
  }

  // ---- what depends on a write ---------------------------------------------------------------------

  private afterWrite(object: ObjectSchema, previous: StoredRecord | undefined, current: StoredRecord | undefined): void {
    for (const link of this.rollupsByChild.get(object.name) ?? []) {
      const fk = link.rollup.foreignKey;
      const parents = new Set([previous?.[fk], current?.[fk]].filter((v): v is string => typeof v === 'string'));
      for (const parentId of parents) this.recomputeRollup(link, parentId);
    }
    if (object.name === 'OpportunityLineItem') {
      const parents = new Set([previous?.OpportunityId, current?.OpportunityId].filter((v): v is string => typeof v === 'string'));
      for (const opportunityId of parents) this.recomputeOpportunityAmount(opportunityId, current);
    }
  }

  private recomputeRollup(link: RollupLink, parentId: string): void {
    const parent = this.store.get(link.parentObject.name, parentId);
    if (!parent) return;
    const childTable = this.store.table(link.rollup.childObject);
    let count = 0;
    let sum = 0;
    let min: number | null = null;
    let max: number | null = null;
    for (const childId of childTable.childrenOf(link.rollup.foreignKey, parentId)) {
      const child = childTable.live.get(childId)!;
      const passes = link.rollup.filters.every((f) => (f.operation === 'equals' ? child[f.field] === f.value : child[f.field] !== f.value));
      if (!passes) continue;
      count++;
      const value = link.rollup.summarizedField ? child[link.rollup.summarizedField] : null;
      if (typeof value === 'number') {
        sum += value;
        min = min === null ? value : Math.min(min, value);
        max = max === null ? value : Math.max(max, value);
      }
    }
    const value = { count, sum: Math.round(sum * 1e6) / 1e6, min, max }[link.rollup.operation];
    if (parent[link.field.name] === value) return;
    const updated: StoredRecord = { ...parent, [link.field.name]: value, SystemModstamp: this.clock.now() };
    this.store.put(link.parentObject.name, updated);
    // A roll-up can itself be summarised or filtered on one level up.
    this.afterWrite(link.parentObject, parent, updated);
  }

  private recomputeOpportunityAmount(opportunityId: string, line: StoredRecord | undefined): void {
    const opportunity = this.store.get('Opportunity', opportunityId);
    if (!opportunity) return;
    const lines = this.store.table('OpportunityLineItem');
    const ids = lines.childrenOf('OpportunityId', opportunityId);
    let amount = 0;
    for (const id of ids) amount += Number(lines.live.get(id)!.TotalPrice ?? 0);
    const updated: StoredRecord = {
      ...opportunity,
      HasOpportunityLineItem: ids.size > 0,
      Amount: ids.size > 0 ? Math.round(amount * 100) / 100 : opportunity.Amount,
      SystemModstamp: this.clock.now(),
    };
    // The first product sets the opportunity's price book.
    if (!updated.Pricebook2Id && line?.PricebookEntryId) {
      updated.Pricebook2Id = this.store.get('PricebookEntry', String(line.PricebookEntryId))?.Pricebook2Id ?? null;
    }
    // ExpectedRevenue follows the new Amount.
    deriveForecastAndFiscal(updated);
    this.store.put('Opportunity', updated);
  }

  private collectCascade(object: ObjectSchema, root: StoredRecord): Array<{ object: ObjectSchema; record: StoredRecord }> {
    const doomed: Array<{ object: ObjectSchema; record: StoredRecord }> = [];
    const seen = new Set<string>();
    const visit = (o: ObjectSchema, record: StoredRecord): void => {
      if (seen.has(record.Id)) return;
      seen.add(record.Id);
      doomed.push({ object: o, record });
      for (const relation of this.schema.childRelationships.get(o.name) ?? []) {
        if (!relation.cascadeDelete) continue;
        const childObject = this.schema.objects.get(relation.childSObject)!;
        const table = this.store.table(childObject.name);
        for (const childId of table.childrenOf(relation.field, record.Id)) visit(childObject, table.live.get(childId)!);
      }
    };
    visit(object, root);
    return doomed;
  }

  private restrictingChildren(doomed: Array<{ object: ObjectSchema; record: StoredRecord }>): SaveError | null {
    const doomedIds = new Set(doomed.map((d) => d.record.Id));
    for (const { object, record } of doomed) {
      for (const relation of this.schema.childRelationships.get(object.name) ?? []) {
        const childObject = this.schema.objects.get(relation.childSObject)!;
        const field = childObject.fieldsByLowerName.get(relation.field.toLowerCase())!;
        if (field.deleteConstraint !== 'Restrict') continue;
        const blocking = [...this.store.table(childObject.name).childrenOf(relation.field, record.Id)].filter((id) => !doomedIds.has(id));
        if (blocking.length) {
          return saveError(
            'DELETE_FAILED',
            `Your attempt to delete ${String(record.Name ?? record.Id)} could not be completed because it is associated with the following ${childObject.labelPlural}: ${blocking.slice(0, 5).join(', ')}. Delete or reassign them first (${childObject.name}.${field.name} restricts deletion).`,
            [],
          );
        }
      }
    }
    return null;
  }

  private clearSetNullLookups(object: ObjectSchema, id: string, doomed: Array<{ record: StoredRecord }>): void {
    const doomedIds = new Set(doomed.map((d) => d.record.Id));
    for (const relation of this.schema.childRelationships.get(object.name) ?? []) {
      if (relation.cascadeDelete) continue;
      const childObject = this.schema.objects.get(relation.childSObject)!;
      const field = childObject.fieldsByLowerName.get(relation.field.toLowerCase())!;
      if (field.deleteConstraint === 'Restrict') continue;
      const table = this.store.table(childObject.name);
      for (const childId of [...table.childrenOf(relation.field, id)]) {
        if (doomedIds.has(childId)) continue;
        const child = table.live.get(childId)!;
        this.store.put(childObject.name, { ...child, [relation.field]: null, SystemModstamp: this.clock.now() });
      }
    }
  }
}
