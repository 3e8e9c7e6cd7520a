/** The CSM a handover sync gives initiatives whose account team names none (--default-csm): an active user. */
import { Messages } from '@salesforce/core';
import type { ApiUsage } from './apiUsage.js';
import type { OrgConnection } from './connection.js';
import { failWith } from './failWith.js';
import { fetchUser } from './queries/handover.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.handover.sync');
const query = failWith(messages, 'error.QueryFailed');

/** The default CSM's Id, from a username or an Id: it must be an active user. */
export async function resolveDefaultCsm(conn: OrgConnection, usernameOrId: string, usage: ApiUsage): Promise<string> {
  const user = await query(fetchUser(conn, usernameOrId, usage));
  if (!user) throw messages.createError('error.DefaultCsmNotFound', [usernameOrId]);
  if (!user.isActive) throw messages.createError('error.DefaultCsmInactive', [user.username || usernameOrId]);
  return user.id;
}
