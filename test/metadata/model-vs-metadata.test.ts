/**
 * Holds src/core/model.ts (the one source of API names) against the XML in force-app, both ways:
 * every field of the model exists in the metadata with the same type, size, picklist and
 * relationship, and every field file in force-app is in the model. Layouts, list views, compact
 * layouts and permission sets may only name fields that exist, and permission sets must obey the
 * rules Salesforce enforces at deploy time and the access each role is meant to have.
 */
import { describe, expect, it } from '@jest/globals';
import { ALL_OBJECTS, CUSTOM_OBJECTS, STANDARD_OBJECT_EXTENSIONS, picklistLabel, type FieldSpec, type ObjectSpec } from '../../src/core/model.js';
import { standardObjectDefinitions } from '../../local-org/src/schema/standard/objects.js';
import {
  readApplications,
  readCompactLayouts,
  readFields,
  readLayouts,
  readListViews,
  readObjects,
  readPermissionSets,
  readTabs,
  readValidationRules,
  type FieldMeta,
  type PermissionSetMeta,
} from './readMetadata.js';

const fields = readFields();
const objects = readObjects();
const fieldFile = new Map(fields.map((f) => [`${f.object}.${f.fileName}`, f]));
const specOf = new Map(ALL_OBJECTS.map((o) => [o.apiName, o]));

const modelFields = ALL_OBJECTS.flatMap((o) =>
  Object.entries(o.fields)
    .filter(([name]) => name !== 'Name')
    .map(([name, spec]) => ({ object: o, name, spec, key: `${o.apiName}.${name}` })),
);

/** Fields of an object that a layout, list view or permission set may name: model fields plus standard ones. */
const STANDARD_FIELDS = ['Name', 'OwnerId', 'CreatedById', 'CreatedDate', 'LastModifiedById', 'LastModifiedDate'];
/** List views name standard columns by their own tokens, not by API name. */
const LIST_VIEW_COLUMNS: Record<string, string> = { CREATED_DATE: 'CreatedDate', LAST_UPDATE: 'LastModifiedDate' };
/** Fields of the standard objects the package extends, as the local org describes them (a new org's own fields). */
const standardObjectFields = new Map(standardObjectDefinitions().map((o) => [o.name, new Set(o.fields.map((f) => f.name))]));
function fieldExists(object: string, field: string): boolean {
  if (STANDARD_FIELDS.includes(field)) return objects.some((o) => o.apiName === object) || standardObjectFields.has(object);
  return fieldFile.has(`${object}.${field}`) || (standardObjectFields.get(object)?.has(field) ?? false);
}

function specField(key: string): FieldSpec | undefined {
  const [object, field] = key.split('.');
  return specOf.get(object)?.fields[field];
}

const computed = (spec: FieldSpec) => Boolean(spec.formula) || spec.type === 'Summary';
const mustNotHaveFieldPermission = (spec: FieldSpec) => Boolean(spec.required) || spec.type === 'MasterDetail';

function expectField(key: string): FieldMeta {
  const meta = fieldFile.get(key);
  if (!meta) throw new Error(`${key}: the model has this field but force-app has no ${key.replace('.', '/fields/')}.field-meta.xml`);
  return meta;
}

describe('fields: model → metadata', () => {
  it.each(modelFields.map((f) => [f.key, f] as const))('%s exists and agrees with the model', (key, { object, spec }) => {
    const meta = expectField(key);
    expect(meta.type).toBe(spec.type);
    expect(meta.label).toBeTruthy();
    expect(meta.description).toBeTruthy();
    expect(meta.inlineHelpText).toBeTruthy();
    expect(meta.label!.length).toBeLessThanOrEqual(40);
    expect(meta.description!.length).toBeLessThanOrEqual(1000);
    expect(meta.inlineHelpText!.length).toBeLessThanOrEqual(510);

    // Required: master-detail fields are required by nature and the platform rejects the element.
    if (spec.type === 'MasterDetail') {
      expect(spec.required).toBe(true);
      expect(meta.hasRequired).toBe(false);
    } else {
      expect(meta.required).toBe(Boolean(spec.required));
    }
    expect(meta.externalId).toBe(Boolean(spec.externalId));
    expect(meta.unique).toBe(Boolean(spec.unique));
    if (spec.unique) expect(meta.caseSensitive).toBe(false);

    // Sizes.
    if (spec.type === 'Text' || spec.type === 'LongTextArea') expect(meta.length).toBe(spec.length);
    if (spec.type === 'LongTextArea') expect(meta.visibleLines).toBeGreaterThan(0);
    if (spec.type === 'TextArea') expect(meta.length).toBeUndefined();
    if (spec.type === 'Number' || spec.type === 'Currency' || spec.type === 'Percent') {
      expect([meta.precision, meta.scale]).toEqual([spec.precision, spec.scale]);
    }

    // Picklists: restricted, same API names in the same order, each with the label model.ts gives it.
    if (spec.type === 'Picklist') {
      expect(meta.restricted).toBe(true);
      expect(meta.picklistValues).toEqual([...spec.values!]);
      expect(meta.picklistEntries.map((e) => e.label)).toEqual(spec.values!.map(picklistLabel));
    } else {
      expect(meta.picklistValues).toBeUndefined();
    }

    // Relationships.
    if (spec.type === 'Lookup' || spec.type === 'MasterDetail') {
      expect(meta.referenceTo).toBe(spec.referenceTo);
      expect(meta.relationshipName).toBe(spec.childRelationship);
      expect(meta.relationshipLabel).toBeTruthy();
    } else {
      expect(meta.referenceTo).toBeUndefined();
    }
    if (spec.type === 'Lookup') {
      // Users cannot be deleted, so a User lookup has no delete constraint.
      const expected = spec.referenceTo === 'User' ? undefined : spec.required ? 'Restrict' : 'SetNull';
      expect(meta.deleteConstraint).toBe(expected);
    }
    if (spec.type === 'MasterDetail') {
      expect(meta.relationshipOrder).toBe(0);
      expect(meta.reparentableMasterDetail).toBe(false);
      expect(meta.writeRequiresMasterRead).toBe(false);
    }

    // Formulas.
    expect(Boolean(meta.formula)).toBe(Boolean(spec.formula));
    if (spec.formula) expect(meta.formulaTreatBlanksAs).toBe('BlankAsBlank');

    // Roll-up summaries: child, foreign key (the child's master-detail to this object), operation, filters.
    if (spec.type === 'Summary') {
      const s = spec.summary!;
      const child = specOf.get(s.childObject);
      expect(child).toBeDefined();
      const masterField = Object.entries(child!.fields).find(([, f]) => f.type === 'MasterDetail' && f.referenceTo === object.apiName);
      if (!masterField) throw new Error(`${key}: ${s.childObject} has no master-detail to ${object.apiName}, so it cannot be rolled up`);
      expect(meta.summaryForeignKey).toBe(`${s.childObject}.${masterField[0]}`);
      expect(meta.summaryOperation).toBe(s.operation);
      expect(meta.summarizedField).toBe(s.field ? `${s.childObject}.${s.field}` : undefined);
      if (s.field) expect(child!.fields[s.field]).toBeDefined();
      expect(meta.summaryFilterItems).toEqual((s.filters ?? []).map((f) => ({ field: `${s.childObject}.${f.field}`, operation: 'equals', value: f.equals })));
      for (const f of s.filters ?? []) {
        // A filter value must be one the filtered picklist can hold.
        expect(child!.fields[f.field]?.values).toContain(f.equals);
      }
    } else {
      expect(meta.summaryOperation).toBeUndefined();
    }
  });
});

describe('fields: metadata → model', () => {
  it('every field file in force-app is a field of the model', () => {
    const unknown = fields.filter((f) => specField(`${f.object}.${f.fileName}`) === undefined).map((f) => `${f.object}.${f.fileName}`);
    expect(unknown).toEqual([]);
  });

  it('every field file has a fullName equal to its file name', () => {
    expect(fields.filter((f) => f.fullName !== f.fileName).map((f) => f.file)).toEqual([]);
  });

  it('every object folder is an object of the model', () => {
    const folders = new Set(fields.map((f) => f.object).concat(objects.map((o) => o.apiName)));
    expect([...folders].filter((o) => !specOf.has(o))).toEqual([]);
  });

  it('standard objects carry only fields (no object file)', () => {
    const standard = ALL_OBJECTS.filter((o) => o.standard).map((o) => o.apiName);
    expect(objects.filter((o) => standard.includes(o.apiName)).map((o) => o.apiName)).toEqual([]);
  });
});

describe('custom objects', () => {
  const masterDetailChildren = new Set(
    CUSTOM_OBJECTS.filter((o) => Object.values(o.fields as Record<string, FieldSpec>).some((f) => f.type === 'MasterDetail')).map((o) => o.apiName),
  );

  it('has one object file per custom object of the model, and no other', () => {
    expect(objects.map((o) => o.apiName).sort()).toEqual(CUSTOM_OBJECTS.map((o) => o.apiName).sort());
  });

  it.each(CUSTOM_OBJECTS.map((o) => [o.apiName, o as ObjectSpec] as const))('%s: object settings', (apiName, spec) => {
    const meta = objects.find((o) => o.apiName === apiName)!;
    expect(meta).toBeDefined();
    expect(meta.label).toBeTruthy();
    expect(meta.pluralLabel).toBeTruthy();
    expect(meta.description).toBeTruthy();
    expect(meta.deploymentStatus).toBe('Deployed');
    expect(meta.sharingModel).toBe(masterDetailChildren.has(apiName) ? 'ControlledByParent' : 'ReadWrite');
    expect([meta.enableHistory, meta.enableReports, meta.enableSearch]).toEqual([true, true, true]);
    expect(meta.enableActivities).toBe(apiName === 'Initiative__c');
    // The platform wants these three together (the "Enterprise Application" set).
    expect([meta.enableSharing, meta.enableBulkApi, meta.enableStreamingApi]).toEqual([true, true, true]);

    const name = spec.fields.Name;
    expect(name).toBeDefined();
    expect(meta.nameField.label).toBeTruthy();
    expect(meta.nameField.type).toBe(name.type);
    if (name.type === 'AutoNumber') {
      expect(meta.nameField.displayFormat).toMatch(/^[A-Z]+-\{0+\}$/);
      expect(meta.nameField.startingNumber).toBe(1);
    }

    const compact = readCompactLayouts().filter((c) => c.object === apiName).map((c) => c.fullName);
    expect(compact).toContain(meta.compactLayoutAssignment);
  });

  it('auto-number formats are distinct, so record names tell the object apart', () => {
    const formats = objects.map((o) => o.nameField.displayFormat).filter(Boolean);
    expect(new Set(formats).size).toBe(formats.length);
  });
});

describe('validation rules', () => {
  const rules = readValidationRules();
  const expected: Record<string, string[]> = {
    Outcome_Requirement__c: [
      'Relative_Quantity_Needs_Baseline',
      'Relative_Needs_Increase_Or_Decrease',
      'Relative_Percent_In_Range',
      'Increase_Decrease_Need_Baseline',
      'Quantity_Needs_Direction_And_Target',
      'Target_Must_Move_In_Direction',
      'Dated_Deadline_Needs_Date',
      'Months_Deadline_Needs_Offset',
      'Offset_Not_Negative',
      'Partner_Needs_Partner_Account',
    ],
    Measurement__c: ['Measured_On_Not_In_Future'],
    Solution_Component__c: ['End_Date_After_Start_Date'],
    Initiative_Milestone__c: ['Completed_Needs_Completion_Date'],
    Business_Capability__c: ['Level_Between_1_And_3', 'Parent_Required_Below_Level_1'],
    Fee_At_Risk__c: ['Amount_Not_Negative', 'Floor_Below_Target', 'Floor_And_Cap_Only_For_Linear', 'Cap_At_Least_Full_Amount', 'Tiers_Only_For_Tiered_Rule'],
    Fee_Tier__c: ['From_Attainment_Not_Negative', 'Payout_Not_Negative'],
  };

  it('are exactly the agreed rules', () => {
    const actual = rules.map((r) => `${r.object}.${r.fileName}`).sort();
    const wanted = Object.entries(expected)
      .flatMap(([o, names]) => names.map((n) => `${o}.${n}`))
      .sort();
    expect(actual).toEqual(wanted);
  });

  it.each(rules.map((r) => [`${r.object}.${r.fileName}`, r] as const))('%s is active, complete and names its field', (_key, r) => {
    expect(r.fullName).toBe(r.fileName);
    expect(r.active).toBe(true);
    expect(r.description).toBeTruthy();
    expect(r.errorConditionFormula).toBeTruthy();
    expect(r.errorMessage!.length).toBeLessThanOrEqual(255);
    expect(r.description!.length).toBeLessThanOrEqual(255);
    const field = fieldFile.get(`${r.object}.${r.errorDisplayField}`);
    if (!field) throw new Error(`${r.file}: errorDisplayField ${r.errorDisplayField} is not a field of ${r.object}`);
    // The message names the field the user has to fix, by the label the user sees.
    expect(r.errorMessage).toContain(field.label);
  });
});

describe('list views', () => {
  const views = readListViews();

  it.each(CUSTOM_OBJECTS.map((o) => [o.apiName] as const))('%s has an All list view', (apiName) => {
    const all = views.find((v) => v.object === apiName && v.fullName === 'All');
    expect(all?.filterScope).toBe('Everything');
    expect(all?.filters).toEqual([]);
  });

  it('include the agreed views with their filters', () => {
    const view = (object: string, name: string) => {
      const v = views.find((x) => x.object === object && x.fullName === name);
      if (!v) throw new Error(`missing list view ${object}.${name}`);
      return v;
    };
    expect(view('Initiative__c', 'My_Initiatives').filterScope).toBe('Mine');
    expect(view('Initiative__c', 'Renewing_In_120_Days').filters).toEqual([{ field: 'Next_Renewal_Date__c', operation: 'equals', value: 'NEXT_N_DAYS:120' }]);
    expect(view('Initiative__c', 'At_Risk').filters.map((f) => f.field)).toEqual(['Status__c', 'Outcome_Health__c']);
    expect(view('Outcome_Requirement__c', 'Primary_Off_Track').filters).toEqual([
      { field: 'Priority__c', operation: 'equals', value: 'Primary' },
      { field: 'Status__c', operation: 'equals', value: 'Off Track' },
    ]);
    expect(view('Outcome_Requirement__c', 'Assumed_Needs_Validation').filters).toEqual([
      { field: 'Validation_Status__c', operation: 'equals', value: 'Assumed_Needs_Validation' },
    ]);
  });

  it.each(views.map((v) => [`${v.object}.${v.fileName}`, v] as const))('%s names only fields and values that exist', (_key, v) => {
    expect(v.fullName).toBe(v.fileName);
    expect(v.label).toBeTruthy();
    expect(v.columns.length).toBeGreaterThan(0);
    const badColumns = v.columns.filter((c) => c !== 'NAME' && !fieldExists(v.object, LIST_VIEW_COLUMNS[c] ?? c));
    expect(badColumns).toEqual([]);
    for (const f of v.filters) {
      expect(fieldExists(v.object, LIST_VIEW_COLUMNS[f.field!] ?? f.field!)).toBe(true);
      const spec = specOf.get(v.object)!.fields[f.field!] as FieldSpec | undefined;
      // Picklist filters hold comma-separated values, each of which must be a value of the picklist.
      if (spec?.type === 'Picklist' && f.value) {
        for (const value of f.value.split(',')) expect(spec.values).toContain(value);
      }
    }
  });
});

describe('compact layouts', () => {
  const compacts = readCompactLayouts();
  it.each(compacts.map((c) => [`${c.object}.${c.fileName}`, c] as const))('%s names only fields that exist', (_key, c) => {
    expect(c.fullName).toBe(c.fileName);
    expect(c.label).toBeTruthy();
    expect(c.fields.length).toBeGreaterThan(0);
    expect(c.fields.length).toBeLessThanOrEqual(10);
    expect(c.fields.filter((f) => !fieldExists(c.object, f))).toEqual([]);
    // Long text areas cannot be shown in a compact layout.
    expect(c.fields.filter((f) => specOf.get(c.object)!.fields[f]?.type === 'LongTextArea')).toEqual([]);
  });
});

describe('page layouts', () => {
  const layouts = readLayouts();

  /**
   * The standard objects' default layouts, by the names every org gives them: the package's fields must be visible and
   * editable after a deploy, and only a layout the org already assigns shows them without an admin's step.
   */
  const STANDARD_LAYOUTS: Record<string, string> = {
    Opportunity: 'Opportunity-Opportunity Layout',
    OpportunityLineItem: 'OpportunityLineItem-Opportunity Product Layout',
    Product2: 'Product2-Product Layout',
  };

  it('has one layout per custom object, named <Object>-<Label> Layout, and the default layout of each standard object the package extends', () => {
    const labels = new Map(objects.map((o) => [o.apiName, o.label]));
    expect(layouts.map((l) => l.fileName).sort()).toEqual(
      [...CUSTOM_OBJECTS.map((o) => `${o.apiName}-${labels.get(o.apiName)} Layout`), ...STANDARD_OBJECT_EXTENSIONS.map((o) => STANDARD_LAYOUTS[o.apiName])].sort(),
    );
  });

  it.each(STANDARD_OBJECT_EXTENSIONS.map((o) => [o.apiName, o] as const))("%s's layout shows every field the package adds, editable, beside the standard required ones", (apiName, spec) => {
    const layout = layouts.find((l) => l.fileName === STANDARD_LAYOUTS[apiName])!;
    for (const field of Object.keys(spec.fields)) expect({ field, behavior: layout.items.find((i) => i.field === field)?.behavior }).toEqual({ field, behavior: 'Edit' });
    const required = standardObjectDefinitions()
      .find((o) => o.name === apiName)!
      .fields.filter((f) => (f as { required?: boolean; nillable?: boolean }).required === true || (f as { nillable?: boolean }).nillable === false)
      .map((f) => f.name);
    for (const field of required) expect({ field, placed: layout.items.some((i) => i.field === field) }).toEqual({ field, placed: true });
  });

  it.each(layouts.map((l) => [l.fileName, l] as const))('%s: fields exist, required fields are required, computed ones read-only', (_name, l) => {
    const spec = specOf.get(l.object)!;
    expect(l.items.filter((i) => !fieldExists(l.object, i.field)).map((i) => i.field)).toEqual([]);
    const placed = l.items.map((i) => i.field);
    expect(new Set(placed).size).toBe(placed.length);
    for (const [name, f] of Object.entries(spec.fields)) {
      const item = l.items.find((i) => i.field === name);
      if (f.required && f.type !== 'AutoNumber') {
        if (!item) throw new Error(`${l.file}: required field ${name} must be on the layout`);
        expect(item.behavior).toBe('Required');
      }
      if (f.type === 'MasterDetail') expect(item?.behavior).toBe('Required');
      if (item && (computed(f) || f.type === 'AutoNumber')) expect(item.behavior).toBe('Readonly');
    }
    // Related lists of custom children are "<Child>.<its lookup or master-detail to this object>".
    for (const r of l.relatedLists) {
      if (!r.relatedList.includes('.')) continue;
      const [child, via] = r.relatedList.split('.');
      const viaSpec = specOf.get(child)?.fields[via];
      expect(viaSpec?.referenceTo).toBe(l.object);
      expect(r.fields.filter((f) => f !== 'NAME' && !fieldExists(child, f))).toEqual([]);
    }
  });

  it('shows the agreed sections and related lists', () => {
    const initiative = layouts.find((l) => l.object === 'Initiative__c')!;
    expect(initiative.sections).toEqual(expect.arrayContaining(['Overview', 'Revenue & Renewal', 'Outcome Health', 'Handover']));
    expect(initiative.relatedLists.map((r) => r.relatedList)).toEqual(
      expect.arrayContaining(['Outcome_Requirement__c.Initiative__c', 'Solution_Component__c.Initiative__c', 'Initiative_Milestone__c.Initiative__c']),
    );
    const outcome = layouts.find((l) => l.object === 'Outcome_Requirement__c')!;
    expect(outcome.relatedLists.map((r) => r.relatedList)).toEqual(
      expect.arrayContaining(['Measurement__c.Outcome_Requirement__c', 'Outcome_Component__c.Outcome_Requirement__c']),
    );
  });
});

describe('tabs and app', () => {
  const TABBED = ['Initiative__c', 'Outcome_Requirement__c', 'Measurement__c', 'Solution_Component__c', 'Business_Capability__c', 'KPI__c', 'Sync_Run__c'];

  /** Lightning page tabs: the app pages of the package (flexipages/). */
  const PAGE_TABS = ['Outcomes_Renewals'];

  it('has a custom object tab with a motif for each main object, and a tab for each app page', () => {
    const tabs = readTabs();
    expect(tabs.map((t) => t.fileName).sort()).toEqual([...TABBED, ...PAGE_TABS].sort());
    for (const t of tabs.filter((tab) => !PAGE_TABS.includes(tab.fileName))) {
      expect(t.customObject).toBe(true);
      expect(t.motif).toMatch(/^Custom\d+: .+/);
    }
  });

  it('has the Outcomes Lightning app with the standard and custom tabs', () => {
    const [app, ...others] = readApplications();
    expect(others).toEqual([]);
    expect(app.fileName).toBe('Outcomes');
    expect(app.label).toBe('Outcomes');
    expect(app.uiType).toBe('Lightning');
    expect(app.navType).toBe('Standard');
    expect(app.formFactors).toEqual(['Large']);
    expect(app.tabs.slice(0, 3)).toEqual(['standard-home', 'standard-Account', 'standard-Opportunity']);
    expect(app.tabs.slice(3).sort()).toEqual([...TABBED, ...PAGE_TABS].sort());
  });
});

describe('permission sets', () => {
  const sets = readPermissionSets();
  const set = (name: string): PermissionSetMeta => {
    const s = sets.find((p) => p.fileName === name);
    if (!s) throw new Error(`missing permission set ${name}`);
    return s;
  };
  const fieldAccess = (s: PermissionSetMeta, field: string) => {
    const f = s.fieldPermissions.find((p) => p.field === field);
    return f ? (f.editable ? 'edit' : f.readable ? 'read' : 'none') : 'none';
  };
  const objectAccess = (s: PermissionSetMeta, object: string) => {
    const o = s.objectPermissions.find((p) => p.object === object);
    if (!o) return '';
    return [o.allowRead && 'R', o.allowCreate && 'C', o.allowEdit && 'E', o.allowDelete && 'D', o.viewAllRecords && 'V', o.modifyAllRecords && 'M']
      .filter(Boolean)
      .join('');
  };

  it('are the five agreed ones', () => {
    expect(sets.map((s) => s.fileName).sort()).toEqual(['Outcomes_CSM', 'Outcomes_CS_Ops_Integration', 'Outcomes_KPI_Library', 'Outcomes_Sales_Handover', 'Outcomes_Sync_Audit']);
  });

  it.each(sets.map((s) => [s.fileName, s] as const))('%s obeys the platform rules', (_name, s) => {
    expect(s.label).toBeTruthy();
    expect(s.description).toBeTruthy();
    expect(s.description!.length).toBeLessThanOrEqual(255);
    expect(s.hasActivationRequired).toBe(false);
    for (const f of s.fieldPermissions) {
      const spec = specField(f.field);
      if (!spec) throw new Error(`${s.file}: fieldPermissions names ${f.field}, which is not a field of the model`);
      expect(fieldFile.has(f.field)).toBe(true);
      if (mustNotHaveFieldPermission(spec)) throw new Error(`${s.file}: ${f.field} is required or master-detail; the platform rejects field permissions for it`);
      if (computed(spec)) expect({ field: f.field, editable: f.editable }).toEqual({ field: f.field, editable: false });
      if (f.editable) expect(f.readable).toBe(true);
    }
    const fieldNames = s.fieldPermissions.map((f) => f.field);
    expect(new Set(fieldNames).size).toBe(fieldNames.length);
    for (const o of s.objectPermissions) {
      if (o.allowCreate || o.allowEdit || o.allowDelete || o.viewAllRecords) expect(o.allowRead).toBe(true);
      if (o.allowDelete) expect(o.allowEdit).toBe(true);
      if (o.modifyAllRecords) expect([o.allowDelete, o.viewAllRecords]).toEqual([true, true]);
      // Standard objects: read only, except what a role cannot work without (checked per set below).
      const spec = specOf.get(o.object);
      if (spec?.standard || !spec) expect(o.allowCreate || o.allowDelete || o.viewAllRecords || o.modifyAllRecords).toBe(false);
    }
    // A detail object is only reachable through its master: reading one needs reading the other.
    for (const o of s.objectPermissions.filter((p) => p.allowRead)) {
      const masters = Object.values(specOf.get(o.object)?.fields ?? {}).filter((f) => f.type === 'MasterDetail');
      for (const m of masters) expect({ detail: o.object, masterReadable: objectAccess(s, m.referenceTo!).includes('R') }).toEqual({ detail: o.object, masterReadable: true });
    }
    // Every field permission belongs to an object the set can read (custom) or to a standard object.
    for (const f of s.fieldPermissions) {
      const object = f.field.split('.')[0];
      if (!specOf.get(object)?.standard) expect({ field: f.field, objectReadable: objectAccess(s, object).includes('R') }).toEqual({ field: f.field, objectReadable: true });
    }
    const tabs = readTabs().map((t) => t.fileName);
    expect(s.tabSettings.filter((t) => !tabs.includes(t.tab))).toEqual([]);
    const apps = readApplications().map((a) => a.fileName);
    expect(s.applicationVisibilities.filter((a) => !apps.includes(a.application))).toEqual([]);
  });

  it('CSM: works all seven objects, reads the KPI library and the fee terms, deletes only working records, edits only what people enter', () => {
    const csm = set('Outcomes_CSM');
    // Sync runs are the integration's audit trail, read through Outcomes: Sync Audit, not part of a CSM's work.
    const worked = CUSTOM_OBJECTS.filter((o) => o.apiName !== 'Sync_Run__c');
    expect(Object.fromEntries(worked.map((o) => [o.apiName, objectAccess(csm, o.apiName)]))).toEqual({
      Initiative__c: 'RCE',
      Outcome_Requirement__c: 'RCE',
      Measurement__c: 'RCED',
      Solution_Component__c: 'RCE',
      Outcome_Component__c: 'RCED',
      Initiative_Milestone__c: 'RCED',
      Business_Capability__c: 'RCE',
      KPI__c: 'R',
      // Commercial terms are Sales' to record; the CSM sees the fee position.
      Fee_At_Risk__c: 'R',
      Fee_Tier__c: 'R',
    });
    expect(fieldAccess(csm, 'Outcome_Requirement__c.KPI__c')).toBe('edit');
    expect(fieldAccess(csm, 'KPI__c.Unit__c')).toBe('read');
    // Reads every permissionable field of the package.
    const permissionable = modelFields.filter((f) => !mustNotHaveFieldPermission(f.spec) && !f.key.startsWith('Sync_Run__c.')).map((f) => f.key);
    expect(permissionable.filter((k) => fieldAccess(csm, k) === 'none')).toEqual([]);
    expect(csm.fieldPermissions.filter((f) => f.field.startsWith('Sync_Run__c.'))).toEqual([]);
    expect(fieldAccess(csm, 'Initiative__c.Purpose__c')).toBe('edit');
    expect(fieldAccess(csm, 'Outcome_Requirement__c.Target_Value__c')).toBe('edit');
    expect(fieldAccess(csm, 'Initiative_Milestone__c.Completed_On__c')).toBe('edit');
    for (const syncOwned of [
      'Initiative__c.Next_Renewal_Date__c',
      'Initiative__c.Source_Opportunity_Id__c',
      'Initiative__c.Annual_Contract_Value__c',
      'Initiative__c.Outcome_Health__c',
      'Outcome_Requirement__c.Attainment_Percent__c',
      'Outcome_Requirement__c.Status__c',
      'Solution_Component__c.Renewal_Date__c',
      'Measurement__c.External_Id__c',
      'Opportunity.Handover_Status__c',
      'Fee_At_Risk__c.Earned_To_Date__c',
      'Fee_At_Risk__c.Status__c',
    ]) {
      expect({ field: syncOwned, access: fieldAccess(csm, syncOwned) }).toEqual({ field: syncOwned, access: 'read' });
    }
    expect(csm.tabSettings.every((t) => t.visibility === 'Visible')).toBe(true);
    expect(csm.tabSettings.map((t) => t.tab).sort()).toEqual(readTabs().map((t) => t.fileName).filter((t) => t !== 'Sync_Run__c').sort());
    expect(csm.applicationVisibilities).toEqual([{ application: 'Outcomes', visible: true }]);
  });

  it('Sales handover: records initiatives and outcomes, reads what the sync derives, never edits computed fields', () => {
    const sales = set('Outcomes_Sales_Handover');
    expect(Object.fromEntries(sales.objectPermissions.map((o) => [o.object, objectAccess(sales, o.object)]))).toEqual({
      Initiative__c: 'RCE',
      Outcome_Requirement__c: 'RCE',
      Business_Capability__c: 'RCE',
      Solution_Component__c: 'R',
      Measurement__c: 'R',
      KPI__c: 'R',
      Fee_At_Risk__c: 'RCE',
      Fee_Tier__c: 'RCED',
    });
    for (const field of [
      'Initiative__c.Purpose__c',
      'Initiative__c.Strategic_Alignment__c',
      'Initiative__c.Challenges__c',
      'Initiative__c.Handover_Notes__c',
      'Outcome_Requirement__c.Priority__c',
      'Outcome_Requirement__c.Validation_Status__c',
      'Outcome_Requirement__c.Quantity_Type__c',
      'Outcome_Requirement__c.Target_Value__c',
      'Outcome_Requirement__c.Deadline_Type__c',
      'Outcome_Requirement__c.Measurement_Method__c',
      'Opportunity.Expected_Go_Live_Date__c',
      'OpportunityLineItem.Role_In_Solution__c',
      'OpportunityLineItem.Fee_Outcome__c',
      'OpportunityLineItem.Fee_At_Risk_Amount__c',
      'OpportunityLineItem.Fee_Payout_Rule__c',
      'Fee_At_Risk__c.Floor_Attainment_Percent__c',
      'Fee_At_Risk__c.Cap_Percent__c',
    ]) {
      expect({ field, access: fieldAccess(sales, field) }).toEqual({ field, access: 'edit' });
    }
    for (const field of [
      'Outcome_Requirement__c.Attainment_Percent__c',
      'Outcome_Requirement__c.Status__c',
      'Outcome_Requirement__c.Due_Date__c',
      'Initiative__c.Next_Renewal_Date__c',
      'Initiative__c.Outcome_Health__c',
      'Initiative__c.Annual_Contract_Value__c',
      'Opportunity.Handover_Status__c',
      'Fee_At_Risk__c.Earned_To_Date__c',
      'Fee_At_Risk__c.Forecast_To_Earn__c',
      'Fee_At_Risk__c.Forfeited__c',
      'Fee_At_Risk__c.Status__c',
      'Fee_At_Risk__c.Source_Line_Item_Id__c',
    ]) {
      expect({ field, access: fieldAccess(sales, field) }).toEqual({ field, access: 'read' });
    }
    expect(sales.fieldPermissions.filter((f) => f.field.startsWith('Initiative_Milestone__c.') || f.field.startsWith('Outcome_Component__c.'))).toEqual([]);
  });

  it('KPI library: CS ops create and edit KPI definitions, delete none, and get nothing else', () => {
    const library = set('Outcomes_KPI_Library');
    expect(Object.fromEntries(library.objectPermissions.map((o) => [o.object, objectAccess(library, o.object)]))).toEqual({ KPI__c: 'RCE' });
    const permissionable = modelFields.filter((f) => f.object.apiName === 'KPI__c' && !mustNotHaveFieldPermission(f.spec)).map((f) => f.key);
    expect(permissionable.filter((k) => fieldAccess(library, k) !== 'edit')).toEqual([]);
    expect(library.fieldPermissions.filter((f) => !f.field.startsWith('KPI__c.'))).toEqual([]);
    expect(library.tabSettings.map((t) => t.tab)).toEqual(['KPI__c']);
  });

  it('CS ops integration: writes the fields the syncs own and nothing people enter', () => {
    const integration = set('Outcomes_CS_Ops_Integration');
    // Create and edit what the syncs write, never delete nor bypass sharing (least-privilege.test.ts holds the table).
    for (const synced of ['Initiative__c', 'Solution_Component__c', 'Measurement__c']) {
      expect({ synced, access: objectAccess(integration, synced) }).toEqual({ synced, access: 'RCE' });
    }
    expect(objectAccess(integration, 'Outcome_Requirement__c')).toBe('RE');
    // Handover creates the fee terms from the deal's lines; the tiers are Sales' to record.
    expect(objectAccess(integration, 'Fee_At_Risk__c')).toBe('RCE');
    expect(objectAccess(integration, 'Fee_Tier__c')).toBe('R');
    for (const standard of ['Account', 'Opportunity', 'Product2', 'Contract']) expect(objectAccess(integration, standard)).toMatch(/^R/);
    // Edit on Opportunity only because the handover sync writes Handover_Status__c.
    expect(objectAccess(integration, 'Opportunity')).toBe('RE');
    expect(fieldAccess(integration, 'Opportunity.Handover_Status__c')).toBe('edit');
    for (const field of [
      'Initiative__c.Next_Renewal_Date__c',
      'Initiative__c.Source_Opportunity_Id__c',
      'Initiative__c.Annual_Contract_Value__c',
      'Initiative__c.Total_Contract_Value__c',
      'Initiative__c.Outcome_Health__c',
      'Initiative__c.Handover_Date__c',
      'Outcome_Requirement__c.Latest_Value__c',
      'Outcome_Requirement__c.Attainment_Percent__c',
      'Outcome_Requirement__c.Forecast_At_Deadline__c',
      'Outcome_Requirement__c.Status__c',
      'Solution_Component__c.Renewal_Date__c',
      'Solution_Component__c.Source_Line_Item_Id__c',
      'Measurement__c.External_Id__c',
      'Fee_At_Risk__c.Source_Line_Item_Id__c',
      'Fee_At_Risk__c.Earned_To_Date__c',
      'Fee_At_Risk__c.Forecast_To_Earn__c',
      'Fee_At_Risk__c.Forfeited__c',
      'Fee_At_Risk__c.Status__c',
    ]) {
      expect({ field, access: fieldAccess(integration, field) }).toEqual({ field, access: 'edit' });
    }
    for (const field of [
      'Initiative__c.Purpose__c',
      'Initiative__c.Handover_Notes__c',
      'Outcome_Requirement__c.Target_Value__c',
      'Outcome_Requirement__c.Deadline_Type__c',
      'Opportunity.Expected_Go_Live_Date__c',
      'OpportunityLineItem.Term_Months__c',
      'Product2.Default_Term_Months__c',
      'OpportunityLineItem.Fee_At_Risk_Amount__c',
    ]) {
      expect({ field, access: fieldAccess(integration, field) }).toEqual({ field, access: 'read' });
    }
  });
});
