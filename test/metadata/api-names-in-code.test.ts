/**
 * Every custom API name written in the plugin's TypeScript (src/) must exist in force-app:
 * an object (X__c), a field (X__c), the relationship of a lookup or master-detail (X__r for X__c)
 * or a child relationship (Outcome_Requirements__r). The files are read when the test runs, so
 * code written later is covered too; a typo in a SOQL string fails here, not in a customer's org.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT, objectFolders, readFields } from './readMetadata.js';

const SRC = join(PROJECT_ROOT, 'src');
const API_NAME = /\b[A-Za-z][A-Za-z0-9_]*__(?:c|r)\b/g;

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Names force-app defines: custom objects, fields, and both ends of every relationship. */
function definedNames(): Set<string> {
  const names = new Set<string>(objectFolders().filter((o) => o.endsWith('__c')));
  for (const field of readFields()) {
    if (field.fullName) names.add(field.fullName);
    if (field.referenceTo && field.fullName) {
      names.add(field.fullName.replace(/__c$/, '__r'));
      if (field.relationshipName) names.add(`${field.relationshipName}__r`);
    }
  }
  return names;
}

type Use = { file: string; line: number; token: string };

function apiNamesUsed(files: string[]): Use[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((text, index) => [...text.matchAll(API_NAME)].map((m) => ({ file: relative(PROJECT_ROOT, file), line: index + 1, token: m[0] }))),
  );
}

describe('API names in src/', () => {
  const defined = definedNames();
  const files = typeScriptFiles(SRC);

  it('knows the names force-app defines (sanity check of the scanner)', () => {
    for (const name of ['Initiative__c', 'Outcome_Requirement__c', 'Go_Live_Date__c', 'Initiative__r', 'Outcome_Requirements__r', 'Parent_Capability__r', 'Managed_Initiatives__r']) {
      expect({ name, defined: defined.has(name) }).toEqual({ name, defined: true });
    }
    expect(defined.has('Purpose__r')).toBe(false); // Purpose__c is a text field: it has no relationship.
    expect(apiNamesUsed(files).length).toBeGreaterThan(0);
  });

  it('finds API names in code and rejects names force-app does not define', () => {
    const uses = apiNamesUsed([join(PROJECT_ROOT, 'src', 'core', 'model.ts')]);
    expect(uses.map((u) => u.token)).toContain('Outcome_Requirement__c');
    expect(uses.every((u) => defined.has(u.token))).toBe(true);
    expect(defined.has('Outcome_Requirment__c')).toBe(false);
  });

  it('every custom API name in src/**/*.ts exists in force-app metadata', () => {
    const unknown = apiNamesUsed(files)
      .filter((u) => !defined.has(u.token))
      .map((u) => `${u.file}:${u.line}: ${u.token} is not an object, field or relationship in force-app`);
    expect(unknown).toEqual([]);
  });
});
