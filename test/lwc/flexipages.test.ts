/**
 * The Lightning pages of force-app/main/default/flexipages place the components where their bundles say they may go:
 * each custom component is an exposed bundle targeting that kind of page (and, on a record page, that object), each
 * property set on it is a design attribute of that target, and the Outcomes app opens its record pages and Home page.
 * The org checks all this only at deploy time; this test checks it first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { LWC_DIR, moduleFolders } from '../../scripts/lwc/build.js';
import { DEFAULT_DIR, list, readXml } from '../metadata/readMetadata.js';

type XmlNode = Record<string, unknown>;
// A bundle's targets and design attributes are XML attributes (<targetConfig targets="…">, <property name="…">).
const withAttributes = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false });

const FLEXIPAGES = join(DEFAULT_DIR, 'flexipages');

type Placement = { page: string; pageType: string; sobjectType?: string; component: string; properties: Record<string, string> };
type Page = { name: string; type: string; sobjectType?: string; template: string; placements: Placement[] };

const pages: Page[] = readdirSync(FLEXIPAGES)
  .filter((file) => file.endsWith('.flexipage-meta.xml'))
  .map((file) => {
    const name = file.replace(/\.flexipage-meta\.xml$/, '');
    const page = readXml(join(FLEXIPAGES, file), 'FlexiPage');
    const type = String(page.type);
    const sobjectType = page.sobjectType === undefined ? undefined : String(page.sobjectType);
    const placements = list(page.flexiPageRegions)
      .flatMap((region) => list(region.itemInstances))
      .map((item) => item.componentInstance as XmlNode)
      .filter(Boolean)
      .map((instance) => ({
        page: name,
        pageType: type,
        sobjectType,
        component: String(instance.componentName),
        properties: Object.fromEntries(list(instance.componentInstanceProperties).map((p) => [String(p.name), String(p.value)])),
      }));
    return { name, type, sobjectType, template: String((page.template as XmlNode).name), placements };
  });

/** Lightning page type → the target a component's js-meta.xml must name to be placed on it. */
const TARGET_OF: Record<string, string> = { RecordPage: 'lightning__RecordPage', HomePage: 'lightning__HomePage', AppPage: 'lightning__AppPage' };

type TargetConfig = { targets: string[]; objects: string[]; properties: Map<string, XmlNode> };
function bundle(name: string): { exposed: boolean; targets: string[]; configs: TargetConfig[] } {
  const meta = (withAttributes.parse(readFileSync(join(LWC_DIR, name, `${name}.js-meta.xml`), 'utf8')) as XmlNode).LightningComponentBundle as XmlNode;
  const configs = list((meta.targetConfigs as XmlNode | undefined)?.targetConfig).map((config) => ({
    targets: String(config['@_targets']).split(',').map((t) => t.trim()),
    objects: list((config.objects as XmlNode | undefined)?.object).map(String),
    properties: new Map(list(config.property).map((p) => [String(p['@_name']), p])),
  }));
  return { exposed: String(meta.isExposed) === 'true', targets: list((meta.targets as XmlNode).target).map(String), configs };
}

const custom = (placement: Placement) => !placement.component.includes(':');

describe('Lightning pages', () => {
  it('are the record pages of Initiative, Opportunity and Account, a Home page and an app page', () => {
    expect(pages.filter((p) => p.type === 'RecordPage').map((p) => p.sobjectType).sort()).toEqual(['Account', 'Initiative__c', 'Opportunity']);
    expect(pages.filter((p) => p.type === 'HomePage')).toHaveLength(1);
    expect(pages.filter((p) => p.type === 'AppPage')).toHaveLength(1);
  });

  it('place the components where they belong', () => {
    const where = (component: string) =>
      pages
        .flatMap((p) => p.placements)
        .filter((p) => p.component === component)
        .map((p) => p.sobjectType ?? p.pageType)
        .sort();
    expect(where('outcomeTracker')).toEqual(['Account', 'Initiative__c']);
    expect(where('handoverChecklist')).toEqual(['Opportunity']);
    expect([...new Set(where('renewalRadar'))]).toEqual(['Account', 'AppPage', 'HomePage']);
  });

  const placements = pages.flatMap((p) => p.placements).filter(custom);
  it.each(placements.map((p) => [`${p.page}: ${p.component}`, p] as const))('%s is an exposed bundle for that page, with those design attributes', (_name, placement) => {
    expect(moduleFolders()).toContain(placement.component);
    const { exposed, targets, configs } = bundle(placement.component);
    const target = TARGET_OF[placement.pageType];
    expect(exposed).toBe(true);
    expect(targets).toContain(target);
    const config = configs.find((c) => c.targets.includes(target));
    if (placement.sobjectType) expect(config?.objects ?? []).toContain(placement.sobjectType);
    for (const [name, value] of Object.entries(placement.properties)) {
      const property = config?.properties.get(name);
      expect({ name, designAttribute: property !== undefined }).toEqual({ name, designAttribute: true });
      const type = String(property!['@_type']);
      if (type === 'Integer') expect(Number.isInteger(Number(value))).toBe(true);
      if (type === 'Boolean') expect(['true', 'false']).toContain(value);
    }
  });

  it('give every component instance a unique identifier (required from API 53.0)', () => {
    for (const file of readdirSync(FLEXIPAGES)) {
      const page = readXml(join(FLEXIPAGES, file), 'FlexiPage');
      const ids = list(page.flexiPageRegions)
        .flatMap((region) => list(region.itemInstances))
        .map((item) => String((item.componentInstance as XmlNode).identifier ?? ''));
      expect(ids.filter((id) => id === '')).toEqual([]);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe('the Outcomes app', () => {
  const app = readXml(join(DEFAULT_DIR, 'applications', 'Outcomes.app-meta.xml'), 'CustomApplication');
  const overrides = list(app.actionOverrides).map((o) => ({ action: String(o.actionName), content: String(o.content), on: String(o.pageOrSobjectType), type: String(o.type) }));

  it('opens its record pages on Initiative, Opportunity and Account, and its own Home page', () => {
    const byName = new Map(pages.map((p) => [p.name, p]));
    for (const override of overrides) {
      const page = byName.get(override.content);
      expect({ override, page: page?.name }).toEqual({ override, page: override.content });
      expect(override.type).toBe('Flexipage');
      if (override.action === 'View') expect(page!.sobjectType).toBe(override.on);
      if (override.action === 'Tab') expect({ on: override.on, type: page!.type }).toEqual({ on: 'standard-home', type: 'HomePage' });
    }
    expect(overrides.map((o) => `${o.action} ${o.on}`).sort()).toEqual(['Tab standard-home', 'View Account', 'View Initiative__c', 'View Opportunity']);
  });

  it('has a tab for its app page', () => {
    const appPage = pages.find((p) => p.type === 'AppPage')!;
    const tab = readXml(join(DEFAULT_DIR, 'tabs', `${appPage.name}.tab-meta.xml`), 'CustomTab');
    expect(String(tab.flexiPage)).toBe(appPage.name);
    expect(list(app.tabs).map(String)).toContain(appPage.name);
  });
});
