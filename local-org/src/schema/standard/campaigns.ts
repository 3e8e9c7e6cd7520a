/**
 * Campaign: in every Enterprise Edition org, and named by an opportunity's CampaignId, so an admin's
 * opportunity export carries the column. Standard fields as Salesforce's Object Reference documents them;
 * the hierarchy and member roll-ups it computes are left out (no CampaignMember or Lead here).
 */
import { checkbox, currency, dateField, double, makeField, picklist, reference, text, textArea, type ObjectDefinition } from '../field-builders.js';

export function campaignObjectDefinitions(): ObjectDefinition[] {
  return [
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_campaign.htm
    {
      name: 'Campaign',
      label: 'Campaign',
      labelPlural: 'Campaigns',
      keyPrefix: '701',
      custom: false,
      owner: true,
      fields: [
        text('Name', 80, { required: true, nameField: true, label: 'Campaign Name' }),
        reference('ParentId', 'Campaign', 'Parent', { label: 'Parent Campaign ID', childRelationshipName: 'ChildCampaigns' }),
        picklist('Type', ['Advertisement', 'Banner Ads', 'Conference', 'Direct Mail', 'Email', 'Partners', 'Public Relations', 'Referral Program', 'Seminar / Conference', 'Telemarketing', 'Trade Show', 'Webinar', 'Other']),
        picklist('Status', ['Planned', 'In Progress', 'Completed', 'Aborted']),
        dateField('StartDate', { label: 'Start Date' }),
        dateField('EndDate', { label: 'End Date' }),
        checkbox('IsActive', { label: 'Active' }),
        currency('BudgetedCost', { scale: 0, label: 'Budgeted Cost in Campaign' }),
        currency('ActualCost', { scale: 0, label: 'Actual Cost in Campaign' }),
        currency('ExpectedRevenue', { scale: 0, label: 'Expected Revenue in Campaign' }),
        makeField('ExpectedResponse', 'percent', { precision: 10, scale: 2, label: 'Expected Response (%)' }),
        double('NumberSent', 18, 0, { label: 'Num Sent in Campaign' }),
        textArea('Description'),
      ],
    },
  ];
}
