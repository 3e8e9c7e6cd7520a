/**
 * The org's schema: the bundled standard objects plus what the project's metadata deploys.
 */
import { buildObject, makeField, type ObjectDefinition } from './field-builders.js';
import { loadProjectMetadata } from './metadata.js';
import { standardObjectDefinitions } from './standard/objects.js';
import type { ChildRelationship, FieldSchema, ObjectSchema, OrgSchema } from './types.js';

export * from './types.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** a00, a01, … a0z, a10, …: custom object key prefixes handed out in a stable (alphabetical) order. */
export function customKeyPrefix(index: number): string {
  return `a${BASE62[Math.floor(index / 62) % 62]}${BASE62[index % 62]}`;
}

/** Platform features an org may have switched off; each takes its objects with it, as in Salesforce. */
export type OrgFeatures = {
  /** Account Teams (Setup › Account Teams): off by default in Salesforce; without it AccountTeamMember does not exist. */
  accountTeams?: boolean;
};

const FEATURE_OBJECTS: Record<keyof OrgFeatures, string[]> = { accountTeams: ['AccountTeamMember'] };

/** The objects the given features leave out of the org. */
export function objectsOfDisabledFeatures(features: OrgFeatures = {}): Set<string> {
  return new Set(
    (Object.keys(FEATURE_OBJECTS) as Array<keyof OrgFeatures>).filter((feature) => features[feature] === false).flatMap((feature) => FEATURE_OBJECTS[feature]),
  );
}

export function loadSchema(projectDir: string, features: OrgFeatures = {}): OrgSchema {
  const metadata = loadProjectMetadata(projectDir);
  const disabled = objectsOfDisabledFeatures(features);
  const definitions = standardObjectDefinitions().filter((d) => !disabled.has(d.name));
  const byName = new Map(definitions.map((d) => [d.name, d]));

  // Code-unit order, not locale order: the prefixes must not depend on the machine's locale.
  const customObjects = metadata.filter((m) => m.definedInProject).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  customObjects.forEach((custom, index) => {
    const hasMaster = custom.fields.some((f) => f.masterDetail);
    const definition: ObjectDefinition = {
      name: custom.name,
      label: custom.label,
      labelPlural: custom.labelPlural,
      keyPrefix: customKeyPrefix(index),
      custom: true,
      // A detail record is owned through its master and has no OwnerId.
      owner: !hasMaster,
      fields: [custom.nameField ?? makeField('Name', 'string', { length: 80, nameField: true }), ...custom.fields],
      validationRules: custom.validationRules,
    };
    definitions.push(definition);
    byName.set(custom.name, definition);
  });
  for (const extension of metadata.filter((m) => !m.definedInProject)) {
    const target = byName.get(extension.name);
    if (!target) {
      throw new Error(
        `force-app declares fields on '${extension.name}', which is neither a standard object the local org knows nor a custom object with an .object-meta.xml file.`,
      );
    }
    target.fields.push(...extension.fields);
    target.validationRules = [...(target.validationRules ?? []), ...extension.validationRules];
  }

  // Task.WhatId reaches every object with activities enabled.
  const whatId = byName.get('Task')!.fields.find((f) => f.name === 'WhatId')!;
  whatId.referenceTo = [...whatId.referenceTo!, ...customObjects.filter((c) => c.enableActivities).map((c) => c.name)];

  const objects = new Map<string, ObjectSchema>(definitions.map((d) => [d.name, buildObject(d)]));
  for (const object of objects.values()) typeRollups(object, objects);
  return indexSchema(objects);
}

/** A roll-up is typed like the field it summarises (a sum of currency is currency). */
function typeRollups(object: ObjectSchema, objects: Map<string, ObjectSchema>): void {
  for (const field of object.fields) {
    const rollup = field.rollup;
    if (!rollup?.summarizedField) continue;
    const child = objects.get(rollup.childObject);
    const summarized = child?.fieldsByLowerName.get(rollup.summarizedField.toLowerCase());
    if (!child || !summarized) {
      throw new Error(`${object.name}.${field.name}: roll-up summarises ${rollup.childObject}.${rollup.summarizedField}, which does not exist.`);
    }
    field.type = summarized.type;
    field.precision = summarized.precision;
    field.scale = summarized.scale;
  }
}

export function indexSchema(objects: Map<string, ObjectSchema>): OrgSchema {
  const childRelationships = new Map<string, ChildRelationship[]>();
  for (const object of objects.values()) {
    for (const field of object.fields) {
      for (const parent of field.referenceTo ?? []) {
        if (!objects.has(parent)) continue;
        const list = childRelationships.get(parent) ?? [];
        list.push({
          childSObject: object.name,
          field: field.name,
          relationshipName: field.childRelationshipName ?? null,
          cascadeDelete: Boolean(field.masterDetail) || field.deleteConstraint === 'Cascade',
        });
        childRelationships.set(parent, list);
      }
    }
  }
  return {
    objects,
    byLowerName: new Map([...objects.values()].map((o) => [o.name.toLowerCase(), o])),
    byKeyPrefix: new Map([...objects.values()].map((o) => [o.keyPrefix, o])),
    childRelationships,
  };
}

/** The field of `object` whose relationship name is `name` (Account, Initiative__r, Owner...). */
export function findRelationshipField(object: ObjectSchema, name: string): FieldSchema | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((f) => f.relationshipName?.toLowerCase() === lower);
}

export function findChildRelationship(schema: OrgSchema, parent: string, name: string): ChildRelationship | undefined {
  const lower = name.toLowerCase();
  return schema.childRelationships.get(parent)?.find((c) => c.relationshipName?.toLowerCase() === lower);
}
