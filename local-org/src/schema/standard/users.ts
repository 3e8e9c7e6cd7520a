/**
 * The org and its people: Organization, User, Profile, UserRole, with the standard fields Salesforce's
 * Object Reference documents for each (types, lengths, picklist values, create/update rights). Fields of
 * features the local org does not have (Experience Cloud, Chatter, call centres, delegated approval) are left
 * out; a file naming them is refused with INVALID_FIELD as an org without the feature would.
 */
import { addressFields, checkbox, derived, makeField, picklist, reference, text, textArea, type ObjectDefinition } from '../field-builders.js';

const readOnly = { createable: false, updateable: false };

/**
 * Salesforce offers hundreds of time zones, locales, languages and encodings (restricted picklists). These are
 * the common ones describe lists; the local org keeps the fields unrestricted so a user from anywhere still loads.
 */
export const TIME_ZONES = ['GMT', 'Europe/London', 'Europe/Paris', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney'];
export const LOCALES = ['en_US', 'en_GB', 'en_AU', 'en_CA', 'de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'ja_JP'];
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'AUD', 'CAD', 'CHF'];
export const LANGUAGES = ['en_US', 'en_GB', 'de', 'fr', 'es', 'it', 'nl_NL', 'ja'];

/** Standard profiles of an Enterprise Edition org (the Profile object is read-only through the API). */
export const STANDARD_PROFILES = ['System Administrator', 'Standard User', 'Read Only', 'Solution Manager', 'Marketing User', 'Contract Manager', 'Minimum Access - Salesforce'];

const ACCESS_LEVELS = ['None', 'Read', 'Edit', 'ControlledByParent'];

export function userObjectDefinitions(): ObjectDefinition[] {
  return [
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_organization.htm
    {
      name: 'Organization',
      label: 'Organization',
      labelPlural: 'Organizations',
      keyPrefix: '00D',
      custom: false,
      owner: false,
      createable: false,
      updateable: false,
      deletable: false,
      fields: [
        text('Name', 80, { nameField: true, ...readOnly }),
        text('Division', 80, readOnly),
        ...addressFields('', '', readOnly),
        makeField('Phone', 'phone', { length: 40, ...readOnly }),
        makeField('Fax', 'phone', { length: 40, ...readOnly }),
        text('PrimaryContact', 80, { label: 'Primary Contact', ...readOnly }),
        picklist('DefaultLocaleSidKey', LOCALES, { label: 'Locale', ...readOnly }),
        // The org's currency (Setup > Company Information); with multi-currency off, every amount is in it.
        picklist('DefaultCurrencyIsoCode', CURRENCIES, { label: 'Currency Locale', ...readOnly }),
        picklist('LanguageLocaleKey', LANGUAGES, { label: 'Language', ...readOnly }),
        picklist('TimeZoneSidKey', TIME_ZONES, { label: 'Time Zone', ...readOnly }),
        makeField('FiscalYearStartMonth', 'int', { precision: 2, scale: 0, label: 'Fiscal Year Starts In', ...readOnly }),
        checkbox('UsesStartDateAsFiscalYearName', { label: 'Fiscal Year Name by Start', ...readOnly }),
        picklist('DefaultAccountAccess', ['None', 'Read', 'Edit'], { label: 'Default Account Access', ...readOnly }),
        picklist('DefaultContactAccess', ACCESS_LEVELS, { label: 'Default Contact Access', ...readOnly }),
        picklist('DefaultOpportunityAccess', ['None', 'Read', 'Edit'], { label: 'Default Opportunity Access', ...readOnly }),
        text('InstanceName', 5, { label: 'Instance Name', ...readOnly }),
        checkbox('IsSandbox', { label: 'Is Sandbox', ...readOnly }),
        checkbox('IsReadOnly', { label: 'Is Read Only', ...readOnly }),
        makeField('TrialExpirationDate', 'datetime', { label: 'Trial Expiration Date', ...readOnly }),
        text('NamespacePrefix', 15, { label: 'Namespace Prefix', ...readOnly }),
        picklist('OrganizationType', ['Developer Edition', 'Enterprise Edition', 'Professional Edition', 'Unlimited Edition', 'Team Edition', 'Personal Edition'], {
          label: 'Edition',
          ...readOnly,
        }),
      ],
    },
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_profile.htm
    {
      name: 'Profile',
      label: 'Profile',
      labelPlural: 'Profiles',
      keyPrefix: '00e',
      custom: false,
      owner: false,
      // Profiles are metadata: created and edited in Setup or through the Metadata API, never by a data load.
      createable: false,
      updateable: false,
      deletable: false,
      fields: [
        text('Name', 255, { nameField: true, ...readOnly }),
        text('Description', 255, readOnly),
        picklist('UserType', ['Standard', 'PowerPartner', 'CsnOnly', 'Guest'], { label: 'User Type', ...readOnly }),
      ],
    },
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_userrole.htm
    {
      name: 'UserRole',
      label: 'Role',
      labelPlural: 'Roles',
      keyPrefix: '00E',
      custom: false,
      owner: false,
      fields: [
        text('Name', 80, { required: true, nameField: true }),
        text('DeveloperName', 80, { label: 'Developer Name' }),
        reference('ParentRoleId', 'UserRole', 'ParentRole', { label: 'Parent Role ID' }),
        text('RollupDescription', 80, { label: 'Description' }),
        picklist('OpportunityAccessForAccountOwner', ['None', 'Read', 'Edit'], { label: 'Opportunity Access', defaultPick: 'None', restrictedPicklist: true }),
        picklist('ContactAccessForAccountOwner', ['None', 'Read', 'Edit'], { label: 'Contact Access', defaultPick: 'None', restrictedPicklist: true }),
        picklist('CaseAccessForAccountOwner', ['None', 'Read', 'Edit'], { label: 'Case Access', defaultPick: 'None', restrictedPicklist: true }),
      ],
    },
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_user.htm
    {
      name: 'User',
      label: 'User',
      labelPlural: 'Users',
      keyPrefix: '005',
      custom: false,
      owner: false,
      // Users are deactivated (IsActive = false), never deleted.
      deletable: false,
      fields: [
        text('Username', 80, { required: true, unique: true }),
        text('FirstName', 40, { label: 'First Name' }),
        text('MiddleName', 40, { label: 'Middle Name' }),
        text('LastName', 80, { required: true, label: 'Last Name' }),
        text('Suffix', 40),
        derived(text('Name', 121, { nameField: true, label: 'Full Name' })),
        text('CommunityNickname', 40, { label: 'Nickname' }),
        makeField('Email', 'email', { length: 128, required: true }),
        text('Alias', 8, { required: true }),
        text('Title', 80),
        text('CompanyName', 80, { label: 'Company Name' }),
        text('Department', 80),
        text('Division', 80),
        text('EmployeeNumber', 20, { label: 'Employee Number' }),
        ...addressFields('', ''),
        makeField('Phone', 'phone', { length: 40 }),
        makeField('MobilePhone', 'phone', { length: 40, label: 'Mobile' }),
        makeField('Fax', 'phone', { length: 40 }),
        makeField('Extension', 'phone', { length: 40 }),
        textArea('AboutMe', 1000, { label: 'About Me' }),
        textArea('Signature', 1333, { label: 'Email Signature' }),
        text('SenderName', 80, { label: 'Email Sender Name' }),
        makeField('SenderEmail', 'email', { length: 80, label: 'Email Sender Address' }),
        text('FederationIdentifier', 512, { label: 'SAML Federation ID' }),
        checkbox('IsActive', { defaultValue: true, label: 'Active' }),
        // Required by Salesforce on create, like Alias and the four locale keys (no defaults through the API). A data set that cannot know the org's profile Ids leaves it out:
        // the local org's own loader (tree/load.ts) gives such users the Standard User profile.
        reference('ProfileId', 'Profile', 'Profile', { required: true, label: 'Profile ID' }),
        reference('UserRoleId', 'UserRole', 'UserRole', { label: 'Role ID', childRelationshipName: 'Users' }),
        reference('ManagerId', 'User', 'Manager', { label: 'Manager ID', childRelationshipName: 'ManagedUsers' }),
        reference('DelegatedApproverId', 'User', 'DelegatedApprover', { label: 'Delegated Approver ID' }),
        reference('ContactId', 'Contact', 'Contact', { label: 'Contact ID', updateable: false }),
        derived(reference('AccountId', 'Account', 'Account', { label: 'Account ID' })),
        picklist('TimeZoneSidKey', TIME_ZONES, { required: true, label: 'Time Zone' }),
        picklist('LocaleSidKey', LOCALES, { required: true, label: 'Locale' }),
        picklist('EmailEncodingKey', ['UTF-8', 'ISO-8859-1', 'Shift_JIS', 'ISO-2022-JP', 'EUC-JP', 'ks_c_5601-1987', 'Big5', 'GB2312'], {
          required: true,
          label: 'Email Encoding',
        }),
        picklist('LanguageLocaleKey', LANGUAGES, { required: true, label: 'Language' }),
        picklist('UserType', ['Standard', 'PowerPartner', 'CspLitePortal', 'CustomerSuccess', 'PowerCustomerSuccess', 'CsnOnly', 'Guest'], {
          defaultPick: 'Standard',
          label: 'User Type',
          restrictedPicklist: true,
          ...readOnly,
        }),
        derived(makeField('LastLoginDate', 'datetime', { label: 'Last Login' })),
        derived(makeField('LastPasswordChangeDate', 'datetime', { label: 'Last Password Change or Reset' })),
        checkbox('ReceivesInfoEmails', { label: 'Info Emails' }),
        checkbox('UserPermissionsMarketingUser', { label: 'Marketing User' }),
        checkbox('UserPermissionsOfflineUser', { label: 'Offline User' }),
      ],
    },
  ];
}
