/**
 * Reads custom objects, custom fields and validation rules from a project's source-format metadata
 * (`objects/<Object>/<Object>.object-meta.xml`, `fields/*.field-meta.xml`, `validationRules/*.validationRule-meta.xml`),
 * as a real org knows them after `sf project deploy start`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { makeField, picklistValues } from './field-builders.js';
import type { FieldSchema, PicklistValue, RollupSummary, SoapFieldType, ValidationRuleSchema } from './types.js';

export type CustomObjectMetadata = {
  name: string;
  /** False for a standard object that only receives custom fields from the project. */
  definedInProject: boolean;
  label: string;
  labelPlural: string;
  nameField?: FieldSchema;
  enableActivities: boolean;
  fields: FieldSchema[];
  validationRules: ValidationRuleSchema[];
};

const ARRAY_ELEMENTS = new Set(['value', 'summaryFilterItems', 'referenceTo']);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (tagName) => ARRAY_ELEMENTS.has(tagName),
});

type Xml = Record<string, unknown>;

function readXml(path: string, root: string): Xml {
  const parsed = parser.parse(readFileSync(path, 'utf8')) as Xml;
  const element = parsed[root];
  if (!element || typeof element !== 'object') {
    throw new Error(`${path}: expected a <${root}> root element; fix or remove the file.`);
  }
  return element as Xml;
}

const str = (value: unknown): string | undefined => (value === undefined || value === null || value === '' ? undefined : String(value));
const bool = (value: unknown): boolean => String(value) === 'true';
const int = (value: unknown): number | undefined => (str(value) === undefined ? undefined : Number(value));

/** Metadata API percent-encodes a few characters in picklist fullNames; the value users see is decoded. */
function decodeValueName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function readPicklist(xml: Xml): { values: PicklistValue[]; restricted: boolean } {
  const valueSet = (xml.valueSet ?? {}) as Xml;
  const definition = (valueSet.valueSetDefinition ?? {}) as Xml;
  const values = ((definition.value as Xml[] | undefined) ?? []).map((v) => {
    const value = decodeValueName(String(v.fullName));
    return { value, label: str(v.label) ?? value, active: v.isActive === undefined ? true : bool(v.isActive), defaultValue: bool(v.default) };
  });
  return { values, restricted: bool(valueSet.restricted) };
}

const TYPE_MAP: Record<string, SoapFieldType> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Html: 'textarea',
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Date: 'date',
  DateTime: 'datetime',
  Checkbox: 'boolean',
  Picklist: 'picklist',
  Lookup: 'reference',
  MasterDetail: 'reference',
  AutoNumber: 'string',
  Email: 'email',
  Phone: 'phone',
  Url: 'url',
  Summary: 'double',
};

function fieldFromXml(xml: Xml, objectName: string, file: string): FieldSchema {
  const name = str(xml.fullName);
  const metadataType = str(xml.type);
  if (!name || !metadataType) throw new Error(`${file}: a custom field needs <fullName> and <type>.`);
  const type = TYPE_MAP[metadataType];
  if (!type) throw new Error(`${file}: field type '${metadataType}' is not supported by the local org.`);
  const label = str(xml.label) ?? name;
  const base: Partial<FieldSchema> = { label, externalId: bool(xml.externalId), unique: bool(xml.unique), required: bool(xml.required) };
  const formula = str(xml.formula);
  if (formula) {
    return makeField(name, type, { ...base, required: false, calculated: true, createable: false, updateable: false, formula, ...numberShape(xml, type) });
  }
  switch (metadataType) {
    case 'Text':
    case 'Email':
    case 'Phone':
    case 'Url':
      return makeField(name, type, { ...base, length: int(xml.length) ?? 255 });
    case 'TextArea':
      return makeField(name, type, { ...base, length: 255 });
    case 'LongTextArea':
    case 'Html':
      return makeField(name, type, { ...base, length: int(xml.length) ?? 32_768 });
    case 'Number':
    case 'Currency':
    case 'Percent':
      return makeField(name, type, { ...base, ...numberShape(xml, type) });
    case 'Date':
    case 'DateTime':
      return makeField(name, type, base);
    case 'Checkbox':
      return makeField(name, type, { ...base, defaultValue: bool(xml.defaultValue) });
    case 'Picklist': {
      const { values, restricted } = readPicklist(xml);
      const defaultValue = values.find((v) => v.defaultValue)?.value;
      return makeField(name, type, { ...base, length: 255, picklistValues: values, restrictedPicklist: restricted, defaultValue });
    }
    case 'Lookup':
    case 'MasterDetail': {
      const referenceTo = (xml.referenceTo as unknown[] | undefined)?.map(String) ?? [];
      if (referenceTo.length === 0) throw new Error(`${file}: a ${metadataType} field needs <referenceTo>.`);
      const childRelationshipName = str(xml.relationshipName);
      const masterDetail = metadataType === 'MasterDetail';
      const constraint = str(xml.deleteConstraint) as FieldSchema['deleteConstraint'];
      return makeField(name, type, {
        ...base,
        length: 18,
        required: masterDetail || base.required,
        // A master-detail cannot be reparented unless the metadata says so.
        updateable: masterDetail ? bool(xml.reparentableMasterDetail) : true,
        referenceTo,
        relationshipName: name.replace(/__c$/, '__r'),
        childRelationshipName: childRelationshipName ? `${childRelationshipName}__r` : undefined,
        masterDetail,
        deleteConstraint: masterDetail ? 'Cascade' : (constraint ?? 'SetNull'),
      });
    }
    case 'Summary':
      return makeField(name, type, {
        ...base,
        required: false,
        calculated: true,
        createable: false,
        updateable: false,
        precision: 18,
        scale: 0,
        rollup: readRollup(xml, objectName, file),
      });
    default:
      return makeField(name, type, base);
  }
}

function numberShape(xml: Xml, type: SoapFieldType): Partial<FieldSchema> {
  if (type === 'double' || type === 'currency' || type === 'percent') {
    return { precision: int(xml.precision) ?? 18, scale: int(xml.scale) ?? 0 };
  }
  if (type === 'string') return { length: 1300 };
  return {};
}

function readRollup(xml: Xml, objectName: string, file: string): RollupSummary {
  const foreignKey = str(xml.summaryForeignKey);
  const operation = str(xml.summaryOperation) as RollupSummary['operation'] | undefined;
  if (!foreignKey || !operation) throw new Error(`${file}: a Summary field needs <summaryForeignKey> and <summaryOperation>.`);
  const [childObject, masterField] = foreignKey.split('.');
  const summarized = str(xml.summarizedField);
  const filters = ((xml.summaryFilterItems as Xml[] | undefined) ?? []).map((item) => ({
    field: String(item.field).split('.').pop() as string,
    operation: (str(item.operation) ?? 'equals') as 'equals' | 'notEqual',
    value: String(item.value ?? ''),
  }));
  if (!['count', 'sum', 'min', 'max'].includes(operation)) {
    throw new Error(`${file}: roll-up operation '${operation}' on ${objectName} is not supported by the local org.`);
  }
  return { childObject, foreignKey: masterField, operation, summarizedField: summarized?.split('.').pop(), filters };
}

function nameFieldFromXml(xml: Xml | undefined): FieldSchema | undefined {
  if (!xml) return undefined;
  const label = str(xml.label) ?? 'Name';
  if (str(xml.type) === 'AutoNumber') {
    return makeField('Name', 'string', {
      label,
      length: 80,
      nameField: true,
      calculated: false,
      createable: false,
      updateable: false,
      autoNumber: { displayFormat: str(xml.displayFormat) ?? '{0}', startingNumber: int(xml.startingNumber) ?? 1 },
    });
  }
  return makeField('Name', 'string', { label, length: 80, nameField: true, required: true });
}

function readValidationRule(path: string): ValidationRuleSchema {
  const xml = readXml(path, 'ValidationRule');
  const fromFile = path.split('/').pop()!.replace('.validationRule-meta.xml', '');
  return {
    name: str(xml.fullName) ?? fromFile,
    active: bool(xml.active),
    errorConditionFormula: String(xml.errorConditionFormula ?? ''),
    errorDisplayField: str(xml.errorDisplayField),
    errorMessage: String(xml.errorMessage ?? ''),
  };
}

function listFiles(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => join(dir, f));
}

function findObjectFolders(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      const path = join(dir, entry);
      if (!statSync(path).isDirectory()) continue;
      if (entry === 'objects') found.push(path);
      else walk(path);
    }
  };
  if (existsSync(root)) walk(root);
  return found;
}

/** The package directories of sfdx-project.json (or `force-app` without one). */
export function packageDirectories(projectDir: string): string[] {
  const projectFile = join(projectDir, 'sfdx-project.json');
  if (!existsSync(projectFile)) return [join(projectDir, 'force-app')];
  const project = JSON.parse(readFileSync(projectFile, 'utf8')) as { packageDirectories?: Array<{ path: string }> };
  return (project.packageDirectories ?? [{ path: 'force-app' }]).map((p) => join(projectDir, p.path));
}

export function loadProjectMetadata(projectDir: string): CustomObjectMetadata[] {
  const byName = new Map<string, CustomObjectMetadata>();
  for (const objectsDir of packageDirectories(projectDir).flatMap(findObjectFolders)) {
    for (const objectName of readdirSync(objectsDir).sort()) {
      const folder = join(objectsDir, objectName);
      if (!statSync(folder).isDirectory()) continue;
      const objectFile = join(folder, `${objectName}.object-meta.xml`);
      const objectXml = existsSync(objectFile) ? readXml(objectFile, 'CustomObject') : undefined;
      const metadata: CustomObjectMetadata = byName.get(objectName) ?? {
        name: objectName,
        definedInProject: false,
        label: objectName,
        labelPlural: objectName,
        enableActivities: false,
        fields: [],
        validationRules: [],
      };
      if (objectXml && objectName.endsWith('__c')) {
        metadata.definedInProject = true;
        metadata.label = str(objectXml.label) ?? objectName.replace(/__c$/, '').replace(/_/g, ' ');
        metadata.labelPlural = str(objectXml.pluralLabel) ?? `${metadata.label}s`;
        metadata.nameField = nameFieldFromXml(objectXml.nameField as Xml | undefined);
        metadata.enableActivities = bool(objectXml.enableActivities);
      }
      for (const file of listFiles(join(folder, 'fields'), '.field-meta.xml')) {
        metadata.fields.push(fieldFromXml(readXml(file, 'CustomField'), objectName, file));
      }
      for (const file of listFiles(join(folder, 'validationRules'), '.validationRule-meta.xml')) {
        metadata.validationRules.push(readValidationRule(file));
      }
      byName.set(objectName, metadata);
    }
  }
  return [...byName.values()];
}

export { picklistValues };
