/**
 * source-deploy-retrieve converts each Lightning component bundle with its compiled JavaScript in it and without its
 * TypeScript, tests or tsconfig (.forceignore). Without the .js a bundle would convert with no JavaScript, silently.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { LWC_DIR, moduleFolders, PROJECT_ROOT } from '../../scripts/lwc/build.js';
import { DEFAULT_DIR, list, readXml } from '../metadata/readMetadata.js';

let outputDir: string;
let convertedLwc: string;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

beforeAll(async () => {
  mkdirSync(join(PROJECT_ROOT, '.tmp'), { recursive: true });
  outputDir = mkdtempSync(join(PROJECT_ROOT, '.tmp', 'sdr-lwc-'));
  writeFileSync(join(outputDir, '.forceignore'), ''); // see sdr-convert.test.ts: rules relative to the output itself
  // Resolved from the project root so its .forceignore applies, as `sf project deploy` resolves it.
  const components = ComponentSet.fromSource({ fsPaths: [LWC_DIR, join(DEFAULT_DIR, 'quickActions')] });
  await new MetadataConverter().convert(components, 'metadata', { type: 'directory', outputDirectory: outputDir, packageName: 'outcomes', genUniqueDir: false });
  convertedLwc = join(outputDir, 'outcomes', 'lwc');
}, 60_000);

afterAll(() => {
  if (outputDir) rmSync(outputDir, { recursive: true, force: true });
});

describe('source-deploy-retrieve conversion of the Lightning components', () => {
  it('converts every bundle with its JavaScript and its meta file', () => {
    for (const name of moduleFolders()) {
      expect({ name, js: existsSync(join(convertedLwc, name, `${name}.js`)), meta: existsSync(join(convertedLwc, name, `${name}.js-meta.xml`)) }).toEqual({ name, js: true, meta: true });
    }
  });

  it('ships templates and styles of components beside their JavaScript', () => {
    for (const name of moduleFolders().filter((n) => existsSync(join(LWC_DIR, n, `${n}.html`)))) {
      expect({ name, html: existsSync(join(convertedLwc, name, `${name}.html`)) }).toEqual({ name, html: true });
    }
  });

  it('ships no TypeScript, no tests, no tsconfig', () => {
    const shipped = filesUnder(convertedLwc).map((f) => relative(convertedLwc, f));
    expect(shipped.filter((f) => /\.ts$|__tests__|tsconfig/.test(f))).toEqual([]);
  });
});

describe('the Log Measurement quick action', () => {
  const action = readXml(join(DEFAULT_DIR, 'quickActions', 'Outcome_Requirement__c.Log_Measurement.quickAction-meta.xml'), 'QuickAction');

  it('is a screen action showing the logMeasurement component', () => {
    expect(action).toMatchObject({ type: 'LightningWebComponent', actionSubtype: 'ScreenAction', lightningWebComponent: 'logMeasurement' });
  });

  it('names an exposed component that targets lightning__RecordAction as a ScreenAction', () => {
    const bundle = readXml(join(LWC_DIR, 'logMeasurement', 'logMeasurement.js-meta.xml'), 'LightningComponentBundle') as {
      isExposed: string;
      targets: { target: unknown };
      targetConfigs: { targetConfig: { actionType: string } };
    };
    expect(bundle.isExposed).toBe('true');
    expect(list(bundle.targets.target).map(String)).toContain('lightning__RecordAction');
    expect(bundle.targetConfigs.targetConfig.actionType).toBe('ScreenAction');
  });

  it('is on the Outcome Requirement layout, so it shows on the record page', () => {
    const layout = readXml(join(DEFAULT_DIR, 'layouts', 'Outcome_Requirement__c-Outcome Requirement Layout.layout-meta.xml'), 'Layout') as {
      platformActionList?: { platformActionListItems: unknown };
    };
    const actions = list(layout.platformActionList?.platformActionListItems).map((item) => `${String(item.actionType)}:${String(item.actionName)}`);
    expect(actions).toContain('QuickAction:Outcome_Requirement__c.Log_Measurement');
  });

  it('converts as a QuickAction', () => {
    expect(existsSync(join(outputDir, 'outcomes', 'quickActions', 'Outcome_Requirement__c.Log_Measurement.quickAction'))).toBe(true);
  });
});
