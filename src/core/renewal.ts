/**
 * Renewal dates and annual values of bill-of-materials lines (docs/design.md, "Rules of the domain": Renewal date).
 */
import { addDays, addMonths, isBefore, type IsoDate } from './dates.js';
import { fieldsOf, OpportunityLineItemFields, Product2Fields, type Lifecycle } from './model.js';
import { roundTo } from './numbers.js';

const LINE = fieldsOf(OpportunityLineItemFields);
const PRODUCT = fieldsOf(Product2Fields);

export type RenewalInputs = {
  /** OpportunityLineItem.End_Date__c */
  readonly endDate?: IsoDate | null;
  /** Contract.EndDate of the Opportunity's contract */
  readonly contractEndDate?: IsoDate | null;
  /** OpportunityLineItem.ServiceDate */
  readonly serviceDate?: IsoDate | null;
  /** Opportunity.CloseDate */
  readonly closeDate?: IsoDate | null;
  /** OpportunityLineItem.Term_Months__c */
  readonly termMonths?: number | null;
  /** Product2.Default_Term_Months__c */
  readonly productDefaultTermMonths?: number | null;
};

export type RenewalBasis = 'line end date' | 'contract end date' | 'term';

export type LineRenewal = { readonly date: IsoDate; readonly basis: RenewalBasis } | { readonly date: null; readonly reason: string };

/**
 * The line's own end date; else its Contract's end date; else the end of its term: start (ServiceDate,
 * else the Opportunity's CloseDate) plus the term's months (ADDMONTHS, as Salesforce dates a Contract's
 * end) minus one day. When none applies the reason says what to fill in: a renewal is never guessed.
 */
export function renewalDateOfLine(line: RenewalInputs): LineRenewal {
  if (line.endDate) return { date: line.endDate, basis: 'line end date' };
  if (line.contractEndDate) return { date: line.contractEndDate, basis: 'contract end date' };

  const start = line.serviceDate ?? line.closeDate ?? null;
  const term = line.termMonths ?? line.productDefaultTermMonths ?? null;
  const missing: string[] = [];
  if (start === null) missing.push('start (ServiceDate on the line or CloseDate on the Opportunity)');
  if (term === null) missing.push(`term (${LINE.Term_Months__c} on the line or ${PRODUCT.Default_Term_Months__c} on the product)`);
  if (start === null || term === null) {
    return {
      date: null,
      reason: `No renewal date: the line has no ${LINE.End_Date__c}, no Contract end date, and no ${missing.join(' and no ')}: set an end date or a term on the line`,
    };
  }
  if (!Number.isInteger(term) || term <= 0) {
    return { date: null, reason: `No renewal date: the term of ${term} months is not a whole number of months above 0; correct ${LINE.Term_Months__c} or ${PRODUCT.Default_Term_Months__c}` };
  }
  return { date: addDays(addMonths(start, term), -1), basis: 'term' };
}

/**
 * What a renewable line is worth a year: its total price spread over its term (a 24-month line of 2,400 is
 * 1,200 a year); a line of unknown term counts its total price as one year. Non-renewable lines have none.
 */
export function annualValueOfLine(
  totalPrice: number | null | undefined,
  termMonths: number | null | undefined,
  lifecycle: Lifecycle | null | undefined,
): number | null {
  if (lifecycle !== 'Renewable' || totalPrice == null) return null;
  if (termMonths == null || termMonths <= 0) return totalPrice;
  return roundTo((totalPrice * 12) / termMonths, 2);
}

export type RenewingComponent = {
  readonly Lifecycle__c?: Lifecycle | null;
  readonly Renewal_Date__c?: IsoDate | null;
};

/** The earliest renewal on or after `today` among Renewable lines; Planned Temporary and One-Time lines never renew. */
export function nextRenewalDate(components: readonly RenewingComponent[], today: IsoDate): IsoDate | null {
  let next: IsoDate | null = null;
  for (const component of components) {
    const date = component.Renewal_Date__c;
    if (component.Lifecycle__c !== 'Renewable' || !date || isBefore(date, today)) continue;
    if (next === null || isBefore(date, next)) next = date;
  }
  return next;
}
