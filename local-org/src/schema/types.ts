/**
 * The local org's schema: what a real org knows about its objects after a deploy.
 * Field types are the describe (SOAP) types, so describe results and type checks share one vocabulary.
 */

export type SoapFieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'double'
  | 'int'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'picklist'
  | 'reference'
  | 'email'
  | 'phone'
  | 'url'
  | 'address';

export type PicklistValue = { value: string; label: string; active: boolean; defaultValue: boolean };

export type RollupSummary = {
  childObject: string;
  /** The child's master-detail field pointing at this object. */
  foreignKey: string;
  operation: 'count' | 'sum' | 'min' | 'max';
  summarizedField?: string;
  filters: Array<{ field: string; operation: 'equals' | 'notEqual'; value: string }>;
};

export type FieldSchema = {
  name: string;
  label: string;
  type: SoapFieldType;
  custom: boolean;
  length?: number;
  precision?: number;
  scale?: number;
  /** Required on write (REQUIRED_FIELD_MISSING); describe reports such fields as not nillable. */
  required: boolean;
  createable: boolean;
  updateable: boolean;
  externalId: boolean;
  unique: boolean;
  /** Computed by the platform: formula, roll-up, or a standard derived field (IsWon, TotalPrice, EndDate...). */
  calculated: boolean;
  /** Formula text (custom formula fields, evaluated on read with formulon). */
  formula?: string;
  rollup?: RollupSummary;
  autoNumber?: { displayFormat: string; startingNumber: number };
  picklistValues?: PicklistValue[];
  restrictedPicklist?: boolean;
  referenceTo?: string[];
  relationshipName?: string;
  /** Master-detail: required parent, children deleted with it. */
  masterDetail?: boolean;
  /** The name the parent uses for its children (childRelationships[].relationshipName). */
  childRelationshipName?: string;
  /** Lookup delete rule: SetNull (default) or Restrict. */
  deleteConstraint?: 'SetNull' | 'Restrict' | 'Cascade';
  defaultValue?: unknown;
  nameField?: boolean;
  /** A component of a compound field (`BillingCity` → `BillingAddress`). */
  compoundFieldName?: string;
  /** A compound address field: its components are `<prefix>Street`, `<prefix>City`, … (`Billing`). */
  addressPrefix?: string;
};

export type ValidationRuleSchema = {
  name: string;
  active: boolean;
  errorConditionFormula: string;
  errorDisplayField?: string;
  errorMessage: string;
};

export type ObjectSchema = {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  queryable: boolean;
  /** Fields in declaration order; `fieldsByLowerName` resolves the case-insensitive names SOQL and REST accept. */
  fields: FieldSchema[];
  fieldsByLowerName: Map<string, FieldSchema>;
  validationRules: ValidationRuleSchema[];
};

export type ChildRelationship = { childSObject: string; field: string; relationshipName: string | null; cascadeDelete: boolean };

export type OrgSchema = {
  objects: Map<string, ObjectSchema>;
  /** Lower-case API name → object (names are case-insensitive in SOQL and URLs). */
  byLowerName: Map<string, ObjectSchema>;
  byKeyPrefix: Map<string, ObjectSchema>;
  /** Per parent object: the children that point at it. */
  childRelationships: Map<string, ChildRelationship[]>;
};

export function findField(object: ObjectSchema, name: string): FieldSchema | undefined {
  return object.fieldsByLowerName.get(name.toLowerCase());
}

export function findObject(schema: OrgSchema, name: string): ObjectSchema | undefined {
  return schema.byLowerName.get(name.toLowerCase());
}
