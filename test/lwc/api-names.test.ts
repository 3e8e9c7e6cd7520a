/**
 * Every custom API name the components write (GraphQL queries, templates, field maps) exists in force-app, as
 * test/metadata/api-names-in-code.test.ts holds src/ to it: a typo in a component's query fails here, not in an org.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { LWC_DIR, PROJECT_ROOT } from '../../scripts/lwc/build.js';
import { objectFolders, readFields } from '../metadata/readMetadata.js';

const API_NAME = /\b[A-Za-z][A-Za-z0-9_]*__(?:c|r)\b/g;

function componentSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' || entry.name === 'outcomesCore' ? [] : componentSources(path);
    return /\.(ts|html)$/.test(entry.name) ? [path] : [];
  });
}

function definedNames(): Set<string> {
  const names = new Set<string>(objectFolders().filter((o) => o.endsWith('__c')));
  for (const field of readFields()) {
    if (!field.fullName) continue;
    names.add(field.fullName);
    if (field.referenceTo) {
      names.add(field.fullName.replace(/__c$/, '__r'));
      if (field.relationshipName) names.add(`${field.relationshipName}__r`);
    }
  }
  return names;
}

describe('API names in the Lightning components', () => {
  const files = componentSources(LWC_DIR);
  const uses = files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((text, index) => [...text.matchAll(API_NAME)].map((m) => ({ at: `${relative(PROJECT_ROOT, file)}:${index + 1}`, token: m[0] }))),
  );

  it('finds the names the queries use (sanity check of the scanner)', () => {
    const tokens = new Set(uses.map((u) => u.token));
    for (const name of ['Outcome_Requirements__r', 'Measurements__r', 'Outcome_Components__r', 'Business_Capability__r', 'Validation_Status__c']) {
      expect({ name, used: tokens.has(name) }).toEqual({ name, used: true });
    }
  });

  it('uses only names force-app defines', () => {
    const defined = definedNames();
    expect(uses.filter((u) => !defined.has(u.token))).toEqual([]);
  });
});
