import { describe, expect, test } from '@jest/globals';
import { outcomeHealth, type HealthOutcome } from '../../src/core/health.js';
import type { OutcomeStatus } from '../../src/core/model.js';

const primary = (Status__c: OutcomeStatus | null): HealthOutcome => ({ Priority__c: 'Primary', Status__c });
const secondary = (Status__c: OutcomeStatus): HealthOutcome => ({ Priority__c: 'Secondary', Status__c });

describe('outcomeHealth', () => {
  test.each([
    ['any primary Off Track', [primary('On Track'), primary('Off Track'), primary('At Risk')], 'Off Track'],
    ['any primary Missed', [primary('Attained'), primary('Missed')], 'Off Track'],
    ['Missed outweighs No Data', [primary('No Data'), primary('Missed')], 'Off Track'],
    ['an At Risk primary, the rest fine', [primary('On Track'), primary('At Risk')], 'At Risk'],
    ['At Risk outweighs No Data', [primary('No Data'), primary('At Risk')], 'At Risk'],
    ['a primary with No Data', [primary('On Track'), primary('No Data')], 'No Data'],
    ['a primary never assessed', [primary('Attained'), primary(null)], 'No Data'],
    ['no primary outcome', [secondary('On Track')], 'No Data'],
    ['no outcome at all', [], 'No Data'],
    ['every primary On Track or Attained', [primary('On Track'), primary('Attained')], 'On Track'],
    ['secondaries off track do not count', [primary('Attained'), secondary('Off Track'), secondary('Missed')], 'On Track'],
  ])('%s → %s', (_, outcomes, expected) => {
    expect(outcomeHealth(outcomes)).toBe(expected);
  });
});
