/**
 * The standard objects a new Enterprise Edition org has, with the standard fields Salesforce's Object
 * Reference documents for each (users.ts, sales.ts, activities.ts; Account, Contact and AccountTeamMember
 * here). Key prefixes are Salesforce's. Derived fields (IsWon, TotalPrice, EndDate...) are marked calculated
 * and computed by the store (store/derived-fields.ts).
 */
import {
  addressFields,
  checkbox,
  currency,
  dateField,
  derived,
  makeField,
  picklist,
  reference,
  text,
  textArea,
  type ObjectDefinition,
} from '../field-builders.js';
import { activityObjectDefinitions } from './activities.js';
import { campaignObjectDefinitions } from './campaigns.js';
import { salesObjectDefinitions } from './sales.js';
import { userObjectDefinitions } from './users.js';

export { CONTRACT_STATUS_CODE, FORECAST_CATEGORY, OPPORTUNITY_STAGES, STANDARD_PRICE_BOOK_NAME } from './sales.js';
export { STANDARD_PROFILES } from './users.js';

const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];

export function standardObjectDefinitions(): ObjectDefinition[] {
  return [...userObjectDefinitions(), ...accountObjectDefinitions(), ...campaignObjectDefinitions(), ...salesObjectDefinitions(), ...activityObjectDefinitions()];
}

function accountObjectDefinitions(): ObjectDefinition[] {
  return [
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_account.htm
    {
      name: 'Account',
      label: 'Account',
      labelPlural: 'Accounts',
      keyPrefix: '001',
      custom: false,
      owner: true,
      fields: [
        text('Name', 255, { required: true, nameField: true, label: 'Account Name' }),
        picklist('Type', ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other']),
        picklist('Industry', ['Agriculture', 'Banking', 'Consulting', 'Education', 'Energy', 'Healthcare', 'Manufacturing', 'Retail', 'Technology', 'Other']),
        reference('ParentId', 'Account', 'Parent', { childRelationshipName: 'ChildAccounts' }),
        ...addressFields('Billing', 'Billing'),
        ...addressFields('Shipping', 'Shipping'),
        text('AccountNumber', 40, { label: 'Account Number' }),
        text('Site', 80, { label: 'Account Site' }),
        picklist('AccountSource', LEAD_SOURCES, { label: 'Account Source' }),
        picklist('Rating', ['Hot', 'Warm', 'Cold'], { label: 'Account Rating' }),
        picklist('Ownership', ['Public', 'Private', 'Subsidiary', 'Other']),
        text('Sic', 20, { label: 'SIC Code' }),
        text('SicDesc', 80, { label: 'SIC Description' }),
        text('TickerSymbol', 20, { label: 'Ticker Symbol' }),
        text('YearStarted', 4, { label: 'Year Started' }),
        currency('AnnualRevenue'),
        makeField('NumberOfEmployees', 'int', { precision: 8, scale: 0 }),
        makeField('Phone', 'phone', { length: 40 }),
        makeField('Fax', 'phone', { length: 40, label: 'Account Fax' }),
        makeField('Website', 'url', { length: 255 }),
        textArea('Description'),
      ],
    },
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_contact.htm
    {
      name: 'Contact',
      label: 'Contact',
      labelPlural: 'Contacts',
      keyPrefix: '003',
      custom: false,
      owner: true,
      fields: [
        reference('AccountId', 'Account', 'Account', { childRelationshipName: 'Contacts' }),
        picklist('Salutation', ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.']),
        text('FirstName', 40),
        text('LastName', 80, { required: true }),
        derived(text('Name', 121, { nameField: true, label: 'Full Name' })),
        ...addressFields('Mailing', 'Mailing'),
        ...addressFields('Other', 'Other'),
        reference('ReportsToId', 'Contact', 'ReportsTo', { label: 'Reports To ID' }),
        text('Title', 128),
        text('Department', 80),
        dateField('Birthdate'),
        makeField('Email', 'email', { length: 80 }),
        makeField('Phone', 'phone', { length: 40, label: 'Business Phone' }),
        makeField('MobilePhone', 'phone', { length: 40, label: 'Mobile Phone' }),
        makeField('HomePhone', 'phone', { length: 40, label: 'Home Phone' }),
        makeField('OtherPhone', 'phone', { length: 40, label: 'Other Phone' }),
        makeField('Fax', 'phone', { length: 40, label: 'Business Fax' }),
        text('AssistantName', 40, { label: "Assistant's Name" }),
        makeField('AssistantPhone', 'phone', { length: 40, label: 'Asst. Phone' }),
        picklist('LeadSource', LEAD_SOURCES, { label: 'Lead Source' }),
        checkbox('HasOptedOutOfEmail', { label: 'Email Opt Out' }),
        checkbox('DoNotCall', { label: 'Do Not Call' }),
        textArea('Description'),
      ],
    },
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_accountteammember.htm
    {
      name: 'AccountTeamMember',
      label: 'Account Team Member',
      labelPlural: 'Account Team Members',
      keyPrefix: '01M',
      custom: false,
      owner: false,
      fields: [
        reference('AccountId', 'Account', 'Account', {
          required: true,
          updateable: false,
          childRelationshipName: 'AccountTeamMembers',
          deleteConstraint: 'Cascade',
        }),
        reference('UserId', 'User', 'User', { required: true, updateable: false }),
        // A new org's roles, plus the Customer Success Manager role this package's setup adds (docs/setup).
        picklist('TeamMemberRole', [
          'Account Manager',
          'Channel Manager',
          'Customer Success Manager',
          'Executive Sponsor',
          'Lead Qualifier',
          'Pre-Sales Consultant',
          'Sales Manager',
          'Sales Rep',
          'Technical Sales',
        ], { label: 'Team Role' }),
        derived(text('Title', 80)),
        picklist('AccountAccessLevel', ['Read', 'Edit', 'All'], { defaultPick: 'Read', label: 'Account Access', restrictedPicklist: true }),
        picklist('OpportunityAccessLevel', ['None', 'Read', 'Edit'], { defaultPick: 'None', label: 'Opportunity Access', restrictedPicklist: true }),
        picklist('ContactAccessLevel', ['None', 'Read', 'Edit'], { defaultPick: 'None', label: 'Contact Access', restrictedPicklist: true }),
        picklist('CaseAccessLevel', ['None', 'Read', 'Edit'], { defaultPick: 'None', label: 'Case Access', restrictedPicklist: true }),
      ],
    },
  ];
}
