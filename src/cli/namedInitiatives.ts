/** Every Id given with --initiative must name an initiative: a typo should not pass as "nothing to do". */
import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.recompute');

/** `found` are the Ids read (18 characters); a 15-character Id given names the same record. */
export function assertInitiativesFound(requested: readonly string[] | undefined, found: readonly string[]): void {
  const known = new Set(found.flatMap((id) => [id, id.slice(0, 15)]));
  const missing = (requested ?? []).filter((id) => !known.has(id));
  if (missing.length > 0) throw messages.createError('error.InitiativeNotFound', [missing.join(', ')]);
}
