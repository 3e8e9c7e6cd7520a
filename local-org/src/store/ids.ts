/**
 * Salesforce record Ids: 3-character key prefix + 12 characters, plus the 3-character case-safe suffix
 * that makes the 18-character form unique without regard to case.
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_CHARACTERS = /^[a-zA-Z0-9]+$/;

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

/** The 18-character form of a 15- or 18-character Id, or null when the text is not an Id. */
export function normalizeId(value: unknown): string | null {
  if (typeof value !== 'string' || !ID_CHARACTERS.test(value)) return null;
  if (value.length === 15) return value + caseSafeSuffix(value);
  if (value.length === 18) {
    const id15 = value.slice(0, 15);
    // The suffix is case-insensitive; an 18-character Id whose suffix disagrees with its body is malformed.
    return caseSafeSuffix(id15) === value.slice(15).toUpperCase() ? id15 + caseSafeSuffix(id15) : null;
  }
  return null;
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

/** Ids like Salesforce's: prefix, a pod marker, then a base-62 counter. */
export function makeId(keyPrefix: string, sequence: number): string {
  let counter = '';
  let n = sequence;
  for (let i = 0; i < 10; i++) {
    counter = BASE62[n % 62] + counter;
    n = Math.floor(n / 62);
  }
  const id15 = `${keyPrefix}5g${counter}`;
  return id15 + caseSafeSuffix(id15);
}
