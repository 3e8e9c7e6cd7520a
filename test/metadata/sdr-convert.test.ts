/**
 * Converts force-app to Metadata API format with source-deploy-retrieve, as `sf project deploy`
 * does before it ships a zip, and checks that every type and member arrives: every custom object
 * and every field of the model, in the object files the platform receives.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { XMLParser } from 'fast-xml-parser';
import { ALL_OBJECTS, CUSTOM_OBJECTS } from '../../src/core/model.js';
import { DEFAULT_DIR, FORCE_APP, PROJECT_ROOT, list, readCompactLayouts, readLayouts, readListViews, readPermissionSets, readTabs, readValidationRules } from './readMetadata.js';

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });
const TMP_ROOT = join(PROJECT_ROOT, '.tmp');

let outputDir: string;
let convertedFiles: string[];
let manifest: Map<string, string[]>;
let manifestVersion: string | undefined;

beforeAll(async () => {
  mkdirSync(TMP_ROOT, { recursive: true });
  outputDir = mkdtempSync(join(TMP_ROOT, 'sdr-convert-'));
  // SDR's writer drops every file that the nearest .forceignore (found upwards from the output
  // folder) denies, and its built-in rules deny any path with a dot-folder in it: relative to the
  // project's .forceignore, every path here starts with ".tmp/", so nothing would be written at all.
  // An empty .forceignore at the output root makes the rules apply relative to the output itself.
  writeFileSync(join(outputDir, '.forceignore'), '');

  const components = ComponentSet.fromSource(FORCE_APP);
  const result = await new MetadataConverter().convert(components, 'metadata', {
    type: 'directory',
    outputDirectory: outputDir,
    packageName: 'outcomes',
    genUniqueDir: false,
  });
  convertedFiles = (result.converted ?? []).flatMap((c) => [c.xml, ...c.walkContent()].filter((p): p is string => Boolean(p)));

  const pkg = parser.parse(readFileSync(join(outputDir, 'outcomes', 'package.xml'), 'utf8')) as { Package: { types: unknown; version?: string } };
  manifestVersion = pkg.Package.version;
  manifest = new Map(list(pkg.Package.types).map((t) => [String(t.name), list(t.members).map(String)]));
}, 60_000);

afterAll(() => {
  if (outputDir) rmSync(outputDir, { recursive: true, force: true });
});

function readConverted(relativePath: string): Record<string, unknown> {
  const path = join(outputDir, 'outcomes', relativePath);
  if (!existsSync(path)) throw new Error(`conversion did not write ${relativePath}`);
  return parser.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

describe('source-deploy-retrieve conversion of force-app', () => {
  it('succeeds and writes files', () => {
    expect(convertedFiles.length).toBeGreaterThan(0);
  });

  it('uses the project\'s API version (sfdx-project.json sourceApiVersion)', () => {
    const project = JSON.parse(readFileSync(join(PROJECT_ROOT, 'sfdx-project.json'), 'utf8')) as { sourceApiVersion: string };
    expect(project.sourceApiVersion).toBe('64.0');
    expect(manifestVersion).toBe(project.sourceApiVersion);
  });

  it('lists every expected metadata type in package.xml', () => {
    for (const type of ['CustomObject', 'CustomField', 'ValidationRule', 'ListView', 'CompactLayout', 'Layout', 'CustomTab', 'CustomApplication', 'PermissionSet', 'FlexiPage']) {
      expect({ type, listed: (manifest.get(type) ?? []).length > 0 }).toEqual({ type, listed: true });
    }
  });

  it('lists every custom object and every field of the model', () => {
    expect(manifest.get('CustomObject')).toEqual(expect.arrayContaining(CUSTOM_OBJECTS.map((o) => o.apiName)));
    const modelFields = ALL_OBJECTS.flatMap((o) => Object.keys(o.fields).filter((f) => f !== 'Name').map((f) => `${o.apiName}.${f}`));
    expect([...(manifest.get('CustomField') ?? [])].sort()).toEqual(modelFields.sort());
  });

  it('lists every validation rule, list view, compact layout, layout, tab and permission set in force-app', () => {
    const members = (type: string) => [...(manifest.get(type) ?? [])].sort();
    expect(members('ValidationRule')).toEqual(readValidationRules().map((r) => `${r.object}.${r.fileName}`).sort());
    expect(members('ListView')).toEqual(readListViews().map((v) => `${v.object}.${v.fileName}`).sort());
    expect(members('CompactLayout')).toEqual(readCompactLayouts().map((c) => `${c.object}.${c.fileName}`).sort());
    expect(members('Layout')).toEqual(readLayouts().map((l) => l.fileName).sort());
    expect(members('CustomTab')).toEqual(readTabs().map((t) => t.fileName).sort());
    expect(members('PermissionSet')).toEqual(readPermissionSets().map((p) => p.fileName).sort());
    expect(members('CustomApplication')).toEqual(['Outcomes']);
    expect(members('FlexiPage')).toEqual(readdirSync(join(DEFAULT_DIR, 'flexipages')).map((f) => f.replace(/\.flexipage-meta\.xml$/, '')).sort());
  });

  it.each(ALL_OBJECTS.map((o) => [o.apiName, o] as const))('writes %s with all its fields in objects/<Object>.object', (apiName, spec) => {
    const object = readConverted(`objects/${apiName}.object`).CustomObject as Record<string, unknown>;
    const written = list(object.fields).map((f) => String(f.fullName));
    const expected = Object.keys(spec.fields).filter((f) => f !== 'Name');
    expect(written.sort()).toEqual(expected.sort());
    if (!spec.standard) {
      expect(object.label).toBeTruthy();
      expect(list(object.validationRules).length + list(object.listViews).length).toBeGreaterThan(0);
    }
  });

  it('writes the tabs, layouts, app and permission sets', () => {
    for (const tab of readTabs()) expect(readConverted(`tabs/${tab.fileName}.tab`).CustomTab).toBeDefined();
    for (const layout of readLayouts()) expect(readConverted(`layouts/${layout.fileName}.layout`).Layout).toBeDefined();
    expect(readConverted('applications/Outcomes.app').CustomApplication).toBeDefined();
    for (const set of readPermissionSets()) expect(readConverted(`permissionsets/${set.fileName}.permissionset`).PermissionSet).toBeDefined();
    for (const page of manifest.get('FlexiPage') ?? []) expect(readConverted(`flexipages/${page}.flexipage`).FlexiPage).toBeDefined();
  });
});
