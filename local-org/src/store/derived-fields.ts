/**
 * Fields the platform sets on standard objects when a record is saved: IsWon/IsClosed and default
 * probability from the stage, person names, a line item's product, list price and total price, a price book
 * entry's standard-price rule. Returns errors Salesforce would give for an inconsistent record.
 */
import type { SaveError } from '../engine/types.js';
import { CONTRACT_STATUS_CODE, FORECAST_CATEGORY, OPPORTUNITY_STAGES } from '../schema/standard/objects.js';
import { saveError } from './field-values.js';
import type { RecordStore, StoredRecord } from './record-store.js';

export type DerivationContext = {
  store: RecordStore;
  /** Field names the caller sent (so a default only fills what the caller left out). */
  provided: Set<string>;
  previous?: StoredRecord;
  standardPricebookId: () => string;
};

type Candidate = Record<string, unknown>;

const round2 = (n: number): number => Math.round(n * 100) / 100;

function fullName(record: Candidate): string {
  return [record.FirstName, record.LastName].filter((part) => typeof part === 'string' && part !== '').join(' ');
}

export function deriveStandardFields(object: string, record: Candidate, context: DerivationContext): SaveError[] {
  switch (object) {
    case 'User':
    case 'Contact':
      record.Name = fullName(record);
      // The platform makes up a nickname when none is given; the username's local part keeps saves reproducible.
      if (object === 'User' && !record.CommunityNickname) record.CommunityNickname = String(record.Username ?? '').split('@')[0].slice(0, 40);
      return [];
    case 'Opportunity':
      return deriveOpportunity(record, context);
    case 'OpportunityLineItem':
      return deriveLineItem(record, context);
    case 'PricebookEntry':
      return derivePricebookEntry(record, context);
    case 'Task':
      record.IsClosed = record.Status === 'Completed';
      record.IsHighPriority = record.Priority === 'High';
      record.AccountId = activityAccount(record, context.store);
      record.WhatCount = record.WhatId ? 1 : 0;
      record.WhoCount = record.WhoId ? 1 : 0;
      return [];
    case 'Contract':
      record.StatusCode = CONTRACT_STATUS_CODE[String(record.Status)] ?? null;
      return [];
    case 'Pricebook2':
      record.IsStandard = context.previous?.IsStandard ?? false;
      return [];
    default:
      return [];
  }
}

function deriveOpportunity(record: Candidate, context: DerivationContext): SaveError[] {
  const stage = OPPORTUNITY_STAGES.find((s) => s.stage === record.StageName);
  const stageChanged = !context.previous || context.previous.StageName !== record.StageName;
  record.IsWon = stage?.won ?? false;
  record.IsClosed = stage?.closed ?? false;
  if (stage && stageChanged) {
    if (!context.provided.has('Probability')) record.Probability = stage.probability;
    if (!context.provided.has('ForecastCategoryName')) record.ForecastCategoryName = stage.forecast;
  }
  // With products, Amount is the sum of the lines (kept by the writer); a written Amount does not stick.
  if (context.previous?.HasOpportunityLineItem) record.Amount = context.previous.Amount;
  record.HasOpportunityLineItem = context.previous?.HasOpportunityLineItem ?? false;
  deriveForecastAndFiscal(record);
  return [];
}

/** ForecastCategory from ForecastCategoryName, ExpectedRevenue, and the calendar fiscal period of CloseDate. */
export function deriveForecastAndFiscal(record: Candidate): void {
  record.ForecastCategory = FORECAST_CATEGORY[String(record.ForecastCategoryName)] ?? null;
  const amount = record.Amount;
  const probability = record.Probability;
  record.ExpectedRevenue = typeof amount === 'number' && typeof probability === 'number' ? round2((amount * probability) / 100) : null;
  const close = /^(\d{4})-(\d{2})/.exec(String(record.CloseDate ?? ''));
  if (close) {
    const quarter = Math.ceil(Number(close[2]) / 3);
    record.FiscalYear = Number(close[1]);
    record.FiscalQuarter = quarter;
    record.Fiscal = `${close[1]} ${quarter}`;
  } else {
    record.FiscalYear = record.FiscalQuarter = record.Fiscal = null;
  }
}

/** Task.AccountId: the account of WhatId when it is an Account, Opportunity or Contract, else of a contact WhoId. */
function activityAccount(record: Candidate, store: RecordStore): string | null {
  const what = typeof record.WhatId === 'string' ? record.WhatId : '';
  if (what.startsWith('001')) return what;
  for (const [prefix, object] of [['006', 'Opportunity'], ['800', 'Contract']] as const) {
    if (what.startsWith(prefix)) return (store.get(object, what)?.AccountId as string | null | undefined) ?? null;
  }
  const who = typeof record.WhoId === 'string' ? record.WhoId : '';
  if (who.startsWith('003')) return (store.get('Contact', who)?.AccountId as string | null | undefined) ?? null;
  return null;
}

function deriveLineItem(record: Candidate, context: DerivationContext): SaveError[] {
  const { store, provided, previous } = context;
  if (!previous) {
    const opportunity = store.get('Opportunity', String(record.OpportunityId));
    if (!opportunity) return []; // reported by the reference check
    let entry: StoredRecord | undefined;
    if (record.PricebookEntryId) {
      entry = store.get('PricebookEntry', String(record.PricebookEntryId));
      if (!entry) return [];
      if (record.Product2Id && record.Product2Id !== entry.Product2Id) {
        return [
          saveError(
            'FIELD_INTEGRITY_EXCEPTION',
            `field integrity exception: Product2Id (${String(record.Product2Id)} is not the product of price book entry ${entry.Id})`,
            ['Product2Id'],
          ),
        ];
      }
    } else if (record.Product2Id) {
      const pricebookId = (opportunity.Pricebook2Id as string | null) ?? context.standardPricebookId();
      const entries = store.table('PricebookEntry').childrenOf('Product2Id', String(record.Product2Id));
      entry = [...entries].map((id) => store.get('PricebookEntry', id)!).find((e) => e.Pricebook2Id === pricebookId && e.IsActive);
      if (!entry) {
        return [
          saveError(
            'FIELD_INTEGRITY_EXCEPTION',
            `field integrity exception: Product2Id (no active price book entry for product ${String(record.Product2Id)} in price book ${pricebookId}; create one or give PricebookEntryId)`,
            ['Product2Id'],
          ),
        ];
      }
    } else {
      return [saveError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [PricebookEntryId]', ['PricebookEntryId'])];
    }
    if (opportunity.Pricebook2Id && opportunity.Pricebook2Id !== entry.Pricebook2Id) {
      return [
        saveError(
          'FIELD_INTEGRITY_EXCEPTION',
          `field integrity exception: PricebookEntryId (pricebook entry is in a different pricebook than the one assigned to the opportunity ${opportunity.Id})`,
          ['PricebookEntryId'],
        ),
      ];
    }
    const product = store.get('Product2', String(entry.Product2Id));
    record.PricebookEntryId = entry.Id;
    record.Product2Id = entry.Product2Id;
    record.ListPrice = entry.UnitPrice;
    record.ProductCode = product?.ProductCode ?? null;
    record.Name = `${String(opportunity.Name)} ${String(product?.Name ?? '')}`.trim();
  }
  const quantity = Number(record.Quantity);
  if (provided.has('UnitPrice') && provided.has('TotalPrice') && record.UnitPrice !== null && record.TotalPrice !== null) {
    return [
      saveError('FIELD_INTEGRITY_EXCEPTION', 'field integrity exception: TotalPrice (only one of unit price or total price may be specified)', [
        'TotalPrice',
      ]),
    ];
  }
  // A discount comes off the subtotal (Quantity × UnitPrice); a given TotalPrice is after the discount.
  const kept = 1 - (typeof record.Discount === 'number' ? record.Discount : 0) / 100;
  if (provided.has('TotalPrice') && record.TotalPrice !== null) {
    record.UnitPrice = quantity && kept ? round2(Number(record.TotalPrice) / quantity / kept) : 0;
  } else if (record.UnitPrice === null || record.UnitPrice === undefined) {
    return [saveError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [UnitPrice]', ['UnitPrice'])];
  } else {
    record.TotalPrice = round2(quantity * Number(record.UnitPrice) * kept);
  }
  record.Subtotal = round2(quantity * Number(record.UnitPrice));
  return [];
}

function derivePricebookEntry(record: Candidate, context: DerivationContext): SaveError[] {
  const { store, previous } = context;
  const product = store.get('Product2', String(record.Product2Id));
  record.Name = product?.Name ?? null;
  record.ProductCode = product?.ProductCode ?? null;
  if (previous || !product) return [];
  const standardId = context.standardPricebookId();
  const sameProduct = [...store.table('PricebookEntry').childrenOf('Product2Id', product.Id)].map((id) => store.get('PricebookEntry', id)!);
  if (sameProduct.some((e) => e.Pricebook2Id === record.Pricebook2Id)) {
    return [saveError('DUPLICATE_VALUE', 'This price definition already exists in this price book', [])];
  }
  if (record.Pricebook2Id !== standardId) {
    const standard = sameProduct.find((e) => e.Pricebook2Id === standardId);
    if (!standard) {
      return [
        saveError('STANDARD_PRICE_NOT_DEFINED', `No standard price defined for this product (${String(product.Name)}); add it to the Standard Price Book first.`, []),
      ];
    }
    if (record.UseStandardPrice) record.UnitPrice = standard.UnitPrice;
  }
  return [];
}
