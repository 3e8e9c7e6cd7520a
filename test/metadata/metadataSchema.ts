/**
 * Checks a metadata file element by element against the Metadata API's own types, as jsforce ships them
 * (jsforce/lib/api/metadata/schema.js, generated from Salesforce's metadata WSDL): every element is one its
 * type declares, required elements are present, an element repeats only where the type holds a list, and
 * the repeats stand together, as the WSDL's sequences require. source-deploy-retrieve checks none of this.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import jsforceSchema from 'jsforce/lib/api/metadata/schema.js';

type PropType = string | readonly string[];
type TypeSchema = { type: string; props: Record<string, PropType>; extends?: string };

const SCHEMAS = (jsforceSchema as unknown as { ApiSchemas: Record<string, TypeSchema> }).ApiSchemas;

/** One element in document order: its name, its child elements, its text. */
type Element = { name: string; children: Element[]; text: string };

const PRIMITIVES = new Set(['string', 'boolean', 'number', 'any']);

/**
 * Where the schema jsforce ships lags Salesforce's Metadata API Developer Guide, each correction citing the page:
 * - "LightningComponentBundle": targetConfigs holds the <targetConfig> elements of each target, as raw XML.
 * - "QuickAction": actionSubtype and lightningWebComponent (API 55.0 and later) make a Lightning web component action.
 */
const SCHEMA_CORRECTIONS: Record<string, Record<string, PropType>> = {
  LightningComponentBundle: { targetConfigs: '?any' as PropType },
  QuickAction: { actionSubtype: '?string' as PropType, lightningWebComponent: '?string' as PropType },
  // "FlexiPage" (API 41.0 and later): a region holds itemInstances, each a componentInstance (or a Dynamic Forms
  // fieldInstance); a component instance has an identifier (API 47.0, required from 53.0); a property may hold a
  // valueList. jsforce still has the regions' older componentInstances list.
  FlexiPageRegion: { itemInstances: ['ItemInstance'] as PropType },
  ComponentInstance: { identifier: '?string' as PropType },
  ComponentInstanceProperty: { valueList: '?ComponentInstancePropertyList' as PropType },
};

/** Types of the Metadata API Developer Guide that jsforce's schema does not have at all (same pages as above). */
const MISSING_TYPES: Record<string, TypeSchema> = {
  ItemInstance: { type: 'ItemInstance', props: { componentInstance: '?ComponentInstance', fieldInstance: '?FieldInstance' } },
  FieldInstance: {
    type: 'FieldInstance',
    props: { fieldInstanceProperties: ['ComponentInstanceProperty'], fieldItem: 'string', identifier: '?string', visibilityRule: '?UiFormulaRule' },
  },
  ComponentInstancePropertyList: { type: 'ComponentInstancePropertyList', props: { valueListItems: ['ComponentInstancePropertyListItem'] } },
  ComponentInstancePropertyListItem: { type: 'ComponentInstancePropertyListItem', props: { value: '?string', visibilityRule: '?UiFormulaRule' } },
};

/** Every property of a type, its ancestors' included (a CustomField also has Metadata's fullName). */
export function propsOf(typeName: string): Record<string, PropType> {
  const type = SCHEMAS[typeName] ?? MISSING_TYPES[typeName];
  if (!type) throw new Error(`the Metadata API has no type ${typeName}`);
  return { ...(type.extends ? propsOf(type.extends) : {}), ...type.props, ...SCHEMA_CORRECTIONS[typeName] };
}

export function isMetadataType(typeName: string): boolean {
  return SCHEMAS[typeName] !== undefined || MISSING_TYPES[typeName] !== undefined;
}

// preserveOrder keeps siblings in document order, which the "stand together" rule needs.
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: true, parseTagValue: false, trimValues: true, ignoreDeclaration: true, commentPropName: '#comment' });

type OrderedNode = Record<string, unknown>;

function toElements(nodes: OrderedNode[]): Element[] {
  return nodes.flatMap((node) => {
    const name = Object.keys(node).find((key) => key !== ':@');
    if (name === undefined || name === '#text' || name === '#comment') return [];
    const content = node[name] as OrderedNode[];
    const text = content
      .filter((c) => '#text' in c)
      .map((c) => String(c['#text']))
      .join('');
    return [{ name, children: toElements(content), text }];
  });
}

/** The root element of a metadata file, with its children in document order. */
export function readElementTree(path: string): Element {
  const roots = toElements(parser.parse(readFileSync(path, 'utf8')) as OrderedNode[]);
  if (roots.length !== 1) throw new Error(`${path}: expected one root element, found ${roots.length}`);
  return roots[0];
}

/** What is wrong with an element of the given type (and everything below it), as readable lines. */
export function schemaProblems(element: Element, typeName: string, path = element.name): string[] {
  const props = propsOf(typeName);
  const problems: string[] = [];
  const seen = new Map<string, number[]>();
  element.children.forEach((child, index) => seen.set(child.name, [...(seen.get(child.name) ?? []), index]));

  for (const [name, type] of Object.entries(props)) {
    const required = typeof type === 'string' && !type.startsWith('?');
    if (required && !seen.has(name)) problems.push(`${path}: required element <${name}> is missing`);
  }
  for (const [name, indexes] of seen) {
    const type = props[name];
    if (type === undefined) {
      problems.push(`${path}: <${name}> is not an element of ${typeName}`);
      continue;
    }
    const isList = Array.isArray(type);
    if (!isList && indexes.length > 1) problems.push(`${path}: <${name}> appears ${indexes.length} times, but ${typeName} holds one`);
    if (isList && indexes[indexes.length - 1] - indexes[0] !== indexes.length - 1) {
      problems.push(`${path}: the <${name}> elements do not stand together (positions ${indexes.map((i) => i + 1).join(', ')})`);
    }
  }
  for (const child of element.children) {
    const type = props[child.name];
    if (type === undefined) continue;
    const childType = (Array.isArray(type) ? type[0] : (type as string)).replace(/^\?/, '');
    problems.push(...valueProblems(child, childType, `${path}.${child.name}`));
  }
  return problems;
}

function valueProblems(element: Element, typeName: string, path: string): string[] {
  if (typeName === 'any') return [];
  if (!PRIMITIVES.has(typeName)) return schemaProblems(element, typeName, path);
  if (element.children.length > 0) return [`${path}: a ${typeName} holds text, not elements`];
  if (typeName === 'boolean' && !['true', 'false'].includes(element.text)) return [`${path}: expected true or false, found "${element.text}"`];
  if (typeName === 'number' && (element.text.trim() === '' || !Number.isFinite(Number(element.text)))) {
    return [`${path}: expected a number, found "${element.text}"`];
  }
  return [];
}
