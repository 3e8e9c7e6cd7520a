/**
 * Picklist values as people type them. A CSV column or a flag may hold a value's API name
 * (Relative_Percent) or its label (Relative %), in any case, with an ordinary hyphen where the
 * label has a dash: all of them mean the same value, and the org is sent its API name.
 */
import { picklistLabel } from './model.js';

/** Case, surrounding and repeated spaces, and the kind of dash do not tell values apart. */
function comparable(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/[\u2010-\u2015\u2212]/g, '-').toLowerCase();
}

/** The API name among `values` that `typed` names by API name or label; undefined when it names none. */
export function picklistValueOf<const V extends string>(values: readonly V[], typed: string): V | undefined {
  const wanted = comparable(typed);
  return values.find((value) => comparable(value) === wanted || comparable(picklistLabel(value)) === wanted);
}

/** How to name the values in a message: the API name, and the label where it differs. */
export function describePicklistValues(values: readonly string[]): string {
  return values.map((value) => (picklistLabel(value) === value ? `"${value}"` : `"${value}" (${picklistLabel(value)})`)).join(', ');
}
