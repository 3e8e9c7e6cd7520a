/**
 * The case-safe suffix of 18-character Ids, held against the local org's own implementation (which mints the Ids
 * the command tests use): the two are written apart on purpose, since src/ never imports the stand-in org.
 */
import { describe, expect, it } from '@jest/globals';
import { caseSafeSuffix, suffixMatches } from '../../src/core/recordId.js';
import { caseSafeSuffix as orgSuffix, makeId } from '../../local-org/src/store/ids.js';

describe('record Ids', () => {
  it('computes the suffix the org gives its Ids', () => {
    for (let sequence = 0; sequence < 5000; sequence += 37) {
      const id = makeId('a02', sequence);
      expect(caseSafeSuffix(id.slice(0, 15))).toBe(orgSuffix(id.slice(0, 15)));
      expect(suffixMatches(id)).toBe(true);
    }
  });

  it('refuses an 18-character Id whose suffix does not match its first 15 characters', () => {
    expect(suffixMatches('0015g000000000CAAQ')).toBe(true);
    expect(suffixMatches('0015g000000000caaq')).toBe(false); // a letter's case changed
    expect(suffixMatches('0015g000000000CAAA')).toBe(false);
    // The suffix itself is case-insensitive, and a 15-character Id has none to check.
    expect(suffixMatches('0015g000000000CAaq')).toBe(true);
    expect(suffixMatches('0015g000000000C')).toBe(true);
  });
});
