/**
 * Object Info and picklist values as the User Interface API answers them (User Interface API Developer Guide,
 * "Object Info" and "Field" response bodies, "Get Values for All Picklist Fields of a Record Type",
 * "Get Values for a Picklist Field"). The local org has no record types: every object has only the master
 * record type, 012000000000000AAA, which is what an org without record types reports.
 */
import { createHash } from 'node:crypto';
import type { FieldSchema, ObjectSchema, OrgSchema } from '../schema/types.js';

export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

const DATA_TYPES: Record<FieldSchema['type'], string> = {
  id: 'Id',
  string: 'String',
  textarea: 'TextArea',
  double: 'Double',
  int: 'Int',
  currency: 'Currency',
  percent: 'Percent',
  date: 'Date',
  datetime: 'DateTime',
  boolean: 'Boolean',
  picklist: 'Picklist',
  reference: 'Reference',
  email: 'Email',
  phone: 'Phone',
  url: 'Url',
  address: 'Address',
};

export const etagOf = (value: unknown): string => createHash('md5').update(JSON.stringify(value)).digest('hex');

const nameFieldsOf = (object: ObjectSchema): string[] => object.fields.filter((f) => f.nameField).map((f) => f.name);

function fieldInfo(schema: OrgSchema, field: FieldSchema): Record<string, unknown> {
  const numeric = ['double', 'currency', 'percent', 'int'].includes(field.type);
  const textual = !numeric && !['boolean', 'date', 'datetime'].includes(field.type);
  const longText = field.type === 'textarea' && (field.length ?? 255) > 255;
  // An address compound and its parts, as UI API reports them: BillingCity is component "City" of BillingAddress.
  const compound = field.type === 'address';
  const compoundPrefix = field.compoundFieldName?.replace(/Address$/, '');
  return {
    apiName: field.name,
    calculated: field.calculated || Boolean(field.rollup),
    compound,
    compoundComponentName: compoundPrefix !== undefined ? field.name.slice(compoundPrefix.length) : null,
    compoundFieldName: field.compoundFieldName ?? null,
    controllerName: null,
    controllingFields: [],
    createable: field.createable,
    custom: field.custom,
    dataType: DATA_TYPES[field.type] ?? 'String',
    externalId: field.externalId,
    extraTypeInfo: longText ? 'PlainTextArea' : null,
    filterable: !longText && !compound,
    filteredLookupInfo: null,
    highScaleNumber: false,
    htmlFormatted: false,
    inlineHelpText: null,
    label: field.label,
    length: textual ? (field.length ?? 0) : 0,
    maskType: null,
    nameField: Boolean(field.nameField),
    polymorphicForeignKey: (field.referenceTo?.length ?? 0) > 1,
    precision: numeric && field.type !== 'int' ? (field.precision ?? 18) : 0,
    reference: field.type === 'reference',
    referenceTargetField: null,
    referenceToInfos: (field.referenceTo ?? [])
      .map((name) => schema.objects.get(name))
      .filter((o): o is ObjectSchema => Boolean(o))
      .map((o) => ({ apiName: o.name, nameFields: nameFieldsOf(o) })),
    relationshipName: field.relationshipName ?? null,
    required: field.required && field.createable,
    scale: numeric && field.type !== 'int' ? (field.scale ?? 0) : 0,
    searchPrefilterable: false,
    sortable: !longText && !compound,
    unique: field.unique,
    updateable: field.updateable,
  };
}

/** `GET /ui-api/object-info/{objectApiName}` */
export function objectInfo(schema: OrgSchema, object: ObjectSchema): Record<string, unknown> {
  const info: Record<string, unknown> = {
    apiName: object.name,
    associateEntityType: null,
    associateParentEntity: null,
    childRelationships: (schema.childRelationships.get(object.name) ?? [])
      .filter((c) => c.relationshipName)
      .map((c) => ({ childObjectApiName: c.childSObject, fieldName: c.field, junctionIdListNames: [], junctionReferenceTo: [], relationshipName: c.relationshipName })),
    createable: object.createable,
    custom: object.custom,
    defaultRecordTypeId: MASTER_RECORD_TYPE_ID,
    deletable: object.deletable,
    dependentFields: {},
    feedEnabled: false,
    fields: Object.fromEntries(object.fields.map((f) => [f.name, fieldInfo(schema, f)])),
    keyPrefix: object.keyPrefix,
    label: object.label,
    labelPlural: object.labelPlural,
    layoutable: true,
    mruEnabled: true,
    nameFields: nameFieldsOf(object),
    queryable: object.queryable,
    recordTypeInfos: {
      [MASTER_RECORD_TYPE_ID]: { available: true, defaultRecordTypeMapping: true, master: true, name: 'Master', recordTypeId: MASTER_RECORD_TYPE_ID },
    },
    searchable: true,
    themeInfo: null,
    updateable: object.updateable,
  };
  return { ...info, eTag: etagOf(info) };
}

/** One field's Picklist Values body. */
export function picklistValues(object: ObjectSchema, field: FieldSchema, apiVersion: string): Record<string, unknown> {
  const active = (field.picklistValues ?? []).filter((p) => p.active);
  const entry = (p: { value: string; label: string }): Record<string, unknown> => ({ attributes: null, label: p.label, validFor: [], value: p.value });
  const defaultValue = active.find((p) => p.defaultValue);
  const body = {
    controllerValues: {},
    defaultValue: defaultValue ? entry(defaultValue) : null,
    url: `/services/data/v${apiVersion}/ui-api/object-info/${object.name}/picklist-values/${MASTER_RECORD_TYPE_ID}/${field.name}`,
    values: active.map(entry),
  };
  return { ...body, eTag: etagOf(body) };
}

/** Picklist Values Collection: every picklist field of the object. */
export function allPicklistValues(object: ObjectSchema, apiVersion: string): Record<string, unknown> {
  return {
    picklistFieldValues: Object.fromEntries(object.fields.filter((f) => f.type === 'picklist').map((f) => [f.name, picklistValues(object, f, apiVersion)])),
  };
}
