/**
 * Sales objects with the standard fields Salesforce's Object Reference documents: Opportunity,
 * OpportunityLineItem, Product2, Pricebook2, PricebookEntry, Contract. Fields the platform computes are
 * `derived` here and set by the store (store/derived-fields.ts); fields of features the local org does not
 * have (multi-currency, schedules, Salesforce to Salesforce, Einstein) are left out, so naming
 * them is refused with INVALID_FIELD as such an org would.
 */
import {
  addressFields,
  checkbox,
  currency,
  dateField,
  derived,
  double,
  makeField,
  picklist,
  reference,
  text,
  textArea,
  type ObjectDefinition,
} from '../field-builders.js';

/** Opportunity stages of a new org with their default probability and forecast category. */
export const OPPORTUNITY_STAGES: ReadonlyArray<{ stage: string; probability: number; forecast: string; closed: boolean; won: boolean }> = [
  { stage: 'Prospecting', probability: 10, forecast: 'Pipeline', closed: false, won: false },
  { stage: 'Qualification', probability: 10, forecast: 'Pipeline', closed: false, won: false },
  { stage: 'Needs Analysis', probability: 20, forecast: 'Pipeline', closed: false, won: false },
  { stage: 'Value Proposition', probability: 50, forecast: 'Pipeline', closed: false, won: false },
  { stage: 'Id. Decision Makers', probability: 60, forecast: 'Pipeline', closed: false, won: false },
  { stage: 'Perception Analysis', probability: 70, forecast: 'Pipeline', closed: false, won: false },
  { stage: 'Proposal/Price Quote', probability: 75, forecast: 'Pipeline', closed: false, won: false },
  { stage: 'Negotiation/Review', probability: 90, forecast: 'Commit', closed: false, won: false },
  { stage: 'Closed Won', probability: 100, forecast: 'Closed', closed: true, won: true },
  { stage: 'Closed Lost', probability: 0, forecast: 'Omitted', closed: true, won: false },
];

/** ForecastCategoryName (labels) → ForecastCategory (the older API values), Object Reference "Opportunity". */
export const FORECAST_CATEGORY: Record<string, string> = {
  Omitted: 'Omitted',
  Pipeline: 'Pipeline',
  'Best Case': 'BestCase',
  Commit: 'Forecast',
  Closed: 'Closed',
};

/** Contract Status (a new org's values) → StatusCode, the status category the platform keeps. */
export const CONTRACT_STATUS_CODE: Record<string, string> = { Draft: 'Draft', 'In Approval Process': 'InApproval', Activated: 'Activated' };

export const STANDARD_PRICE_BOOK_NAME = 'Standard Price Book';

const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];

export function salesObjectDefinitions(): ObjectDefinition[] {
  return [
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunity.htm
    {
      name: 'Opportunity',
      label: 'Opportunity',
      labelPlural: 'Opportunities',
      keyPrefix: '006',
      custom: false,
      owner: true,
      fields: [
        text('Name', 120, { required: true, nameField: true, label: 'Name' }),
        reference('AccountId', 'Account', 'Account', { childRelationshipName: 'Opportunities', label: 'Account ID' }),
        // The contact the opportunity was created from (API 49.0 and later).
        reference('ContactId', 'Contact', 'Contact', { childRelationshipName: 'Opportunities', label: 'Contact ID' }),
        picklist(
          'StageName',
          OPPORTUNITY_STAGES.map((s) => s.stage),
          { required: true, label: 'Stage' },
        ),
        dateField('CloseDate', { required: true, label: 'Close Date' }),
        currency('Amount'),
        makeField('Probability', 'percent', { precision: 3, scale: 0, label: 'Probability (%)' }),
        derived(currency('ExpectedRevenue', { label: 'Expected Amount' })),
        double('TotalOpportunityQuantity', 18, 2, { label: 'Quantity' }),
        picklist('Type', ['Existing Customer - Upgrade', 'Existing Customer - Replacement', 'Existing Customer - Downgrade', 'New Customer']),
        picklist('LeadSource', LEAD_SOURCES, { label: 'Lead Source' }),
        text('NextStep', 255, { label: 'Next Step' }),
        textArea('Description'),
        checkbox('IsPrivate', { label: 'Private' }),
        derived(checkbox('IsWon', { label: 'Won' })),
        derived(checkbox('IsClosed', { label: 'Closed' })),
        picklist('ForecastCategoryName', Object.keys(FORECAST_CATEGORY), { label: 'Forecast Category' }),
        derived(picklist('ForecastCategory', Object.values(FORECAST_CATEGORY), { label: 'Forecast Category', restrictedPicklist: true })),
        // The calendar fiscal year of a new org (Organization.FiscalYearStartMonth = 1).
        derived(text('Fiscal', 6, { label: 'Fiscal Period' })),
        derived(makeField('FiscalQuarter', 'int', { precision: 8, scale: 0, label: 'Fiscal Quarter' })),
        derived(makeField('FiscalYear', 'int', { precision: 8, scale: 0, label: 'Fiscal Year' })),
        reference('CampaignId', 'Campaign', 'Campaign', { label: 'Campaign ID', childRelationshipName: 'Opportunities' }),
        reference('ContractId', 'Contract', 'Contract', { label: 'Contract ID' }),
        reference('Pricebook2Id', 'Pricebook2', 'Pricebook2', { childRelationshipName: 'Opportunities', label: 'Price Book ID' }),
        derived(checkbox('HasOpportunityLineItem', { label: 'Has Line Item' })),
        derived(checkbox('HasOpenActivity', { label: 'Has Open Activity' })),
        derived(checkbox('HasOverdueTask', { label: 'Has Overdue Task' })),
        derived(dateField('LastActivityDate', { label: 'Last Activity' })),
        derived(makeField('LastStageChangeDate', 'datetime', { label: 'Last Stage Change Date' })),
        derived(makeField('PushCount', 'int', { precision: 9, scale: 0, label: 'Push Count' })),
      ],
    },
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunitylineitem.htm
    {
      name: 'OpportunityLineItem',
      label: 'Opportunity Product',
      labelPlural: 'Opportunity Product',
      keyPrefix: '00k',
      custom: false,
      owner: false,
      fields: [
        reference('OpportunityId', 'Opportunity', 'Opportunity', {
          required: true,
          updateable: false,
          masterDetail: true,
          childRelationshipName: 'OpportunityLineItems',
          deleteConstraint: 'Cascade',
          label: 'Opportunity ID',
        }),
        reference('PricebookEntryId', 'PricebookEntry', 'PricebookEntry', { updateable: false, label: 'Price Book Entry ID' }),
        // Since API 38.0 a line may name its Product2Id and the platform finds the price book entry.
        reference('Product2Id', 'Product2', 'Product2', { updateable: false, label: 'Product ID' }),
        derived(text('Name', 376, { nameField: true, label: 'Opportunity Product Name' })),
        derived(text('ProductCode', 255, { label: 'Product Code' })),
        double('Quantity', 12, 2, { required: true }),
        currency('UnitPrice', { label: 'Sales Price' }),
        derived(currency('ListPrice', { label: 'List Price' })),
        makeField('Discount', 'percent', { precision: 5, scale: 2 }),
        // Quantity × UnitPrice; TotalPrice is that less the discount.
        derived(currency('Subtotal')),
        // Writable like Salesforce's: give UnitPrice or TotalPrice, the platform derives the other.
        currency('TotalPrice', { label: 'Total Price' }),
        dateField('ServiceDate', { label: 'Date' }),
        text('Description', 255, { label: 'Line Description' }),
        derived(makeField('SortOrder', 'int', { precision: 9, scale: 0, label: 'Sort Order' })),
        derived(checkbox('HasQuantitySchedule', { label: 'Has Quantity Schedule' })),
        derived(checkbox('HasRevenueSchedule', { label: 'Has Revenue Schedule' })),
        derived(checkbox('HasSchedule', { label: 'Has Schedule' })),
        derived(checkbox('CanUseQuantitySchedule', { label: 'Quantity Scheduling Enabled' })),
        derived(checkbox('CanUseRevenueSchedule', { label: 'Revenue Scheduling Enabled' })),
      ],
    },
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_product2.htm
    {
      name: 'Product2',
      label: 'Product',
      labelPlural: 'Products',
      keyPrefix: '01t',
      custom: false,
      owner: false,
      fields: [
        text('Name', 255, { required: true, nameField: true, label: 'Product Name' }),
        text('ProductCode', 255, { label: 'Product Code' }),
        textArea('Description', 4000, { label: 'Product Description' }),
        picklist('Family', ['None', 'Software', 'Services', 'Hardware', 'Support', 'Training'], { label: 'Product Family' }),
        checkbox('IsActive', { label: 'Active' }),
        derived(checkbox('IsArchived', { label: 'Archived' })),
        text('ExternalId', 255, { label: 'External ID' }),
        text('StockKeepingUnit', 180, { label: 'Product SKU' }),
        picklist('QuantityUnitOfMeasure', ['Each'], { label: 'Quantity Unit Of Measure' }),
        makeField('DisplayUrl', 'url', { length: 1000, label: 'Display URL' }),
        checkbox('CanUseQuantitySchedule', { label: 'Quantity Scheduling Enabled' }),
        checkbox('CanUseRevenueSchedule', { label: 'Revenue Scheduling Enabled' }),
      ],
    },
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_pricebook2.htm
    {
      name: 'Pricebook2',
      label: 'Price Book',
      labelPlural: 'Price Books',
      keyPrefix: '01s',
      custom: false,
      owner: false,
      fields: [
        text('Name', 255, { required: true, nameField: true, label: 'Price Book Name' }),
        checkbox('IsActive', { label: 'Active' }),
        derived(checkbox('IsArchived', { label: 'Is Archived' })),
        derived(checkbox('IsStandard', { label: 'Is Standard Price Book' })),
        text('Description', 255),
        makeField('ValidFrom', 'datetime', { label: 'Valid From' }),
        makeField('ValidTo', 'datetime', { label: 'Valid To' }),
      ],
    },
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_pricebookentry.htm
    {
      name: 'PricebookEntry',
      label: 'Price Book Entry',
      labelPlural: 'Price Book Entries',
      keyPrefix: '01u',
      custom: false,
      owner: false,
      fields: [
        reference('Pricebook2Id', 'Pricebook2', 'Pricebook2', {
          required: true,
          updateable: false,
          childRelationshipName: 'PricebookEntries',
          label: 'Price Book ID',
        }),
        reference('Product2Id', 'Product2', 'Product2', { required: true, updateable: false, childRelationshipName: 'PricebookEntries', label: 'Product ID' }),
        derived(text('Name', 255, { nameField: true, label: 'Product Name' })),
        derived(text('ProductCode', 255, { label: 'Product Code' })),
        currency('UnitPrice', { required: true, label: 'List Price' }),
        checkbox('IsActive', { label: 'Active' }),
        derived(checkbox('IsArchived', { label: 'Archived' })),
        checkbox('UseStandardPrice', { label: 'Use Standard Price' }),
      ],
    },
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_contract.htm
    {
      name: 'Contract',
      label: 'Contract',
      labelPlural: 'Contracts',
      keyPrefix: '800',
      custom: false,
      owner: true,
      fields: [
        reference('AccountId', 'Account', 'Account', { required: true, childRelationshipName: 'Contracts', label: 'Account ID' }),
        derived(text('ContractNumber', 30, { nameField: true, label: 'Contract Number' })),
        text('Name', 80, { label: 'Contract Name' }),
        picklist('Status', Object.keys(CONTRACT_STATUS_CODE), { required: true, defaultPick: 'Draft', restrictedPicklist: true }),
        derived(picklist('StatusCode', ['Draft', 'InApproval', 'Activated', 'Terminated', 'Expired'], { label: 'Status Category', restrictedPicklist: true })),
        dateField('StartDate', { label: 'Contract Start Date' }),
        makeField('ContractTerm', 'int', { precision: 4, scale: 0, label: 'Contract Term (months)' }),
        // ADDMONTHS(StartDate, ContractTerm) - 1: how Salesforce dates a contract's end.
        derived(dateField('EndDate', { label: 'Contract End Date', formula: 'ADDMONTHS(StartDate, ContractTerm) - 1' })),
        picklist('OwnerExpirationNotice', ['15', '30', '45', '60', '90', '120'], { label: 'Owner Expiration Notice', restrictedPicklist: true }),
        ...addressFields('Billing', 'Billing'),
        ...addressFields('Shipping', 'Shipping'),
        reference('Pricebook2Id', 'Pricebook2', 'Pricebook2', { label: 'Price Book ID' }),
        reference('CustomerSignedId', 'Contact', 'CustomerSigned', { label: 'Customer Signed By ID' }),
        text('CustomerSignedTitle', 40, { label: 'Customer Signed Title' }),
        dateField('CustomerSignedDate', { label: 'Customer Signed Date' }),
        reference('CompanySignedId', 'User', 'CompanySigned', { label: 'Company Signed By ID' }),
        dateField('CompanySignedDate', { label: 'Company Signed Date' }),
        // Set when the contract is activated; writable on update only.
        reference('ActivatedById', 'User', 'ActivatedBy', { label: 'Activated By ID', createable: false }),
        makeField('ActivatedDate', 'datetime', { label: 'Activated Date', createable: false }),
        textArea('SpecialTerms', 4000, { label: 'Special Terms' }),
        textArea('Description'),
        derived(makeField('LastApprovedDate', 'datetime', { label: 'Last Approved Date' })),
        derived(dateField('LastActivityDate', { label: 'Last Activity' })),
      ],
    },
  ];
}
