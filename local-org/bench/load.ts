/**
 * Load-and-query timing for the local org's engine (a script, not a test):
 *   npx tsx local-org/bench/load.ts
 * Loads 10,000 opportunities with 50,000 line items and 100,000 measurements straight into the engine
 * (in 200-record calls, like sObject Collections) and times typical queries: parent fields plus child
 * subqueries, semi-joins, indexed lookups, aggregates.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine, type SfRecord } from '../src/engine/index.js';

const PROJECT_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const OPPORTUNITIES = 10_000;
const LINES_PER_OPPORTUNITY = 5;
const INITIATIVES = 2_000;
const OUTCOMES_PER_INITIATIVE = 5;
const MEASUREMENTS_PER_OUTCOME = 10;

const engine = await createEngine({ projectDir: PROJECT_DIR, today: '2026-11-23' });

function timed<T>(label: string, work: () => T): T {
  const start = performance.now();
  const result = work();
  console.log(`${label.padEnd(72)} ${(performance.now() - start).toFixed(0).padStart(6)} ms`);
  return result;
}

function load(sobject: string, records: SfRecord[]): string[] {
  const ids: string[] = [];
  for (let i = 0; i < records.length; i += 200) {
    for (const result of engine.create(sobject, records.slice(i, i + 200), { allOrNone: true })) {
      if (!result.success) throw new Error(`${sobject}: ${JSON.stringify(result.errors)}`);
      ids.push(result.id!);
    }
  }
  return ids;
}

const day = (offset: number): string => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

const totalStart = performance.now();
const accounts = timed('load 1,000 accounts', () => load('Account', Array.from({ length: 1_000 }, (_, i) => ({ Name: `Account ${i}` }))));
const products = timed('load 20 products + standard prices', () => {
  const ids = load('Product2', Array.from({ length: 20 }, (_, i) => ({ Name: `Product ${i}`, IsActive: true, Lifecycle__c: i % 3 === 0 ? 'One_Time' : 'Renewable' })));
  load('PricebookEntry', ids.map((id, i) => ({ Pricebook2Id: engine.standardPricebookId, Product2Id: id, UnitPrice: 100 + i, IsActive: true })));
  return ids;
});
const opportunities = timed(`load ${OPPORTUNITIES.toLocaleString()} opportunities`, () =>
  load(
    'Opportunity',
    Array.from({ length: OPPORTUNITIES }, (_, i) => ({
      Name: `Deal ${i}`,
      AccountId: accounts[i % accounts.length],
      StageName: i % 3 === 0 ? 'Closed Won' : 'Prospecting',
      CloseDate: day(i % 700),
    })),
  ),
);
timed(`load ${(OPPORTUNITIES * LINES_PER_OPPORTUNITY).toLocaleString()} line items`, () =>
  load(
    'OpportunityLineItem',
    opportunities.flatMap((opportunityId, i) =>
      Array.from({ length: LINES_PER_OPPORTUNITY }, (_, j) => ({
        OpportunityId: opportunityId,
        Product2Id: products[(i + j) % products.length],
        Quantity: 1 + j,
        UnitPrice: 100,
        ServiceDate: day(i % 700),
      })),
    ),
  ),
);
const initiatives = timed(`load ${INITIATIVES.toLocaleString()} initiatives`, () =>
  load(
    'Initiative__c',
    Array.from({ length: INITIATIVES }, (_, i) => ({
      Name: `Initiative ${i}`,
      Account__c: accounts[i % accounts.length],
      Opportunity__c: opportunities[i * 3],
      Go_Live_Date__c: day(i % 365),
    })),
  ),
);
const outcomes = timed(`load ${(INITIATIVES * OUTCOMES_PER_INITIATIVE).toLocaleString()} outcome requirements`, () =>
  load(
    'Outcome_Requirement__c',
    initiatives.flatMap((initiativeId, i) =>
      Array.from({ length: OUTCOMES_PER_INITIATIVE }, (_, j) => ({
        Initiative__c: initiativeId,
        Description__c: `Outcome ${i}.${j}`,
        Priority__c: j === 0 ? 'Primary' : 'Secondary',
        Status__c: j === 0 && i % 4 === 0 ? 'Off Track' : 'On Track',
        Deadline_Type__c: 'Months_After_Go_Live',
        Deadline_Offset_Months__c: 12 + j,
        External_Id__c: `OUT-${i}-${j}`,
      })),
    ),
  ),
);
timed(`load ${(outcomes.length * MEASUREMENTS_PER_OUTCOME).toLocaleString()} measurements`, () =>
  load(
    'Measurement__c',
    outcomes.flatMap((outcomeId, i) =>
      Array.from({ length: MEASUREMENTS_PER_OUTCOME }, (_, j) => ({
        Outcome_Requirement__c: outcomeId,
        Measured_On__c: day(j * 30),
        Value__c: i + j,
        External_Id__c: `M-${i}-${j}`,
      })),
    ),
  ),
);
console.log(`${'total load'.padEnd(72)} ${(performance.now() - totalStart).toFixed(0).padStart(6)} ms\n`);

const queries: Array<[string, string]> = [
  [
    'won opportunities with account and line items (+ product fields)',
    `SELECT Id, Name, Amount, CloseDate, Account.Name, (SELECT Id, Quantity, TotalPrice, ServiceDate, Product2.Name, Product2.Lifecycle__c FROM OpportunityLineItems) FROM Opportunity WHERE IsWon = true`,
  ],
  [
    'initiatives with outcomes (formula Due_Date__c) and solution components',
    `SELECT Id, Name, Account__r.Name, Opportunity__r.CloseDate, Primary_Outcomes_Off_Track__c, (SELECT Id, Due_Date__c, Status__c, Measurement_Count__c FROM Outcome_Requirements__r), (SELECT Id FROM Solution_Components__r) FROM Initiative__c`,
  ],
  [
    'outcomes with their measurements (100,000 rows through child subqueries)',
    `SELECT Id, External_Id__c, Initiative__r.Go_Live_Date__c, (SELECT Measured_On__c, Value__c FROM Measurements__r ORDER BY Measured_On__c) FROM Outcome_Requirement__c`,
  ],
  ['measurements of one outcome (indexed by parent)', `SELECT Id, Value__c FROM Measurement__c WHERE Outcome_Requirement__c = '${outcomes[1234]}'`],
  ['measurement by external id (indexed)', `SELECT Id FROM Measurement__c WHERE External_Id__c = 'M-5000-3'`],
  ['semi-join: opportunities that have an initiative', `SELECT Id FROM Opportunity WHERE Id IN (SELECT Opportunity__c FROM Initiative__c)`],
  ['line items of renewable products closing in the last 90 days', `SELECT Id FROM OpportunityLineItem WHERE Product2.Lifecycle__c = 'Renewable' AND Opportunity.CloseDate = LAST_90_DAYS`],
  ['COUNT() of measurements in the last 90 days', `SELECT COUNT() FROM Measurement__c WHERE Measured_On__c = LAST_N_DAYS:90`],
  ['GROUP BY stage', `SELECT StageName, COUNT(Id), SUM(Amount) FROM Opportunity GROUP BY StageName`],
  ['ORDER BY parent field, LIMIT 2000', `SELECT Id, Name FROM Opportunity ORDER BY Account.Name, CloseDate DESC LIMIT 2000`],
];
for (const [label, soql] of queries) {
  const result = timed(label, () => engine.query(soql));
  console.log(`${''.padEnd(4)}→ totalSize ${result.totalSize}`);
}
// A second run of the formula-heavy query shows the per-version formula cache.
timed('initiatives with outcomes again (formula values cached until the next write)', () => engine.query(queries[1][1]));
