/**
 * The rows of the handover and renewal queries, read through the zod schemas of src/core/schemas.ts into the
 * planners' plain inputs. A value of the wrong type stops the run naming the record and the field; before, it
 * was quietly read as blank.
 */
import { z } from 'zod';
import { idSchema } from '../../core/fieldSchemas.js';
import { Initiative, OutcomeRequirement, SolutionComponent } from '../../core/model.js';
import type { HandoverOutcome } from '../../core/handover.js';
import type { ExistingComponent, ExistingInitiative, ExistingTask, RecentReviewTask, SourceLineItem, SourceOpportunity } from '../../core/plan/handover.js';
import type { RenewalComponent, RenewalInitiative } from '../../core/plan/renewals.js';
import type { RenewalInputs } from '../../core/renewal.js';
import {
  accountTeamMemberSchema,
  contractSchema,
  initiativeSchema,
  opportunityLineItemSchema,
  opportunitySchema,
  outcomeRequirementFieldsSchema,
  productSchema,
  solutionComponentSchema,
  taskSchema,
  userSchema,
} from '../../core/schemas.js';
import type { SfRecord } from '../connection.js';
import { childRecords } from '../fetch.js';
import { readRecord, recordLabel } from '../records.js';

const withId = { Id: idSchema('Id') };

const opportunityRowSchema = opportunitySchema
  .pick({ Name: true, AccountId: true, IsWon: true, CloseDate: true, Amount: true, Expected_Go_Live_Date__c: true, Handover_Status__c: true })
  .extend({
    ...withId,
    Contract: contractSchema.pick({ EndDate: true }).nullish(),
    Account: z.object({ OwnerId: idSchema('Account.OwnerId').nullish(), Owner: userSchema.pick({ IsActive: true }).nullish() }).nullish(),
  });

const lineRowSchema = opportunityLineItemSchema
  .pick({
    Product2Id: true,
    Quantity: true,
    TotalPrice: true,
    ServiceDate: true,
    Term_Months__c: true,
    End_Date__c: true,
    Role_In_Solution__c: true,
    Fee_Outcome__c: true,
    Fee_At_Risk_Amount__c: true,
    Fee_Payout_Rule__c: true,
    Fee_Floor_Percent__c: true,
    Fee_Cap_Percent__c: true,
  })
  .extend({
    ...withId,
    Product2: productSchema.pick({ Name: true, Component_Type__c: true, Lifecycle__c: true, Default_Term_Months__c: true }).nullish(),
    Fee_Outcome__r: z.object({ Initiative__c: idSchema('Fee_Outcome__r.Initiative__c').nullish() }).nullish(),
  });

export function toSourceOpportunity(row: SfRecord, lines: string): SourceOpportunity {
  const opportunity = readRecord(opportunityRowSchema, row, recordLabel('Opportunity', row));
  return {
    id: opportunity.Id,
    // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing -- a blank name falls back to the id too
    name: opportunity.Name || opportunity.Id,
    accountId: opportunity.AccountId,
    isWon: opportunity.IsWon === true,
    closeDate: opportunity.CloseDate,
    amount: opportunity.Amount,
    contractEndDate: opportunity.Contract?.EndDate ?? null,
    expectedGoLiveDate: opportunity.Expected_Go_Live_Date__c,
    handoverStatus: opportunity.Handover_Status__c,
    // The account's owner is the CSM of last resort only while active.
    accountOwnerId: opportunity.Account?.Owner?.IsActive === true ? (opportunity.Account.OwnerId ?? null) : null,
    lines: childRecords(row, lines).map(toSourceLine),
  };
}

function toSourceLine(row: SfRecord): SourceLineItem {
  const line = readRecord(lineRowSchema, row, recordLabel('OpportunityLineItem', row));
  return {
    id: line.Id,
    productId: line.Product2Id,
    productName: line.Product2?.Name ?? null,
    quantity: line.Quantity,
    totalPrice: line.TotalPrice,
    serviceDate: line.ServiceDate,
    termMonths: line.Term_Months__c,
    endDate: line.End_Date__c,
    roleInSolution: line.Role_In_Solution__c,
    componentType: line.Product2?.Component_Type__c ?? null,
    lifecycle: line.Product2?.Lifecycle__c ?? null,
    productDefaultTermMonths: line.Product2?.Default_Term_Months__c ?? null,
    fee: {
      outcomeId: line.Fee_Outcome__c,
      outcomeInitiativeId: line.Fee_Outcome__r?.Initiative__c ?? null,
      amount: line.Fee_At_Risk_Amount__c,
      rule: line.Fee_Payout_Rule__c,
      floorPercent: line.Fee_Floor_Percent__c,
      capPercent: line.Fee_Cap_Percent__c,
    },
  };
}

const existingInitiativeSchema = initiativeSchema
  .pick({
    Name: true,
    Account__c: true,
    Opportunity__c: true,
    Source_Opportunity_Id__c: true,
    Purpose__c: true,
    Status__c: true,
    CSM__c: true,
    Handover_Date__c: true,
    Go_Live_Date__c: true,
    Annual_Contract_Value__c: true,
    Total_Contract_Value__c: true,
    Next_Renewal_Date__c: true,
  })
  .extend(withId);

const existingComponentSchema = solutionComponentSchema
  .pick({
    Name: true,
    Source_Line_Item_Id__c: true,
    Product__c: true,
    Quantity__c: true,
    Total_Price__c: true,
    Component_Type__c: true,
    Lifecycle__c: true,
    Role_In_Solution__c: true,
    Start_Date__c: true,
    End_Date__c: true,
    Renewal_Date__c: true,
    Annual_Value__c: true,
  })
  .extend(withId);

const handoverOutcomeSchema = outcomeRequirementFieldsSchema
  .pick({
    Description__c: true,
    Priority__c: true,
    Quantity_Type__c: true,
    Direction__c: true,
    Baseline_Value__c: true,
    Target_Value__c: true,
    Deadline_Type__c: true,
    Deadline_Date__c: true,
    Deadline_Offset_Months__c: true,
    Measurement_Method__c: true,
  })
  .extend(withId);

export function toExistingInitiative(row: SfRecord, children: { components: string; outcomes: string }): ExistingInitiative {
  return {
    ...readRecord(existingInitiativeSchema, row, recordLabel(Initiative.apiName, row)),
    components: childRecords(row, children.components).map(toExistingComponent),
    outcomes: childRecords(row, children.outcomes).map(toHandoverOutcome),
  };
}

function toExistingComponent(row: SfRecord): ExistingComponent {
  return readRecord(existingComponentSchema, row, recordLabel(SolutionComponent.apiName, row));
}

function toHandoverOutcome(row: SfRecord): HandoverOutcome {
  return readRecord(handoverOutcomeSchema, row, recordLabel(OutcomeRequirement.apiName, row));
}

const taskRowSchema = taskSchema.extend(withId);

/** A review task; `whatId` is the initiative it was read under when the row does not carry it. */
export function toExistingTask(row: SfRecord, whatId?: string): ExistingTask {
  const task = readRecord(taskRowSchema, row, recordLabel('Task', row));
  return { id: task.Id, whatId: task.WhatId ?? whatId ?? '', subject: task.Subject, isClosed: task.IsClosed === true };
}

export function toRecentReviewTask(row: SfRecord): RecentReviewTask {
  const task = readRecord(taskRowSchema, row, recordLabel('Task', row));
  return { id: task.Id, whatId: task.WhatId ?? '', createdDate: task.CreatedDate ?? '' };
}

/** CreatedDate of an initiative row, for ordering oldest first. */
export function createdDateOf(row: SfRecord): string {
  return readRecord(taskRowSchema.pick({ CreatedDate: true }), row, recordLabel(Initiative.apiName, row)).CreatedDate ?? '';
}

export function toTeamMember(row: SfRecord): { accountId: string; userId: string; userActive: boolean } {
  const member = readRecord(accountTeamMemberSchema, row, recordLabel('AccountTeamMember', row));
  return { accountId: member.AccountId, userId: member.UserId, userActive: member.User?.IsActive !== false };
}

const userRowSchema = userSchema.extend(withId);

export function toOrgUser(row: SfRecord): { id: string; username: string; isActive: boolean } {
  const user = readRecord(userRowSchema, row, recordLabel('User', row));
  return { id: user.Id, username: user.Username ?? '', isActive: user.IsActive === true };
}

// ---- Renewals --------------------------------------------------------------------------------------

const renewalInitiativeSchema = initiativeSchema.pick({ Name: true, Next_Renewal_Date__c: true }).extend(withId);
const renewalComponentSchema = solutionComponentSchema
  .pick({ Name: true, Lifecycle__c: true, Source_Line_Item_Id__c: true, End_Date__c: true, Renewal_Date__c: true })
  .extend(withId);
const renewalLineSchema = opportunityLineItemSchema.pick({ ServiceDate: true, Term_Months__c: true, End_Date__c: true }).extend({
  ...withId,
  Opportunity: opportunitySchema.pick({ CloseDate: true }).extend({ Contract: contractSchema.pick({ EndDate: true }).nullish() }).nullish(),
  Product2: productSchema.pick({ Default_Term_Months__c: true }).nullish(),
});

export function toRenewalInitiative(row: SfRecord, components: string): RenewalInitiative {
  return {
    ...readRecord(renewalInitiativeSchema, row, recordLabel(Initiative.apiName, row)),
    components: childRecords(row, components).map(toRenewalComponent),
  };
}

function toRenewalComponent(row: SfRecord): RenewalComponent {
  return readRecord(renewalComponentSchema, row, recordLabel(SolutionComponent.apiName, row));
}

export function toRenewalInputs(row: SfRecord): RenewalInputs {
  const line = readRecord(renewalLineSchema, row, recordLabel('OpportunityLineItem', row));
  return {
    endDate: line.End_Date__c,
    contractEndDate: line.Opportunity?.Contract?.EndDate ?? null,
    serviceDate: line.ServiceDate,
    closeDate: line.Opportunity?.CloseDate ?? null,
    termMonths: line.Term_Months__c,
    productDefaultTermMonths: line.Product2?.Default_Term_Months__c ?? null,
  };
}
