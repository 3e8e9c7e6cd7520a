/** A small book of Outcomes records for the GraphQL and UI API tests, written through the engine. */
import type { LocalOrg } from '../../src/index.js';

export type Book = {
  accountId: string;
  otherAccountId: string;
  initiativeId: string;
  otherInitiativeId: string;
  outcomeIds: string[];
  measurementIds: string[];
  componentIds: string[];
};

function create(org: LocalOrg, sobject: string, records: Array<Record<string, unknown>>): string[] {
  const results = org.engine.create(sobject, records, { allOrNone: true });
  const failed = results.find((r) => !r.success);
  if (failed) throw new Error(`${sobject}: ${JSON.stringify(failed.errors)}`);
  return results.map((r) => String(r.id));
}

export function writeBook(org: LocalOrg): Book {
  const [accountId, otherAccountId] = create(org, 'Account', [{ Name: 'Acme Health' }, { Name: 'Globex Bank' }]);
  const [initiativeId, otherInitiativeId] = create(org, 'Initiative__c', [
    { Name: 'Patient Access', Account__c: accountId, Status__c: 'Onboarding', Go_Live_Date__c: '2025-06-01', Annual_Contract_Value__c: 120000 },
    { Name: 'Faster Claims', Account__c: accountId, Status__c: 'Adopting', Go_Live_Date__c: '2024-03-01' },
  ]);
  create(org, 'Initiative__c', [{ Name: 'Branch Automation', Account__c: otherAccountId, Status__c: 'Handover' }]);
  const outcomeIds = create(org, 'Outcome_Requirement__c', [
    { Initiative__c: initiativeId, Description__c: 'Wait time for a first appointment', Priority__c: 'Primary', Unit__c: 'days' },
    { Initiative__c: initiativeId, Description__c: 'Missed appointments', Priority__c: 'Secondary', Unit__c: '%' },
    { Initiative__c: initiativeId, Description__c: 'Patient satisfaction', Priority__c: 'Primary' },
    { Initiative__c: otherInitiativeId, Description__c: 'Claim cycle time', Priority__c: 'Primary', Unit__c: 'days' },
  ]);
  const measurementIds = create(org, 'Measurement__c', [
    { Outcome_Requirement__c: outcomeIds[0], Measured_On__c: '2025-07-01', Value__c: 21, Source__c: 'System' },
    { Outcome_Requirement__c: outcomeIds[0], Measured_On__c: '2025-10-01', Value__c: 17, Source__c: 'System' },
    { Outcome_Requirement__c: outcomeIds[0], Measured_On__c: '2026-01-10', Value__c: 12, Source__c: 'Manual' },
    { Outcome_Requirement__c: outcomeIds[1], Measured_On__c: '2025-12-01', Value__c: 9.5, Source__c: 'Survey' },
  ]);
  const componentIds = create(org, 'Solution_Component__c', [
    { Name: 'Scheduling Cloud', Initiative__c: initiativeId, Component_Type__c: 'Subscription', Lifecycle__c: 'Renewable', Annual_Value__c: 80000 },
    { Name: 'Implementation', Initiative__c: initiativeId, Component_Type__c: 'Professional Services', Lifecycle__c: 'One_Time' },
  ]);
  create(org, 'Outcome_Component__c', [
    { Outcome_Requirement__c: outcomeIds[0], Solution_Component__c: componentIds[0], Contribution__c: 'Self-service booking' },
    { Outcome_Requirement__c: outcomeIds[1], Solution_Component__c: componentIds[0], Contribution__c: 'Reminders' },
  ]);
  return { accountId, otherAccountId, initiativeId, otherInitiativeId, outcomeIds, measurementIds, componentIds };
}
