/**
 * The flags that several commands share, declared once so that every command checks them the same way, before
 * any API call: record Ids (Flags.salesforceId plus the 18-character checksum it does not check) and ISO dates.
 */
import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { dateProblem, type IsoDate } from '../core/dates.js';
import { suffixMatches } from '../core/recordId.js';
import { DEFAULT_BULK_THRESHOLD } from '../org/write.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.flags');

/** The prefix is optional: custom objects' key prefixes (Initiative__c's) differ from org to org. */
type RecordIdOptions = { object: string; startsWith?: string };

/**
 * A 15- or 18-character record Id. Flags.salesforceId checks the length, the characters and the key prefix; an
 * 18-character Id must also carry the suffix that its first 15 characters give, so a mistyped case is refused
 * here rather than matching nothing (or another record) in the org.
 */
export const recordIdFlag = Flags.custom<string, RecordIdOptions>({
  parse: async (input, context, options) => checkedRecordId(input.trim(), context, options),
});

/**
 * A user by username or by User Id, the two ways people name a user: text that has the shape of a record Id must
 * be a valid User Id (an Account Id given by mistake is refused here, not looked up as a username).
 */
export const userFlag = Flags.custom<string>({
  parse: async (input, context) => {
    const value = input.trim();
    return RECORD_ID_SHAPE.test(value) ? checkedRecordId(value, context, { object: 'User', startsWith: '005' }) : value;
  },
});

const RECORD_ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

async function checkedRecordId(id: string, context: unknown, { object, startsWith }: RecordIdOptions): Promise<string> {
  const salesforceId = Flags.salesforceId({ startsWith, length: 'both' });
  const refuse = (why: string, cause?: Error): Error =>
    messages.createError('error.InvalidRecordId', [id, object, why], [object, startsWith ? ` (it starts with ${startsWith})` : ''], cause);
  try {
    await salesforceId.parse(id, context as Parameters<typeof salesforceId.parse>[1], salesforceId);
  } catch (error) {
    const cause = error instanceof Error ? error : new Error(String(error));
    throw refuse(cause.message, cause);
  }
  if (!suffixMatches(id)) throw refuse(messages.getMessage('reason.badSuffix'));
  return id;
}

/** A calendar date as YYYY-MM-DD: only a real day (not 2026-02-30) between Salesforce's first and last dates. */
export const isoDateFlag = Flags.custom<IsoDate>({
  // eslint-disable-next-line @typescript-eslint/require-await -- oclif wants a promise from parse, and a thrown error as its rejection
  parse: async (input) => {
    const date = input.trim();
    const problem = dateProblem(date);
    if (problem) throw messages.createError('error.InvalidDate', [problem]);
    return date;
  },
});

/**
 * Records of one object and operation above which a sync writes through Bulk API 2.0 instead of sObject Collections
 * (Salesforce's guidance: about 2,000), where a job costs about seven calls whatever its size.
 */
export const bulkThresholdFlag = Flags.integer({
  min: 1,
  default: DEFAULT_BULK_THRESHOLD,
  summary: messages.getMessage('flags.bulk-threshold.summary'),
  description: messages.getMessage('flags.bulk-threshold.description'),
});

/** A sync's per-record table of changes, which its default summary leaves out (see src/cli/summary.ts). */
export const verboseFlag = Flags.boolean({
  default: false,
  summary: messages.getMessage('flags.verbose.summary'),
  description: messages.getMessage('flags.verbose.description'),
});
