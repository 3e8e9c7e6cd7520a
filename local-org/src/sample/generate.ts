/**
 * The seeded sample-data generator: a believable B2B book of business (users, accounts, a product
 * catalogue, contracts, opportunities with line items, the initiatives and outcome requirements sales
 * entered) as `sf data tree` records, plus the measurements a customer would send as CSV.
 *
 * Pure: the same seed, sizes and `today` always give the same records (no clock, no Math.random).
 * Writing to disk lives in tree.ts and measurements.ts; both are re-exported here.
 */
import { addDays, addMonths, daysBetween, firstOfNextMonth, isIsoDate, yearOf } from './dates.js';
import { createRandom, deriveSeed, type Random } from './random.js';
import {
  ACCOUNT_TYPES,
  CONTRACT_STATUS_DRAFT,
  CSM_DEPARTMENT,
  CSM_ROLE,
  INDUSTRIES,
  LOST_STAGE,
  OPEN_STAGES,
  OPPORTUNITY_TYPES,
  WON_STAGE,
  type Industry,
  type Priority,
  type ValidationStatus,
} from './picklists.js';
import { CATALOGUE, DISCOUNTS, ENTERPRISE_EDITION, PROFESSIONAL_EDITION, SUPPORT_CODES, UNDATABLE_PRODUCT_CODE, type CatalogueProduct } from './catalogue.js';
import { COMPANY_PREFIXES, COMPANY_SIZES, COMPANY_WORDS, COUNTRIES, FIRST_NAMES, LAST_NAMES } from './names.js';
import { INITIATIVE_THEMES, OUTCOME_TEMPLATES, SHOWCASE_OUTCOMES, THEMES_BY_INDUSTRY, type InitiativeTheme, type OutcomeTemplate } from './initiatives.js';
import { measurementSeries, type OutcomeProfile } from './measurements.js';
import { KPI_LIBRARY, KPI_OF_TEMPLATE } from './kpis.js';
import { makeFees } from './fees.js';
import type { FieldValue, SampleData, SampleOptions, TreeRecord } from './records.js';

export { TREE_ORDER, type FieldValue, type SampleData, type SampleObject, type SampleOptions, type TreeRecord } from './records.js';
export { writeSampleTree, treeFiles, TREE_FILE_LIMIT, PLAN_FILE, type TreePlanEntry } from './tree.js';
export { measurementsCsv, writeBulkMeasurements, MEASUREMENTS_FILE, BAD_ROW_KINDS, type MeasurementRow, type OutcomeProfile } from './measurements.js';

export const DEFAULT_TODAY = '2026-11-23';
export const USER_DOMAIN = 'outcomes-demo.example';
export const PRICE_BOOK_NAME = 'Outcomes Price Book';
/** How the sample data names the org's Standard Price Book, which exists in every org and has no reference id. */
export const STANDARD_PRICE_BOOK_REF = '@StandardPriceBook';

const HISTORY_MONTHS = 30;
const TERMS = [12, 24, 36] as const;

type Deal = {
  accountIndex: number;
  theme: InitiativeTheme;
  /** docs/design.md example outcome that leads this deal's initiative. */
  showcaseOutcome?: string;
  stage: string;
  won: boolean;
  closeDate: string;
  ownerRef: string;
  type?: (typeof OPPORTUNITY_TYPES)[number];
  expectedGoLive?: string;
  contractRef?: string;
  undatableLine: boolean;
};

type Company = { name: string; prefix: string; industry: Industry; ownerRef: string; employees: number };

const ref = (type: string, index: number): string => `${type}Ref${index + 1}`;
const at = (referenceId: string): string => `@${referenceId}`;
const record = (type: string, referenceId: string, fields: Record<string, FieldValue | undefined>): TreeRecord => {
  const out: TreeRecord = { attributes: { type, referenceId } };
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) out[name] = value;
  return out;
};
const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));
const ascii = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

export function generateSampleData(options: SampleOptions): SampleData {
  validateOptions(options);
  const { seed, opportunities, today } = options;
  const rng = createRandom(seed);

  const repCount = Math.max(2, Math.round(Math.sqrt(opportunities) / 2));
  const csmCount = Math.max(3, Math.round(Math.sqrt(opportunities) / 1.5));
  const users = makeUsers(rng, repCount, csmCount);
  const repRefs = users.slice(0, repCount).map((user) => user.attributes.referenceId);
  const csmRefs = users.slice(repCount).map((user) => user.attributes.referenceId);

  const companies = makeCompanies(rng, Math.max(3, Math.round(opportunities / 3)), repRefs);
  const deals = makeDeals(rng, opportunities, companies, repRefs, today);
  const wonByAccount = groupWonDeals(deals, companies.length);

  const accounts = companies.map((company, index) =>
    record('Account', ref('Account', index), {
      Name: company.name,
      Type: wonByAccount[index].length > 0 ? ACCOUNT_TYPES[0] : ACCOUNT_TYPES[1],
      Industry: company.industry,
      BillingCountry: rng.weighted(COUNTRIES),
      NumberOfEmployees: company.employees,
      AnnualRevenue: Math.round((company.employees * rng.int(120, 450)) / 100) * 100_000,
      OwnerId: at(company.ownerRef),
    }),
  );

  const teamMembers = makeAccountTeams(rng, wonByAccount, csmRefs);
  const products = CATALOGUE.map((product, index) =>
    record('Product2', ref('Product2', index), {
      Name: product.name,
      ProductCode: product.code,
      Family: product.family,
      IsActive: product.active,
      Component_Type__c: product.componentType,
      Lifecycle__c: product.lifecycle,
      Default_Term_Months__c: product.defaultTermMonths,
    }),
  );
  const priceBookRef = ref('Pricebook2', 0);
  const priceBooks = [
    record('Pricebook2', priceBookRef, {
      Name: PRICE_BOOK_NAME,
      Description: 'List prices of the Outcomes demo catalogue',
      IsActive: true,
    }),
  ];
  // Salesforce wants a product's standard price before any other price book may list it. The standard price book
  // cannot be created by an import, so its entries name it by STANDARD_PRICE_BOOK_REF (see data/sample/README.md).
  const standardEntries = CATALOGUE.map((product, index) =>
    record('PricebookEntry', `Standard${ref('PricebookEntry', index)}`, {
      Pricebook2Id: STANDARD_PRICE_BOOK_REF,
      Product2Id: at(ref('Product2', index)),
      UnitPrice: product.listPrice,
      IsActive: product.active,
      UseStandardPrice: false,
    }),
  );
  const priceBookEntries = CATALOGUE.map((product, index) =>
    record('PricebookEntry', ref('PricebookEntry', index), {
      Pricebook2Id: at(priceBookRef),
      Product2Id: at(ref('Product2', index)),
      UnitPrice: product.listPrice,
      IsActive: product.active,
      UseStandardPrice: false,
    }),
  );

  const contracts = makeContracts(rng, deals, wonByAccount);
  markUndatableLines(deals);
  const { lineItems, amounts } = makeLineItems(rng, deals, companies);

  const opportunityRecords = deals.map((deal, index) =>
    record('Opportunity', ref('Opportunity', index), {
      Name: opportunityName(deal, companies[deal.accountIndex]),
      AccountId: at(ref('Account', deal.accountIndex)),
      StageName: deal.stage,
      CloseDate: deal.closeDate,
      Amount: amounts[index],
      Type: deal.type,
      Pricebook2Id: at(priceBookRef),
      ContractId: deal.contractRef ? at(deal.contractRef) : undefined,
      Expected_Go_Live_Date__c: deal.expectedGoLive,
      OwnerId: at(deal.ownerRef),
    }),
  );

  const kpis = KPI_LIBRARY.map((kpi, index) =>
    record('KPI__c', ref('KPI__c', index), {
      Name: kpi.name,
      KPI_Code__c: kpi.code,
      Category__c: kpi.category,
      Unit__c: kpi.unit,
      Better_Direction__c: kpi.better,
      Value_Chain_Stage__c: kpi.stage,
      Measurement_Method__c: kpi.method,
      Active__c: true,
    }),
  );
  const handover = makeInitiatives(rng, deals, companies);
  const measurementRng = createRandom(deriveSeed(seed, 'measurements'));
  const measurements = measurementSeries(measurementRng, handover.profiles, today);
  const dealOfInitiative = new Map(handover.initiatives.map((i) => [i.attributes.referenceId, String(i.Opportunity__c).slice(1)]));
  const amountOfDeal = new Map(opportunityRecords.map((o) => [o.attributes.referenceId, Number(o.Amount ?? 0)]));
  const fees = makeFees(createRandom(deriveSeed(seed, 'fees')), { ...handover, measurements, today }, (initiativeRef) => amountOfDeal.get(dealOfInitiative.get(initiativeRef) ?? '') ?? 0, { ref, record });

  return {
    options: { ...options },
    records: {
      User: users,
      Account: accounts,
      AccountTeamMember: teamMembers,
      Product2: products,
      Pricebook2: priceBooks,
      PricebookEntry: [...standardEntries, ...priceBookEntries],
      Contract: contracts,
      Opportunity: opportunityRecords,
      OpportunityLineItem: lineItems,
      KPI__c: kpis,
      Initiative__c: handover.initiatives,
      Outcome_Requirement__c: handover.outcomes,
      Fee_At_Risk__c: fees.fees,
      Fee_Tier__c: fees.tiers,
    },
    measurements,
    outcomeProfiles: handover.profiles,
  };
}

function validateOptions({ seed, opportunities, today }: SampleOptions): void {
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(opportunities) || opportunities < 1) {
    throw new Error(`opportunities must be a whole number of at least 1, got ${opportunities}`);
  }
  if (!isIsoDate(today)) throw new Error(`today must be a date in YYYY-MM-DD form (e.g. ${DEFAULT_TODAY}), got "${today}"`);
}

// ---- People and companies ----------------------------------------------------------------------

function makeUsers(rng: Random, reps: number, csms: number): TreeRecord[] {
  const usernames = new Set<string>();
  const aliases = new Set<string>();
  const users: TreeRecord[] = [];
  for (let index = 0; index < reps + csms; index++) {
    const isRep = index < reps;
    let first = rng.pick(FIRST_NAMES);
    let last = rng.pick(LAST_NAMES);
    for (let attempt = 0; attempt < 20 && usernames.has(`${ascii(first)}.${ascii(last)}`); attempt++) {
      first = rng.pick(FIRST_NAMES);
      last = rng.pick(LAST_NAMES);
    }
    const base = `${ascii(first)}.${ascii(last)}`;
    let local = base;
    for (let suffix = 2; usernames.has(local); suffix++) local = `${base}${suffix}`;
    usernames.add(local);
    const aliasBase = `${ascii(first)[0]}${ascii(last)}`.slice(0, 8);
    let alias = aliasBase;
    for (let suffix = 2; aliases.has(alias); suffix++) alias = `${aliasBase.slice(0, 8 - String(suffix).length)}${suffix}`;
    aliases.add(alias);
    users.push(
      record('User', ref('User', index), {
        Username: `${local}@${USER_DOMAIN}`,
        FirstName: first,
        LastName: last,
        Email: `${local}@${USER_DOMAIN}`,
        Alias: alias,
        Title: isRep ? 'Account Executive' : CSM_ROLE,
        Department: isRep ? 'Sales' : CSM_DEPARTMENT,
        IsActive: true,
        TimeZoneSidKey: 'America/Los_Angeles',
        LocaleSidKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
      }),
    );
  }
  return users;
}

function makeCompanies(rng: Random, count: number, repRefs: string[]): Company[] {
  const names = new Set<string>();
  const companies: Company[] = [];
  for (let index = 0; index < count; index++) {
    const industry = rng.pick(INDUSTRIES);
    const words = COMPANY_WORDS[industry];
    let prefix = '';
    let name = '';
    for (let attempt = 0; attempt < 30 && (name === '' || names.has(name)); attempt++) {
      prefix = rng.pick(COMPANY_PREFIXES);
      name = `${prefix} ${rng.pick(words.cores)} ${rng.pick(words.endings)}`;
    }
    const base = name;
    for (let suffix = 2; names.has(name); suffix++) name = `${base} ${suffix}`;
    names.add(name);
    const size = rng.weighted(COMPANY_SIZES.map((band) => [band, band.weight] as const));
    const employees = Math.round(rng.int(size.employees[0], size.employees[1]) / 10) * 10;
    companies.push({ name, prefix, industry, ownerRef: rng.pick(repRefs), employees });
  }
  return companies;
}

function makeAccountTeams(rng: Random, wonByAccount: number[][], csmRefs: string[]): TreeRecord[] {
  const members: TreeRecord[] = [];
  let customersSeen = 0;
  wonByAccount.forEach((won, accountIndex) => {
    if (won.length === 0) return;
    customersSeen++;
    // Most customers have a CSM on the account team; the second customer never does, so the
    // handover sync's fallback to a default CSM is exercised even in a tiny data set.
    if (customersSeen === 2 || rng.chance(0.15)) return;
    members.push(
      record('AccountTeamMember', ref('AccountTeamMember', members.length), {
        AccountId: at(ref('Account', accountIndex)),
        UserId: at(rng.pick(csmRefs)),
        TeamMemberRole: CSM_ROLE,
      }),
    );
  });
  return members;
}

// ---- Deals -------------------------------------------------------------------------------------

function makeDeals(rng: Random, count: number, companies: Company[], repRefs: string[], today: string): Deal[] {
  const historyDays = daysBetween(addMonths(today, -HISTORY_MONTHS), today);
  const deals: Deal[] = [];
  for (let index = 0; index < count; index++) {
    // Every account gets a deal first, then deals spread at random (some accounts buy often).
    const accountIndex = index < companies.length ? index : rng.int(0, companies.length - 1);
    // The first deal is always won, so even a one-deal data set has a handover to show.
    const outcome = index === 0 ? 'won' : rng.weighted([['won', 50], ['lost', 20], ['open', 30]] as const);
    const closed = outcome !== 'open';
    const closeDate = closed ? addDays(today, -rng.int(1, historyDays)) : addDays(today, rng.int(7, 270));
    const stage = outcome === 'won' ? WON_STAGE : outcome === 'lost' ? LOST_STAGE : rng.pick(OPEN_STAGES);
    const company = companies[accountIndex];
    const goLiveChance = outcome === 'won' ? 0.6 : outcome === 'open' ? 0.4 : 0;
    deals.push({
      accountIndex,
      theme: themeFor(company, rng.int(0, 2)),
      stage,
      won: outcome === 'won',
      closeDate,
      ownerRef: rng.chance(0.85) ? company.ownerRef : rng.pick(repRefs),
      expectedGoLive: rng.chance(goLiveChance) ? addDays(closeDate, rng.int(60, 180)) : undefined,
      undatableLine: false,
    });
  }
  // The first deal of an account (by close date) is new business; later ones build on it.
  const byAccount = new Map<number, Deal[]>();
  for (const deal of deals) byAccount.set(deal.accountIndex, [...(byAccount.get(deal.accountIndex) ?? []), deal]);
  for (const accountDeals of byAccount.values()) {
    accountDeals
      .slice()
      .sort((a, b) => a.closeDate.localeCompare(b.closeDate))
      .forEach((deal, order) => (deal.type = order === 0 ? OPPORTUNITY_TYPES[0] : OPPORTUNITY_TYPES[1]));
  }
  placeShowcaseOutcomes(deals);
  return deals;
}

/**
 * docs/design.md's three example outcomes lead the initiatives of won deals 1, 4 and 5 whatever the seed
 * (deals 2 and 3 carry the deliberate handover gaps).
 */
function placeShowcaseOutcomes(deals: Deal[]): void {
  const won = deals.filter((deal) => deal.won);
  const hosts = [won[0], won[3] ?? won[1], won[4] ?? won[2]];
  SHOWCASE_OUTCOMES.forEach((key, index) => {
    const host = hosts[index];
    if (!host || host.showcaseOutcome) return;
    host.theme = INITIATIVE_THEMES.find((theme) => theme.outcomes[0] === key) ?? host.theme;
    host.showcaseOutcome = key;
  });
}

function groupWonDeals(deals: Deal[], accountCount: number): number[][] {
  const won: number[][] = Array.from({ length: accountCount }, () => []);
  deals.forEach((deal, index) => deal.won && won[deal.accountIndex].push(index));
  return won;
}

function opportunityName(deal: Deal, company: Company): string {
  const suffix = deal.type === OPPORTUNITY_TYPES[0] ? '' : ': expansion';
  return `${company.name} – ${deal.theme.name}${suffix}`;
}

function themeFor(company: Company, choice: number): InitiativeTheme {
  const keys = THEMES_BY_INDUSTRY[company.industry];
  const key = keys[choice % keys.length];
  return INITIATIVE_THEMES.find((theme) => theme.key === key) as InitiativeTheme;
}

function makeContracts(rng: Random, deals: Deal[], wonByAccount: number[][]): TreeRecord[] {
  const contracts: TreeRecord[] = [];
  wonByAccount.forEach((won, accountIndex) => {
    if (won.length === 0 || (contracts.length > 0 && !rng.chance(0.4))) return;
    const ordered = won.slice().sort((a, b) => deals[a].closeDate.localeCompare(deals[b].closeDate));
    const first = deals[ordered[0]];
    const startDate = firstOfNextMonth(first.closeDate);
    const term = rng.pick(TERMS);
    const contractRef = ref('Contract', contracts.length);
    contracts.push(
      record('Contract', contractRef, {
        AccountId: at(ref('Account', accountIndex)),
        Status: CONTRACT_STATUS_DRAFT,
        StartDate: startDate,
        ContractTerm: term,
      }),
    );
    first.contractRef = contractRef;
    // Add-ons bought during the contract are usually co-termed onto it.
    const endDate = addMonths(startDate, term);
    for (const index of ordered.slice(1)) {
      const deal = deals[index];
      if (deal.closeDate < endDate && rng.chance(0.7)) deal.contractRef = contractRef;
    }
  });
  return contracts;
}

/** Two won deals without a contract get a renewable line nobody can date (no term anywhere). */
function markUndatableLines(deals: Deal[]): void {
  deals
    .filter((deal) => deal.won && !deal.contractRef)
    .slice(0, 2)
    .forEach((deal) => (deal.undatableLine = true));
}

// ---- Line items --------------------------------------------------------------------------------

function makeLineItems(rng: Random, deals: Deal[], companies: Company[]): { lineItems: TreeRecord[]; amounts: number[] } {
  const byCode = new Map(CATALOGUE.map((product, index) => [product.code, { product, index }]));
  const sellable = CATALOGUE.map((product, index) => ({ product, index })).filter(({ product }) => product.active);
  const addOnPool = sellable.filter(
    ({ product }) =>
      product.code !== ENTERPRISE_EDITION &&
      product.code !== PROFESSIONAL_EDITION &&
      !(SUPPORT_CODES as readonly string[]).includes(product.code) &&
      product.code !== UNDATABLE_PRODUCT_CODE,
  );
  const lineItems: TreeRecord[] = [];
  const amounts: number[] = [];

  deals.forEach((deal, dealIndex) => {
    const company = companies[deal.accountIndex];
    const lineCount = rng.weighted([[3, 15], [4, 20], [5, 30], [6, 20], [7, 15]] as const);
    const chosen: Array<{ product: CatalogueProduct; index: number }> = [];
    const add = (code: string): void => {
      const entry = byCode.get(code);
      if (entry && !chosen.includes(entry)) chosen.push(entry);
    };
    if (deal.type === OPPORTUNITY_TYPES[0]) {
      add(company.employees > 2_000 ? ENTERPRISE_EDITION : PROFESSIONAL_EDITION);
      if (rng.chance(0.85)) add(rng.pick(SUPPORT_CODES));
    }
    if (deal.undatableLine || rng.chance(0.12)) add(UNDATABLE_PRODUCT_CODE);
    for (const entry of rng.sample(addOnPool, lineCount)) if (chosen.length < lineCount) add(entry.product.code);

    const discount = rng.pick(DISCOUNTS);
    let amountCents = 0;
    for (const { product, index } of chosen) {
      const quantity = lineQuantity(rng, product);
      const unitPrice = round(product.listPrice * (1 - discount), 2);
      amountCents += Math.round(quantity * unitPrice * 100);
      const serviceDate = rng.chance(0.5) ? addDays(deal.closeDate, rng.int(0, 45)) : undefined;
      const start = serviceDate ?? deal.closeDate;
      const deliberatelyUndatable = deal.undatableLine && product.code === UNDATABLE_PRODUCT_CODE;
      let term: number | undefined;
      let endDate: string | undefined;
      if (product.lifecycle === 'Renewable' && !deliberatelyUndatable) {
        // The connector pack has no default term, so its lines always carry one (except the deliberate two).
        if (product.code === UNDATABLE_PRODUCT_CODE || rng.chance(0.35)) term = rng.pick(TERMS);
        else if (rng.chance(0.05)) endDate = addDays(addMonths(start, rng.int(11, 30)), -1);
      } else if (product.lifecycle === 'Planned Temporary' && rng.chance(0.6)) {
        endDate = addDays(addMonths(start, 6), -1);
      }
      lineItems.push(
        record('OpportunityLineItem', ref('OpportunityLineItem', lineItems.length), {
          OpportunityId: at(ref('Opportunity', dealIndex)),
          PricebookEntryId: at(ref('PricebookEntry', index)),
          Quantity: quantity,
          UnitPrice: unitPrice,
          ServiceDate: serviceDate,
          Term_Months__c: term,
          End_Date__c: endDate,
          Role_In_Solution__c: rng.chance(0.55) ? product.role : undefined,
        }),
      );
    }
    amounts.push(amountCents / 100);
  });
  return { lineItems, amounts };
}

function lineQuantity(rng: Random, product: CatalogueProduct): number {
  const [min, max] = product.quantity;
  const quantity = rng.int(min, max);
  // Seats are sold in fives once there are more than a handful.
  return quantity > 20 ? Math.round(quantity / 5) * 5 : quantity;
}

// ---- Initiatives and outcome requirements ---------------------------------------------------------

function makeInitiatives(
  rng: Random,
  deals: Deal[],
  companies: Company[],
): { initiatives: TreeRecord[]; outcomes: TreeRecord[]; profiles: OutcomeProfile[] } {
  // Sales entered an initiative on part of the won deals (always the first five, which carry the
  // showcase outcomes and the deliberate gaps); the handover sync creates the rest.
  let wonSeen = 0;
  const planned = deals.flatMap((deal, dealIndex) => (deal.won && (wonSeen++ < 5 || rng.chance(0.6)) ? [dealIndex] : []));

  const templates = new Map(OUTCOME_TEMPLATES.map((template) => [template.key, template]));
  const initiatives: TreeRecord[] = [];
  const outcomes: TreeRecord[] = [];
  const profiles: OutcomeProfile[] = [];
  const namesByAccount = new Map<number, Set<string>>();

  planned.forEach((dealIndex, index) => {
    const deal = deals[dealIndex];
    const theme = deal.theme;
    const company = companies[deal.accountIndex];
    const initiativeRef = ref('Initiative__c', index);
    // Fixed gaps at the second and third initiative (plus a few at random) so the handover report shows them.
    const lacksPurpose = index === 1 || (index > 3 && rng.chance(0.1));
    const lacksPrimary = index === 2 || (index > 3 && rng.chance(0.08));
    const goLive = rng.chance(0.6) ? (deal.expectedGoLive ?? addDays(deal.closeDate, rng.int(60, 150))) : undefined;

    const taken = namesByAccount.get(deal.accountIndex) ?? new Set<string>();
    let name = `${theme.name} – ${company.prefix}`;
    for (let phase = 2; taken.has(name); phase++) name = `${theme.name} – ${company.prefix} (Phase ${phase})`;
    taken.add(name);
    namesByAccount.set(deal.accountIndex, taken);

    initiatives.push(
      record('Initiative__c', initiativeRef, {
        Name: name,
        Account__c: at(ref('Account', deal.accountIndex)),
        Opportunity__c: at(ref('Opportunity', dealIndex)),
        Purpose__c: lacksPurpose ? undefined : theme.purpose,
        Strategic_Alignment__c: rng.chance(0.85) ? theme.strategicAlignment : undefined,
        Challenges__c: rng.chance(0.75) ? theme.challenges : undefined,
        Go_Live_Date__c: goLive,
        Status__c: 'Handover',
        Program__c: theme.name,
      }),
    );

    const count = Math.min(theme.outcomes.length, rng.weighted([[1, 15], [2, 35], [3, 35], [4, 15]] as const));
    const lead = deal.showcaseOutcome ?? theme.outcomes[0];
    const keys = [lead, ...rng.sample(theme.outcomes.filter((key) => key !== lead), count - 1)];
    keys.forEach((key, position) => {
      const template = templates.get(key) as OutcomeTemplate;
      const number = outcomes.length + 1;
      const externalId = `OUT-${String(number).padStart(6, '0')}`;
      const priority: Priority = !lacksPrimary && (position === 0 || rng.chance(0.25)) ? 'Primary' : 'Secondary';
      const validation: ValidationStatus = rng.chance(0.6) ? 'Stated by Customer' : 'Assumed_Needs_Validation';
      const quantity = outcomeQuantity(rng, template);
      const deadline = outcomeDeadline(template, deal.closeDate);
      outcomes.push(
        record('Outcome_Requirement__c', ref('Outcome_Requirement__c', outcomes.length), {
          Initiative__c: at(initiativeRef),
          Description__c: template.description.replace('{subject}', template.subjects ? rng.pick(template.subjects) : ''),
          Priority__c: priority,
          Validation_Status__c: validation,
          Quantity_Type__c: template.quantityType,
          Direction__c: template.direction,
          Baseline_Value__c: quantity.baseline,
          Target_Value__c: quantity.target,
          Unit__c: template.unit,
          Deadline_Type__c: template.deadline,
          Deadline_Date__c: deadline.date,
          Deadline_Offset_Months__c: deadline.offsetMonths,
          // A few outcomes were written down without saying how they will be measured.
          Measurement_Method__c: rng.chance(0.06) ? undefined : template.method,
          External_Id__c: externalId,
          // The library KPI the template measures; who answers for the result, without drawing from the generator
          // (so adding it changed no other value of the book): the customer for every fourth outcome, else the vendor.
          KPI__c: at(kpiRefOf(key)),
          Responsible_Party__c: number % 4 === 0 ? 'Customer' : 'Vendor',
        }),
      );
      const start = goLive ?? deal.closeDate;
      profiles.push({
        externalId,
        template,
        baseline: quantity.baseline,
        targetValue: quantity.targetValue,
        start,
        due: deadline.date ?? (deadline.offsetMonths !== undefined ? addMonths(start, deadline.offsetMonths) : addMonths(start, 12)),
        // Some outcomes have no measurement yet (status No Data); never the showcase ones.
        measured: (position === 0 && deal.showcaseOutcome !== undefined) || !rng.chance(0.12),
      });
    });
  });
  return { initiatives, outcomes, profiles };
}

function kpiRefOf(templateKey: string): string {
  const index = KPI_LIBRARY.findIndex((kpi) => kpi.code === KPI_OF_TEMPLATE[templateKey]);
  if (index < 0) throw new Error(`sample: outcome template ${templateKey} has no KPI in the library`);
  return ref('KPI__c', index);
}

function outcomeQuantity(rng: Random, template: OutcomeTemplate): { baseline: number; target: number; targetValue: number } {
  const [low, high] = template.baseline;
  const baseline = round(low + rng.next() * (high - low), template.decimals);
  if (template.quantityType === 'Relative_Percent') {
    const percent = template.percent as number;
    const factor = template.direction === 'Increase' ? 1 + percent / 100 : 1 - percent / 100;
    return { baseline, target: percent, targetValue: baseline * factor };
  }
  if (template.direction === 'At Most' || template.direction === 'At Least') {
    const threshold = template.threshold as number;
    return { baseline, target: threshold, targetValue: threshold };
  }
  const [deltaLow, deltaHigh] = template.delta as readonly [number, number];
  const delta = Math.max(round(deltaLow + rng.next() * (deltaHigh - deltaLow), template.decimals), 10 ** -template.decimals);
  const target = round(template.direction === 'Increase' ? baseline + delta : baseline - delta, template.decimals);
  return { baseline, target, targetValue: target };
}

function outcomeDeadline(template: OutcomeTemplate, closeDate: string): { date?: string; offsetMonths?: number } {
  if (template.deadline === 'Date') return { date: `${yearOf(closeDate) + (template.deadlineYears ?? 1)}-12-31` };
  if (template.deadline === 'Months_After_Go_Live') return { offsetMonths: template.deadlineMonths ?? 12 };
  return {};
}
