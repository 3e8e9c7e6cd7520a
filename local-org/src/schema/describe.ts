/**
 * describeGlobal and describe results in the REST API's shape (REST API Developer Guide, "Describe Global"
 * and "sObject Describe"): the keys real clients read (jsforce, the sf CLI, SDR), with Salesforce's types.
 */
import type { DescribeGlobalSObject, DescribeSObjectResult } from '../engine/types.js';
import type { FieldSchema, ObjectSchema, OrgSchema } from './types.js';

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  int: 'xsd:int',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  boolean: 'xsd:boolean',
  address: 'urn:address',
};

function urls(object: ObjectSchema, apiVersion: string): Record<string, string> {
  const base = `/services/data/v${apiVersion}/sobjects/${object.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

export function describeGlobalEntry(object: ObjectSchema, apiVersion: string): DescribeGlobalSObject {
  return {
    name: object.name,
    label: object.label,
    labelPlural: object.labelPlural,
    keyPrefix: object.keyPrefix,
    custom: object.custom,
    createable: object.createable,
    updateable: object.updateable,
    deletable: object.deletable,
    queryable: object.queryable,
    urls: urls(object, apiVersion),
  };
}

function describeField(field: FieldSchema): Record<string, unknown> & { name: string; type: string } {
  const numeric = ['double', 'currency', 'percent', 'int'].includes(field.type);
  const textual = !numeric && !['boolean', 'date', 'datetime', 'address'].includes(field.type);
  // A compound field can be selected, never filtered, sorted or grouped (Object Reference, "Compound Fields").
  const compound = field.type === 'address';
  const nillable = field.type !== 'boolean' && field.type !== 'id' && !field.required && !field.nameField;
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    soapType: SOAP_TYPES[field.type] ?? 'xsd:string',
    length: textual ? (field.length ?? 0) : 0,
    byteLength: textual ? (field.length ?? 0) * 3 : 0,
    digits: field.type === 'int' ? (field.precision ?? 9) : 0,
    precision: numeric && field.type !== 'int' ? (field.precision ?? 18) : 0,
    scale: numeric && field.type !== 'int' ? (field.scale ?? 0) : 0,
    custom: field.custom,
    nillable: field.nameField ? false : nillable || field.calculated,
    createable: field.createable,
    updateable: field.updateable,
    defaultedOnCreate: field.defaultValue !== undefined || field.type === 'boolean' || ['Id', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'].includes(field.name),
    defaultValue: field.type === 'boolean' ? Boolean(field.defaultValue) : null,
    calculated: field.calculated || Boolean(field.rollup),
    calculatedFormula: field.formula ?? null,
    autoNumber: Boolean(field.autoNumber),
    externalId: field.externalId,
    unique: field.unique,
    caseSensitive: false,
    idLookup: field.name === 'Id' || field.externalId || (field.nameField === true && field.custom === false && field.name === 'Username'),
    nameField: Boolean(field.nameField),
    namePointing: false,
    filterable: !compound && (field.type !== 'textarea' || (field.length ?? 0) <= 255),
    sortable: !compound && (field.type !== 'textarea' || (field.length ?? 0) <= 255),
    groupable: !compound && !numeric && field.type !== 'datetime' && field.type !== 'textarea',
    aggregatable: !compound && field.type !== 'textarea',
    compoundFieldName: field.compoundFieldName ?? null,
    picklistValues: field.picklistValues?.map((p) => ({ ...p, validFor: null })) ?? [],
    restrictedPicklist: Boolean(field.restrictedPicklist),
    dependentPicklist: false,
    referenceTo: field.referenceTo ?? [],
    relationshipName: field.relationshipName ?? null,
    relationshipOrder: field.masterDetail ? 0 : null,
    cascadeDelete: false,
    polymorphicForeignKey: (field.referenceTo?.length ?? 0) > 1,
    writeRequiresMasterRead: false,
    htmlFormatted: false,
    deprecatedAndHidden: false,
    inlineHelpText: null,
  };
}

export function describeObject(schema: OrgSchema, object: ObjectSchema, apiVersion: string): DescribeSObjectResult {
  return {
    ...describeGlobalEntry(object, apiVersion),
    fields: object.fields.map(describeField),
    childRelationships: (schema.childRelationships.get(object.name) ?? []).map((c) => ({
      ...c,
      deprecatedAndHidden: false,
      restrictedDelete: false,
      junctionIdListNames: [],
      junctionReferenceTo: [],
    })),
    recordTypeInfos: [],
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: object.deletable,
    layoutable: true,
    mergeable: ['Account', 'Contact'].includes(object.name),
    replicateable: true,
    customSetting: false,
    feedEnabled: false,
    activateable: false,
    deprecatedAndHidden: false,
  } as DescribeSObjectResult;
}
