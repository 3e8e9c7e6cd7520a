/**
 * Every *-meta.xml in force-app, element by element, against the Metadata API's own types (jsforce's copy of
 * Salesforce's metadata WSDL): unknown elements, missing required ones, and lists broken up by other elements
 * are refused here instead of at deploy time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { isMetadataType, readElementTree, schemaProblems } from './metadataSchema.js';
import { FORCE_APP, PROJECT_ROOT } from './readMetadata.js';

function metadataFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : metadataFiles(path);
    return entry.name.endsWith('-meta.xml') ? [path] : [];
  });
}

/** An element tree from literal children, for the checker's own tests. */
const el = (name: string, ...children: Array<ReturnType<typeof readElementTree> | [string, string]>) => ({
  name,
  text: '',
  children: children.map((c) => (Array.isArray(c) ? { name: c[0], text: c[1], children: [] } : c)),
});

describe('the schema check itself', () => {
  const rule = (...extra: Array<[string, string]>) =>
    el('ValidationRule', ['fullName', 'X'], ['active', 'true'], ['errorConditionFormula', 'true'], ['errorMessage', 'm'], ...extra);

  it('accepts a valid element and reports what is wrong with an invalid one', () => {
    expect(schemaProblems(rule(), 'ValidationRule')).toEqual([]);
    expect(schemaProblems(rule(['errorDisplayFeild', 'Name']), 'ValidationRule')).toEqual([
      'ValidationRule: <errorDisplayFeild> is not an element of ValidationRule',
    ]);
    expect(schemaProblems(el('ValidationRule', ['active', 'yes'], ['errorConditionFormula', 'true']), 'ValidationRule')).toEqual([
      'ValidationRule: required element <errorMessage> is missing',
      'ValidationRule.active: expected true or false, found "yes"',
    ]);
    expect(schemaProblems(rule(['description', 'a'], ['description', 'b']), 'ValidationRule')).toEqual([
      'ValidationRule: <description> appears 2 times, but ValidationRule holds one',
    ]);
  });

  it('requires repeated elements to stand together, and checks nested types', () => {
    const view = el('ListView', ['fullName', 'V'], ['columns', 'NAME'], ['filterScope', 'Everything'], ['columns', 'X__c'], ['label', 'V']);
    expect(schemaProblems(view, 'ListView')).toEqual(['ListView: the <columns> elements do not stand together (positions 2, 4)']);
    const filtered = el('ListView', ['fullName', 'V'], ['filterScope', 'Everything'], el('filters', ['field', 'X__c'], ['operation', 'equals'], ['valu', '1']), ['label', 'V']);
    expect(schemaProblems(filtered, 'ListView')).toContain('ListView.filters: <valu> is not an element of ListViewFilter');
  });
});

describe('force-app against the Metadata API types', () => {
  const files = metadataFiles(FORCE_APP);

  it('finds the metadata files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files.map((f) => [relative(PROJECT_ROOT, f), f]))('%s', (_name, file) => {
    const root = readElementTree(file);
    expect({ root: root.name, known: isMetadataType(root.name) }).toEqual({ root: root.name, known: true });
    // Elements outside the metadata namespace are not metadata at all.
    expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`<${root.name} xmlns="http://soap\\.sforce\\.com/2006/04/metadata">`));
    expect(schemaProblems(root, root.name)).toEqual([]);
  });
});
