/**
 * Reads the source-format metadata in force-app with a real XML parser, into small typed records,
 * so the metadata tests compare content (types, picklists, relationships, permissions) rather than
 * trusting source-deploy-retrieve, which accepts almost anything that is well-formed XML.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FORCE_APP = join(PROJECT_ROOT, 'force-app');
export const DEFAULT_DIR = join(FORCE_APP, 'main', 'default');

type XmlNode = Record<string, unknown>;

// Tag values stay strings ("64.0", "true", "0001"): each reader converts what it needs, explicitly.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, ignoreDeclaration: true });

/** Parses one metadata file and returns the body of its root element, checking the root's name. */
export function readXml(path: string, expectedRoot: string): XmlNode {
  const parsed = parser.parse(readFileSync(path, 'utf8')) as XmlNode;
  const body = parsed[expectedRoot];
  if (body === undefined) {
    throw new Error(`${path}: expected root element <${expectedRoot}>, found <${Object.keys(parsed).join(', ')}>`);
  }
  // An element with no children parses as '' (empty string): treat it as an empty body.
  return typeof body === 'object' && body !== null ? (body as XmlNode) : {};
}

/** A repeated element parses as an array, a single one as the value itself: always get a list. */
export function list(value: unknown): XmlNode[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]) as XmlNode[];
}

export function strings(value: unknown): string[] {
  return list(value).map((v) => String(v));
}

function str(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function bool(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`expected true or false, found ${JSON.stringify(value)}`);
}

function int(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`expected an integer, found ${JSON.stringify(value)}`);
  return n;
}

/** Files directly in a folder with the given suffix; [] when the folder does not exist. */
export function filesIn(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => join(dir, f));
}

export const nameOf = (path: string, suffix: string): string => basename(path).slice(0, -suffix.length);

const OBJECTS_DIR = join(DEFAULT_DIR, 'objects');

/** Object folders under objects/ (custom objects and the standard objects the package extends). */
export function objectFolders(): string[] {
  if (!existsSync(OBJECTS_DIR)) return [];
  return readdirSync(OBJECTS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

// ---- Objects -----------------------------------------------------------------------------------

export type ObjectMeta = {
  apiName: string;
  file: string;
  label?: string;
  pluralLabel?: string;
  description?: string;
  deploymentStatus?: string;
  sharingModel?: string;
  externalSharingModel?: string;
  enableHistory?: boolean;
  enableReports?: boolean;
  enableActivities?: boolean;
  enableSearch?: boolean;
  enableSharing?: boolean;
  enableBulkApi?: boolean;
  enableStreamingApi?: boolean;
  compactLayoutAssignment?: string;
  nameField: { label?: string; type?: string; displayFormat?: string; startingNumber?: number };
};

/** Objects that have an .object-meta.xml (the custom objects; standard objects carry fields only). */
export function readObjects(): ObjectMeta[] {
  return objectFolders().flatMap((apiName) => {
    const file = join(OBJECTS_DIR, apiName, `${apiName}.object-meta.xml`);
    if (!existsSync(file)) return [];
    const x = readXml(file, 'CustomObject');
    const nf = (x.nameField ?? {}) as XmlNode;
    return [
      {
        apiName,
        file,
        label: str(x.label),
        pluralLabel: str(x.pluralLabel),
        description: str(x.description),
        deploymentStatus: str(x.deploymentStatus),
        sharingModel: str(x.sharingModel),
        externalSharingModel: str(x.externalSharingModel),
        enableHistory: bool(x.enableHistory),
        enableReports: bool(x.enableReports),
        enableActivities: bool(x.enableActivities),
        enableSearch: bool(x.enableSearch),
        enableSharing: bool(x.enableSharing),
        enableBulkApi: bool(x.enableBulkApi),
        enableStreamingApi: bool(x.enableStreamingApi),
        compactLayoutAssignment: str(x.compactLayoutAssignment),
        nameField: { label: str(nf.label), type: str(nf.type), displayFormat: str(nf.displayFormat), startingNumber: int(nf.startingNumber) },
      },
    ];
  });
}

// ---- Fields ------------------------------------------------------------------------------------

export type SummaryFilterMeta = { field?: string; operation?: string; value?: string };

export type FieldMeta = {
  object: string;
  file: string;
  fileName: string;
  fullName?: string;
  type?: string;
  label?: string;
  description?: string;
  inlineHelpText?: string;
  /** Whether the element is present at all (master-detail fields must not carry one). */
  hasRequired: boolean;
  required: boolean;
  externalId: boolean;
  unique: boolean;
  caseSensitive?: boolean;
  length?: number;
  visibleLines?: number;
  precision?: number;
  scale?: number;
  referenceTo?: string;
  relationshipName?: string;
  relationshipLabel?: string;
  relationshipOrder?: number;
  reparentableMasterDetail?: boolean;
  writeRequiresMasterRead?: boolean;
  deleteConstraint?: string;
  restricted?: boolean;
  picklistValues?: string[];
  /** Each picklist value's API name (fullName) and label, in order. */
  picklistEntries: Array<{ fullName: string; label?: string }>;
  formula?: string;
  formulaTreatBlanksAs?: string;
  summarizedField?: string;
  summaryForeignKey?: string;
  summaryOperation?: string;
  summaryFilterItems: SummaryFilterMeta[];
};

export function readFields(): FieldMeta[] {
  return objectFolders().flatMap((object) =>
    filesIn(join(OBJECTS_DIR, object, 'fields'), '.field-meta.xml').map((file): FieldMeta => {
      const x = readXml(file, 'CustomField');
      const valueSet = x.valueSet as XmlNode | undefined;
      const definition = valueSet?.valueSetDefinition as XmlNode | undefined;
      const values = definition ? list(definition.value) : undefined;
      return {
        object,
        file,
        fileName: nameOf(file, '.field-meta.xml'),
        fullName: str(x.fullName),
        type: str(x.type),
        label: str(x.label),
        description: str(x.description),
        inlineHelpText: str(x.inlineHelpText),
        hasRequired: x.required !== undefined,
        required: bool(x.required) ?? false,
        externalId: bool(x.externalId) ?? false,
        unique: bool(x.unique) ?? false,
        caseSensitive: bool(x.caseSensitive),
        length: int(x.length),
        visibleLines: int(x.visibleLines),
        precision: int(x.precision),
        scale: int(x.scale),
        referenceTo: str(x.referenceTo),
        relationshipName: str(x.relationshipName),
        relationshipLabel: str(x.relationshipLabel),
        relationshipOrder: int(x.relationshipOrder),
        reparentableMasterDetail: bool(x.reparentableMasterDetail),
        writeRequiresMasterRead: bool(x.writeRequiresMasterRead),
        deleteConstraint: str(x.deleteConstraint),
        restricted: bool(valueSet?.restricted),
        picklistValues: values?.map((v) => String(v.fullName)),
        picklistEntries: (values ?? []).map((v) => ({ fullName: String(v.fullName), label: str(v.label) })),
        formula: str(x.formula),
        formulaTreatBlanksAs: str(x.formulaTreatBlanksAs),
        summarizedField: str(x.summarizedField),
        summaryForeignKey: str(x.summaryForeignKey),
        summaryOperation: str(x.summaryOperation),
        summaryFilterItems: list(x.summaryFilterItems).map((f) => ({ field: str(f.field), operation: str(f.operation), value: str(f.value) })),
      };
    }),
  );
}

// ---- Validation rules, list views, compact layouts ---------------------------------------------

export type ValidationRuleMeta = {
  object: string;
  file: string;
  fileName: string;
  fullName?: string;
  active?: boolean;
  description?: string;
  errorConditionFormula?: string;
  errorDisplayField?: string;
  errorMessage?: string;
};

export function readValidationRules(): ValidationRuleMeta[] {
  return objectFolders().flatMap((object) =>
    filesIn(join(OBJECTS_DIR, object, 'validationRules'), '.validationRule-meta.xml').map((file) => {
      const x = readXml(file, 'ValidationRule');
      return {
        object,
        file,
        fileName: nameOf(file, '.validationRule-meta.xml'),
        fullName: str(x.fullName),
        active: bool(x.active),
        description: str(x.description),
        errorConditionFormula: str(x.errorConditionFormula),
        errorDisplayField: str(x.errorDisplayField),
        errorMessage: str(x.errorMessage),
      };
    }),
  );
}

export type ListViewMeta = {
  object: string;
  file: string;
  fileName: string;
  fullName?: string;
  label?: string;
  filterScope?: string;
  booleanFilter?: string;
  columns: string[];
  filters: Array<{ field?: string; operation?: string; value?: string }>;
};

export function readListViews(): ListViewMeta[] {
  return objectFolders().flatMap((object) =>
    filesIn(join(OBJECTS_DIR, object, 'listViews'), '.listView-meta.xml').map((file) => {
      const x = readXml(file, 'ListView');
      return {
        object,
        file,
        fileName: nameOf(file, '.listView-meta.xml'),
        fullName: str(x.fullName),
        label: str(x.label),
        filterScope: str(x.filterScope),
        booleanFilter: str(x.booleanFilter),
        columns: strings(x.columns),
        filters: list(x.filters).map((f) => ({ field: str(f.field), operation: str(f.operation), value: str(f.value) })),
      };
    }),
  );
}

export type CompactLayoutMeta = { object: string; file: string; fileName: string; fullName?: string; label?: string; fields: string[] };

export function readCompactLayouts(): CompactLayoutMeta[] {
  return objectFolders().flatMap((object) =>
    filesIn(join(OBJECTS_DIR, object, 'compactLayouts'), '.compactLayout-meta.xml').map((file) => {
      const x = readXml(file, 'CompactLayout');
      return { object, file, fileName: nameOf(file, '.compactLayout-meta.xml'), fullName: str(x.fullName), label: str(x.label), fields: strings(x.fields) };
    }),
  );
}

// ---- Layouts -----------------------------------------------------------------------------------

export type LayoutItemMeta = { field: string; behavior?: string; section: string };
export type LayoutMeta = {
  /** Object the layout belongs to: the part of the file name before the first '-'. */
  object: string;
  file: string;
  fileName: string;
  sections: string[];
  items: LayoutItemMeta[];
  relatedLists: Array<{ relatedList: string; fields: string[] }>;
};

export function readLayouts(): LayoutMeta[] {
  return filesIn(join(DEFAULT_DIR, 'layouts'), '.layout-meta.xml').map((file) => {
    const x = readXml(file, 'Layout');
    const fileName = nameOf(file, '.layout-meta.xml');
    const sections = list(x.layoutSections);
    const items = sections.flatMap((s) =>
      list(s.layoutColumns).flatMap((c) =>
        list(c.layoutItems)
          .filter((i) => i.field !== undefined)
          .map((i) => ({ field: String(i.field), behavior: str(i.behavior), section: String(s.label) })),
      ),
    );
    return {
      object: fileName.split('-')[0],
      file,
      fileName,
      sections: sections.map((s) => String(s.label)),
      items,
      relatedLists: list(x.relatedLists).map((r) => ({ relatedList: String(r.relatedList), fields: strings(r.fields) })),
    };
  });
}

// ---- Tabs, application, permission sets --------------------------------------------------------

export type TabMeta = { file: string; fileName: string; customObject?: boolean; motif?: string };

export function readTabs(): TabMeta[] {
  return filesIn(join(DEFAULT_DIR, 'tabs'), '.tab-meta.xml').map((file) => {
    const x = readXml(file, 'CustomTab');
    return { file, fileName: nameOf(file, '.tab-meta.xml'), customObject: bool(x.customObject), motif: str(x.motif) };
  });
}

export type ApplicationMeta = {
  file: string;
  fileName: string;
  label?: string;
  description?: string;
  uiType?: string;
  navType?: string;
  formFactors: string[];
  tabs: string[];
};

export function readApplications(): ApplicationMeta[] {
  return filesIn(join(DEFAULT_DIR, 'applications'), '.app-meta.xml').map((file) => {
    const x = readXml(file, 'CustomApplication');
    return {
      file,
      fileName: nameOf(file, '.app-meta.xml'),
      label: str(x.label),
      description: str(x.description),
      uiType: str(x.uiType),
      navType: str(x.navType),
      formFactors: strings(x.formFactors),
      tabs: strings(x.tabs),
    };
  });
}

export type ObjectPermissionMeta = {
  object: string;
  allowRead: boolean;
  allowCreate: boolean;
  allowEdit: boolean;
  allowDelete: boolean;
  viewAllRecords: boolean;
  modifyAllRecords: boolean;
};
export type FieldPermissionMeta = { field: string; readable: boolean; editable: boolean };
export type PermissionSetMeta = {
  file: string;
  fileName: string;
  label?: string;
  description?: string;
  hasActivationRequired?: boolean;
  applicationVisibilities: Array<{ application: string; visible: boolean }>;
  objectPermissions: ObjectPermissionMeta[];
  fieldPermissions: FieldPermissionMeta[];
  tabSettings: Array<{ tab: string; visibility?: string }>;
  userPermissions: Array<{ name: string; enabled: boolean }>;
};

export function readPermissionSets(): PermissionSetMeta[] {
  return filesIn(join(DEFAULT_DIR, 'permissionsets'), '.permissionset-meta.xml').map((file) => {
    const x = readXml(file, 'PermissionSet');
    return {
      file,
      fileName: nameOf(file, '.permissionset-meta.xml'),
      label: str(x.label),
      description: str(x.description),
      hasActivationRequired: bool(x.hasActivationRequired),
      applicationVisibilities: list(x.applicationVisibilities).map((a) => ({ application: String(a.application), visible: bool(a.visible) ?? false })),
      objectPermissions: list(x.objectPermissions).map((o) => ({
        object: String(o.object),
        allowRead: bool(o.allowRead) ?? false,
        allowCreate: bool(o.allowCreate) ?? false,
        allowEdit: bool(o.allowEdit) ?? false,
        allowDelete: bool(o.allowDelete) ?? false,
        viewAllRecords: bool(o.viewAllRecords) ?? false,
        modifyAllRecords: bool(o.modifyAllRecords) ?? false,
      })),
      fieldPermissions: list(x.fieldPermissions).map((f) => ({ field: String(f.field), readable: bool(f.readable) ?? false, editable: bool(f.editable) ?? false })),
      tabSettings: list(x.tabSettings).map((t) => ({ tab: String(t.tab), visibility: str(t.visibility) })),
      userPermissions: list(x.userPermissions).map((u) => ({ name: String(u.name), enabled: bool(u.enabled) ?? false })),
    };
  });
}
