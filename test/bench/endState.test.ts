import { describe, expect, it } from '@jest/globals';
import { captureEndState, compareEndStates, type RecordSource } from '../../bench/endState.js';

type Row = Record<string, unknown> & { Id: string };

function source(tables: Record<string, Row[]>): RecordSource {
  return (sobject) => tables[sobject] ?? [];
}

const opportunity: Row = { Id: '006000000000001AAA', Handover_Status__c: 'Handed Over' };

describe('captureEndState / compareEndStates', () => {
  it('finds two orgs equal when only Ids, system fields and auto-numbers differ', () => {
    const first = captureEndState(
      source({
        Opportunity: [opportunity],
        Initiative__c: [{ Id: 'a01A', Source_Opportunity_Id__c: opportunity.Id, Name: 'Rollout', CreatedDate: '2026-11-23T10:00:00Z' }],
        Task: [{ Id: '00TA', WhatId: 'a01A', Subject: 'Review handover: Rollout' }],
        Measurement__c: [{ Id: 'a05A', External_Id__c: 'MEAS-1', Name: 'M-0001', Value__c: 3 }],
      }),
    );
    const second = captureEndState(
      source({
        Opportunity: [opportunity],
        Initiative__c: [{ Id: 'a01B', Source_Opportunity_Id__c: opportunity.Id, Name: 'Rollout', CreatedDate: '2026-11-23T11:00:00Z' }],
        Task: [{ Id: '00TB', WhatId: 'a01B', Subject: 'Review handover: Rollout' }],
        Measurement__c: [{ Id: 'a05B', External_Id__c: 'MEAS-1', Name: 'M-0007', Value__c: 3 }],
      }),
    );
    expect(compareEndStates(first, second)).toEqual([]);
  });

  it('names the records that are missing or differ, and the fields that differ', () => {
    const first = captureEndState(
      source({
        Opportunity: [opportunity],
        Measurement__c: [
          { Id: 'a05A', External_Id__c: 'MEAS-1', Value__c: 3 },
          { Id: 'a05C', External_Id__c: 'MEAS-2', Value__c: 4 },
        ],
      }),
    );
    const second = captureEndState(
      source({
        Opportunity: [{ ...opportunity, Handover_Status__c: 'Incomplete' }],
        Measurement__c: [{ Id: 'a05B', External_Id__c: 'MEAS-1', Value__c: 3 }],
      }),
    );
    expect(compareEndStates(first, second)).toEqual([
      {
        object: 'Opportunity',
        onlyInFirst: 0,
        onlyInSecond: 0,
        different: 1,
        examples: [`Opportunity ${opportunity.Id}: Handover_Status__c "Handed Over" (commands) vs "Incomplete" (naive)`],
      },
      { object: 'Measurement__c', onlyInFirst: 1, onlyInSecond: 0, different: 0, examples: ["only in the commands' org: Measurement MEAS-2"] },
    ]);
  });
});
