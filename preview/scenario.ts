/**
 * The local org the preview and the browser tests run on: the shipped sample book of business, as a CS-ops day leaves
 * it (measurements imported, a bill of materials per initiative, a few lines linked to outcomes). Written straight
 * through the engine: the CLI's own path to this state is `npm start`; here it only has to be quick and the same
 * every time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startLocalOrg, type LocalOrg } from '../local-org/src/index.js';
import { PROJECT_ROOT } from '../scripts/lwc/build.js';
import { annualValueOfLine, nextRenewalDate, renewalDateOfLine } from '../src/core/renewal.js';

const asUser = { allOrNone: false } as const;

type Row = Record<string, unknown>;

function rows(org: LocalOrg, soql: string): Row[] {
  return org.engine.query(soql).records as Row[];
}

function importMeasurements(org: LocalOrg): number {
  const outcomeIds = new Map(rows(org, 'SELECT Id, External_Id__c FROM Outcome_Requirement__c').map((r) => [r.External_Id__c as string, r.Id as string]));
  const [, ...lines] = readFileSync(path.join(PROJECT_ROOT, 'data', 'sample', 'measurements.csv'), 'utf8').trim().split(/\r?\n/);
  const records = lines
    .map((line) => line.split(','))
    .filter(([outcome, measuredOn, value]) => outcomeIds.has(outcome) && /^\d{4}-\d{2}-\d{2}$/.test(measuredOn) && Number.isFinite(Number(value)) && value !== '')
    .map(([outcome, measuredOn, value, source, notes, externalId]) => ({
      Outcome_Requirement__c: outcomeIds.get(outcome),
      Measured_On__c: measuredOn,
      Value__c: Number(value),
      Source__c: source || null,
      Notes__c: notes || null,
      External_Id__c: externalId,
    }));
  // The sample file has bad rows on purpose (the import reports them); the engine refuses those, the rest stand.
  return org.engine.create('Measurement__c', records, asUser).filter((r) => r.success).length;
}

/**
 * One Solution_Component__c per line item of each initiative's won opportunity, as the handover sync writes them, with
 * the renewal date and annual value `renewals sync` gives renewable lines (the domain core's rules), and each
 * initiative's Next_Renewal_Date__c: the renewal radar has renewals to show.
 */
function writeBillsOfMaterials(org: LocalOrg, today: string): void {
  const initiatives = rows(org, 'SELECT Id, Opportunity__c, Opportunity__r.CloseDate FROM Initiative__c WHERE Opportunity__c != null');
  for (const initiative of initiatives) {
    const lines = rows(
      org,
      `SELECT Id, Product2.Name, Product2.Component_Type__c, Product2.Lifecycle__c, Product2.Default_Term_Months__c, Quantity, TotalPrice, ServiceDate, End_Date__c, Term_Months__c FROM OpportunityLineItem WHERE OpportunityId = '${initiative.Opportunity__c as string}'`,
    );
    const closeDate = ((initiative.Opportunity__r ?? {}) as Row).CloseDate as string | null;
    const components = lines.map((line) => {
      const product = (line.Product2 ?? {}) as Row;
      const lifecycle = (product.Lifecycle__c ?? null) as 'Renewable' | 'Planned Temporary' | 'One_Time' | null;
      const termMonths = (line.Term_Months__c ?? product.Default_Term_Months__c ?? null) as number | null;
      const renewal = renewalDateOfLine({
        endDate: line.End_Date__c as string | null,
        serviceDate: line.ServiceDate as string | null,
        closeDate,
        termMonths: line.Term_Months__c as number | null,
        productDefaultTermMonths: product.Default_Term_Months__c as number | null,
      });
      return {
        Name: String(product.Name ?? 'Line').slice(0, 80),
        Initiative__c: initiative.Id,
        Source_Line_Item_Id__c: line.Id,
        Component_Type__c: product.Component_Type__c ?? null,
        Lifecycle__c: lifecycle,
        Quantity__c: line.Quantity,
        Total_Price__c: line.TotalPrice,
        Renewal_Date__c: lifecycle === 'Renewable' ? renewal.date : null,
        Annual_Value__c: annualValueOfLine(line.TotalPrice as number | null, termMonths, lifecycle),
      };
    });
    const ids = org.engine.create('Solution_Component__c', components, asUser).filter((r) => r.success).map((r) => r.id as string);
    const next = nextRenewalDate(components, today);
    if (next) org.engine.update('Initiative__c', [{ Id: initiative.Id, Next_Renewal_Date__c: next }], asUser);
    // The first line serves the initiative's first primary outcome: the tracker shows a link from the start.
    const [outcome] = rows(org, `SELECT Id FROM Outcome_Requirement__c WHERE Initiative__c = '${initiative.Id as string}' AND Priority__c = 'Primary' ORDER BY Name LIMIT 1`);
    if (outcome && ids[0]) {
      org.engine.create('Outcome_Component__c', [{ Outcome_Requirement__c: outcome.Id, Solution_Component__c: ids[0], Contribution__c: 'Delivers the capability the outcome depends on' }], asUser);
    }
  }
}

export type Scenario = { org: LocalOrg; initiativeIds: string[]; accountIds: string[]; opportunityIds: string[]; measurements: number };

export async function startScenario(options: { port?: number; today?: string } = {}): Promise<Scenario> {
  // The org's today is the real one: a measurement logged today in the browser must not be "in the future" to the org.
  const org = await startLocalOrg({ projectDir: PROJECT_ROOT, dataDir: 'data/sample', today: options.today, port: options.port ?? 0 });
  const measurements = importMeasurements(org);
  // Renewals from the date the browser calls today (same machine, same time zone), as the radar will ask.
  writeBillsOfMaterials(org, options.today ?? new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()));
  const initiatives = rows(org, 'SELECT Id, Account__c, Opportunity__c FROM Initiative__c ORDER BY Name');
  return {
    org,
    initiativeIds: initiatives.map((i) => i.Id as string),
    accountIds: [...new Set(initiatives.map((i) => i.Account__c as string))],
    opportunityIds: [...new Set(initiatives.map((i) => i.Opportunity__c as string).filter(Boolean))],
    measurements,
  };
}
