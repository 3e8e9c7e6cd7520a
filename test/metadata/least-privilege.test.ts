/**
 * Least privilege: the permission sets held against a table of what each role may do. A grant the table does
 * not name fails here, so widening access is a decision someone writes down, not an accident of a deploy.
 */
import { describe, expect, it } from '@jest/globals';
import { readPermissionSets, type PermissionSetMeta } from './readMetadata.js';

/** Object access per role: C create, R read, E edit, D delete. An object not listed gets no access at all. */
const OBJECT_ACCESS: Record<string, Record<string, string>> = {
  // Sales records why the customer bought and what they must achieve; the sync and the CSM own the rest.
  Outcomes_Sales_Handover: {
    Business_Capability__c: 'CRE',
    Initiative__c: 'CRE',
    KPI__c: 'R',
    Outcome_Requirement__c: 'CRE',
    Measurement__c: 'R',
    Solution_Component__c: 'R',
    // Sales records the commercial terms of the deal; recompute owns what they earn.
    Fee_At_Risk__c: 'CRE',
    Fee_Tier__c: 'CRED',
  },
  // The CSM works the outcomes: logs (and corrects) measurements, links sold lines to outcomes, tracks milestones.
  Outcomes_CSM: {
    Business_Capability__c: 'CRE',
    Initiative__c: 'CRE',
    Initiative_Milestone__c: 'CRED',
    KPI__c: 'R',
    Outcome_Requirement__c: 'CRE',
    Measurement__c: 'CRED',
    Outcome_Component__c: 'CRED',
    Solution_Component__c: 'CRE',
    Fee_At_Risk__c: 'R',
    Fee_Tier__c: 'R',
  },
  // The integration user creates and updates what the syncs own and deletes nothing; it reads the CRM it plans from.
  Outcomes_CS_Ops_Integration: {
    Account: 'R',
    Business_Capability__c: 'R',
    Contract: 'R',
    Opportunity: 'RE',
    Product2: 'R',
    Initiative__c: 'CRE',
    KPI__c: 'R',
    Outcome_Requirement__c: 'RE',
    Measurement__c: 'CRE',
    Solution_Component__c: 'CRE',
    Outcome_Component__c: 'R',
    Fee_At_Risk__c: 'CRE',
    Fee_Tier__c: 'R',
    // Each sync records its run: the audit trail and the next run's high-water mark. It never deletes one.
    Sync_Run__c: 'CRE',
  },
  // CS ops (or an admin) maintain the KPI library; everyone else reads it. No delete: a KPI is retired with Active.
  Outcomes_KPI_Library: {
    KPI__c: 'CRE',
  },
  // Admins and CS ops who audit the syncs read their runs, and nothing else.
  Outcomes_Sync_Audit: {
    Sync_Run__c: 'R',
  },
};

/** System permissions no role of the package needs: each would reach far beyond Outcomes. */
const FORBIDDEN_USER_PERMISSIONS = ['ModifyAllData', 'ViewAllData', 'ManageUsers', 'CustomizeApplication', 'AuthorApex', 'ModifyMetadata', 'ManageProfilesPermissionsets'];

/** Fields only the syncs write: keys that make reruns idempotent, and what is computed from measurements and lines. */
const SYNC_OWNED_FIELDS = [
  'Initiative__c.Source_Opportunity_Id__c',
  'Initiative__c.Annual_Contract_Value__c',
  'Initiative__c.Total_Contract_Value__c',
  'Initiative__c.Next_Renewal_Date__c',
  'Initiative__c.Outcome_Health__c',
  'Solution_Component__c.Source_Line_Item_Id__c',
  'Solution_Component__c.Renewal_Date__c',
  'Outcome_Requirement__c.Latest_Value__c',
  'Outcome_Requirement__c.Latest_Measured_On__c',
  'Outcome_Requirement__c.Attainment_Percent__c',
  'Outcome_Requirement__c.Forecast_At_Deadline__c',
  'Outcome_Requirement__c.Forecast_Attainment_Percent__c',
  'Outcome_Requirement__c.Status__c',
  'Fee_At_Risk__c.Source_Line_Item_Id__c',
  'Fee_At_Risk__c.Earned_To_Date__c',
  'Fee_At_Risk__c.Forecast_To_Earn__c',
  'Fee_At_Risk__c.Forfeited__c',
  'Fee_At_Risk__c.Status__c',
];
/** Keys a person must never change: a rerun would no longer find the record and would create it again. */
const SYNC_KEYS = ['Fee_At_Risk__c.Source_Line_Item_Id__c', 'Initiative__c.Source_Opportunity_Id__c', 'Solution_Component__c.Source_Line_Item_Id__c'];

const access = (o: PermissionSetMeta['objectPermissions'][number]): string =>
  `${o.allowCreate ? 'C' : ''}${o.allowRead ? 'R' : ''}${o.allowEdit ? 'E' : ''}${o.allowDelete ? 'D' : ''}`;

describe('least privilege', () => {
  const sets = readPermissionSets();

  it('has the roles of the table, and no other', () => {
    expect(sets.map((s) => s.fileName).sort()).toEqual(Object.keys(OBJECT_ACCESS).sort());
  });

  describe.each(sets.map((s) => [s.fileName, s] as const))('%s', (name, set) => {
    it('grants on each object exactly what the table says', () => {
      const granted = Object.fromEntries(set.objectPermissions.map((o) => [o.object, access(o)]).filter(([, a]) => a !== ''));
      expect(granted).toEqual(OBJECT_ACCESS[name]);
    });

    it('never bypasses sharing: no View All or Modify All, on any object or the whole org', () => {
      expect(set.objectPermissions.filter((o) => o.viewAllRecords || o.modifyAllRecords).map((o) => o.object)).toEqual([]);
      expect(set.userPermissions.filter((u) => u.enabled && FORBIDDEN_USER_PERMISSIONS.includes(u.name)).map((u) => u.name)).toEqual([]);
    });

    it('edits a field only where it can read it and edit its object', () => {
      const editable = new Set(set.objectPermissions.filter((o) => o.allowEdit || o.allowCreate).map((o) => o.object));
      // Standard objects' access comes from the user's profile (a sales profile edits Opportunity), not from here.
      for (const f of set.fieldPermissions.filter((p) => p.editable && p.field.split('.')[0].endsWith('__c'))) {
        expect({ field: f.field, readable: f.readable, objectWritable: editable.has(f.field.split('.')[0]) }).toEqual({ field: f.field, readable: true, objectWritable: true });
      }
    });

    it('never edits the sync keys, unless it is the integration', () => {
      const editable = set.fieldPermissions.filter((p) => p.editable).map((p) => p.field);
      const keys = editable.filter((f) => SYNC_KEYS.includes(f));
      expect(keys).toEqual(name === 'Outcomes_CS_Ops_Integration' ? SYNC_KEYS.filter((k) => keys.includes(k)) : []);
    });
  });

  it('keeps sales off every field the syncs compute, and off measurements', () => {
    const sales = sets.find((s) => s.fileName === 'Outcomes_Sales_Handover') as PermissionSetMeta;
    expect(sales.fieldPermissions.filter((p) => p.editable && SYNC_OWNED_FIELDS.includes(p.field)).map((p) => p.field)).toEqual([]);
    expect(sales.fieldPermissions.filter((p) => p.editable && p.field.startsWith('Measurement__c.')).map((p) => p.field)).toEqual([]);
  });

  it('lets the integration write every field the syncs own', () => {
    const integration = sets.find((s) => s.fileName === 'Outcomes_CS_Ops_Integration') as PermissionSetMeta;
    const editable = new Set(integration.fieldPermissions.filter((p) => p.editable).map((p) => p.field));
    expect(SYNC_OWNED_FIELDS.filter((f) => !editable.has(f))).toEqual([]);
  });
});
