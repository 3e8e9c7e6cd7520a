/**
 * Salesforce record Ids: 15 case-sensitive characters, or 18 with a case-safe suffix that encodes which of the
 * first 15 are upper case. A mistyped 18-character Id (one letter's case changed) has a suffix that disagrees.
 */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Each 5-character chunk of the 15-character Id gives one suffix character: bit i set when character i is upper case. */
export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/** False for an 18-character Id whose suffix does not match its first 15 characters (the suffix itself ignores case). */
export function suffixMatches(id: string): boolean {
  return id.length !== 18 || caseSafeSuffix(id.slice(0, 15)) === id.slice(15).toUpperCase();
}
