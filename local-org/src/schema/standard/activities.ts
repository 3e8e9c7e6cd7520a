/**
 * Task, with the standard fields Salesforce's Object Reference documents. Recurrence, call-centre
 * routing and Einstein fields are left out (features the local org does not have); the call-logging fields
 * stay, as an admin's activity export carries them.
 */
import { checkbox, dateField, derived, makeField, picklist, reference, text, textArea, type ObjectDefinition } from '../field-builders.js';

export function activityObjectDefinitions(): ObjectDefinition[] {
  return [
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_task.htm
    {
      name: 'Task',
      label: 'Task',
      labelPlural: 'Tasks',
      keyPrefix: '00T',
      custom: false,
      owner: true,
      fields: [
        // A combobox in the UI, a string of 255 in the API.
        text('Subject', 255),
        textArea('Description', 32_000, { label: 'Comments' }),
        // Polymorphic: referenceTo is completed with every object that allows activities when the schema is built.
        reference('WhatId', ['Account', 'Opportunity', 'Contract'], 'What', { childRelationshipName: 'Tasks', label: 'Related To ID' }),
        reference('WhoId', ['Contact'], 'Who', { childRelationshipName: 'Tasks', label: 'Name ID' }),
        // The account of WhatId (Account, Opportunity, Contract) or else of a contact WhoId.
        derived(reference('AccountId', 'Account', 'Account', { label: 'Account ID' })),
        dateField('ActivityDate', { label: 'Due Date Only' }),
        picklist('Status', ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'], {
          required: true,
          defaultPick: 'Not Started',
        }),
        picklist('Priority', ['High', 'Normal', 'Low'], { required: true, defaultPick: 'Normal' }),
        derived(checkbox('IsHighPriority', { label: 'High Priority' })),
        derived(checkbox('IsClosed', { label: 'Closed' })),
        derived(makeField('CompletedDateTime', 'datetime', { label: 'Completed Date/Time' })),
        derived(checkbox('IsArchived', { label: 'Archived' })),
        picklist('Type', ['Call', 'Email', 'Meeting', 'Other']),
        // Set on create only (Object Reference: Create, Filter, Group, Nillable, Restricted picklist, Sort).
        picklist('TaskSubtype', ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'], { label: 'Task Subtype', updateable: false, restrictedPicklist: true }),
        checkbox('IsReminderSet', { label: 'Reminder Set' }),
        makeField('ReminderDateTime', 'datetime', { label: 'Reminder Date/Time' }),
        makeField('CallDurationInSeconds', 'int', { precision: 8, scale: 0, label: 'Call Duration' }),
        picklist('CallType', ['Internal', 'Inbound', 'Outbound'], { label: 'Call Type', restrictedPicklist: true }),
        text('CallDisposition', 255, { label: 'Call Result' }),
        text('CallObject', 255, { label: 'Call Object Identifier' }),
        derived(makeField('WhoCount', 'int', { precision: 9, scale: 0, label: 'Relation Count' })),
        derived(makeField('WhatCount', 'int', { precision: 9, scale: 0, label: 'Related To Count' })),
      ],
    },
  ];
}
