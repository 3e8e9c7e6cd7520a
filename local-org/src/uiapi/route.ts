import type { ApiCall, OrgContext } from '../http/context.js';
import { notFound, type Reply } from '../http/respond.js';

export function uiApiRoute(_ctx: OrgContext, _call: ApiCall): Reply {
  throw notFound();
}
