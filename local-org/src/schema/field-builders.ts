/**
 * Small constructors for field schemas, shared by the bundled standard objects and the system fields
 * every object carries.
 */
import type { FieldSchema, ObjectSchema, PicklistValue, SoapFieldType, ValidationRuleSchema } from './types.js';

/** "AccountId" → "Account ID", "Close_Date__c" → "Close Date": a readable default label. */
export function labelFromName(name: string): string {
  const base = name.replace(/__c$/, '').replace(/Id$/, ' ID');
  return base
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
}

export function makeField(name: string, type: SoapFieldType, options: Partial<FieldSchema> = {}): FieldSchema {
  return {
    name,
    label: labelFromName(name),
    type,
    custom: name.endsWith('__c'),
    required: false,
    createable: true,
    updateable: true,
    externalId: false,
    unique: false,
    calculated: false,
    ...options,
  };
}

export const text = (name: string, length: number, options: Partial<FieldSchema> = {}): FieldSchema =>
  makeField(name, 'string', { length, ...options });
export const textArea = (name: string, length = 32_000, options: Partial<FieldSchema> = {}): FieldSchema =>
  makeField(name, 'textarea', { length, ...options });
export const dateField = (name: string, options: Partial<FieldSchema> = {}): FieldSchema => makeField(name, 'date', options);
export const checkbox = (name: string, options: Partial<FieldSchema> = {}): FieldSchema =>
  makeField(name, 'boolean', { defaultValue: false, ...options });
export const currency = (name: string, options: Partial<FieldSchema> = {}): FieldSchema =>
  makeField(name, 'currency', { precision: 18, scale: 2, ...options });
export const double = (name: string, precision: number, scale: number, options: Partial<FieldSchema> = {}): FieldSchema =>
  makeField(name, 'double', { precision, scale, ...options });

/** Geocode accuracy values of Salesforce's address compounds. */
const GEOCODE_ACCURACY = ['Address', 'NearAddress', 'Block', 'Street', 'ExtendedZip', 'Zip', 'Neighborhood', 'City', 'County', 'State', 'Unknown'];

/**
 * A standard address compound (Object Reference, "Address Compound Fields"): the writable components
 * `<prefix>Street`, `City`, `State`, `PostalCode`, `Country`, `Latitude`, `Longitude`, `GeocodeAccuracy`,
 * and the read-only `<prefix>Address` that reads them back as one object.
 */
export function addressFields(prefix: string, label: string, options: Partial<FieldSchema> = {}): FieldSchema[] {
  const compound = `${prefix}Address`;
  // User and Organization have an unprefixed address (`Street`, `City`, … `Address`): labels lose the leading space.
  const labelled = (suffix: string): string => `${label} ${suffix}`.trim();
  const part = (field: FieldSchema): FieldSchema => ({ ...field, compoundFieldName: compound, ...options });
  return [
    part(textArea(`${prefix}Street`, 255, { label: labelled('Street') })),
    part(text(`${prefix}City`, 40, { label: labelled('City') })),
    part(text(`${prefix}State`, 80, { label: labelled('State/Province') })),
    part(text(`${prefix}PostalCode`, 20, { label: labelled('Zip/Postal Code') })),
    part(text(`${prefix}Country`, 80, { label: labelled('Country') })),
    part(double(`${prefix}Latitude`, 18, 15, { label: labelled('Latitude') })),
    part(double(`${prefix}Longitude`, 18, 15, { label: labelled('Longitude') })),
    part(picklist(`${prefix}GeocodeAccuracy`, GEOCODE_ACCURACY, { label: labelled('Geocode Accuracy') })),
    makeField(compound, 'address', { label: labelled('Address'), createable: false, updateable: false, addressPrefix: prefix }),
  ];
}

export function picklistValues(values: readonly string[], defaultValue?: string): PicklistValue[] {
  return values.map((value) => ({ value, label: value, active: true, defaultValue: value === defaultValue }));
}

/** Standard picklists are not restricted in a new org (any value is accepted); custom ones from this package are. */
export const picklist = (
  name: string,
  values: readonly string[],
  options: Partial<FieldSchema> & { defaultPick?: string } = {},
): FieldSchema => {
  const { defaultPick, ...rest } = options;
  return makeField(name, 'picklist', {
    length: 255,
    picklistValues: picklistValues(values, defaultPick),
    restrictedPicklist: false,
    defaultValue: defaultPick,
    ...rest,
  });
};

export const reference = (
  name: string,
  referenceTo: string | string[],
  relationshipName: string,
  options: Partial<FieldSchema> = {},
): FieldSchema =>
  makeField(name, 'reference', {
    length: 18,
    referenceTo: Array.isArray(referenceTo) ? referenceTo : [referenceTo],
    relationshipName,
    ...options,
  });

/** A field the platform computes (IsWon, TotalPrice, EndDate, Name of a person...). */
export const derived = (field: FieldSchema): FieldSchema => ({ ...field, calculated: true, createable: false, updateable: false });

const readOnly: Partial<FieldSchema> = { createable: false, updateable: false };

/** The audit fields every object carries; OwnerId only for objects that have an owner. */
export function systemFields(options: { owner: boolean }): { leading: FieldSchema[]; trailing: FieldSchema[] } {
  const leading = [makeField('Id', 'id', { ...readOnly, length: 18, label: 'Record ID' })];
  if (options.owner) {
    leading.push(reference('OwnerId', 'User', 'Owner', { required: true, label: 'Owner ID', defaultValue: '$User' }));
  }
  leading.push(checkbox('IsDeleted', { ...readOnly, label: 'Deleted' }));
  const trailing = [
    makeField('CreatedDate', 'datetime', { ...readOnly, label: 'Created Date' }),
    reference('CreatedById', 'User', 'CreatedBy', { ...readOnly, label: 'Created By ID' }),
    makeField('LastModifiedDate', 'datetime', { ...readOnly, label: 'Last Modified Date' }),
    reference('LastModifiedById', 'User', 'LastModifiedBy', { ...readOnly, label: 'Last Modified By ID' }),
    makeField('SystemModstamp', 'datetime', { ...readOnly, label: 'System Modstamp' }),
  ];
  return { leading, trailing };
}

export type ObjectDefinition = {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  owner: boolean;
  fields: FieldSchema[];
  validationRules?: ValidationRuleSchema[];
  createable?: boolean;
  updateable?: boolean;
  deletable?: boolean;
};

export function buildObject(definition: ObjectDefinition): ObjectSchema {
  const system = systemFields({ owner: definition.owner });
  const own = definition.fields.filter((f) => !system.leading.some((s) => s.name === f.name));
  const fields = [...system.leading, ...own, ...system.trailing];
  return {
    name: definition.name,
    label: definition.label,
    labelPlural: definition.labelPlural,
    keyPrefix: definition.keyPrefix,
    custom: definition.custom,
    createable: definition.createable ?? true,
    updateable: definition.updateable ?? true,
    deletable: definition.deletable ?? true,
    queryable: true,
    fields,
    fieldsByLowerName: new Map(fields.map((f) => [f.name.toLowerCase(), f])),
    validationRules: definition.validationRules ?? [],
  };
}
