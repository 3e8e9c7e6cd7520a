/**
 * The Identity URL, `/id/{orgId}/{userId}` (Salesforce Help, "Identity URLs"): who the token belongs to and
 * where the org's APIs are. `userinfo`'s `sub` and `GET /services/data/vXX.X/`'s `identity` name it; jsforce's
 * `conn.identity()` reads it with `?format=json&oauth_token=…`. Errors are the Identity Service's plain-text
 * ones (403 Bad_OAuth_Token / Missing_OAuth_Token / Wrong_Org, 404 Bad_Id, 406 for a format other than JSON),
 * not the REST API's error array.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { normalizeId } from '../store/ids.js';
import type { OrgIdentity } from './platform.js';
import type { Reply } from './respond.js';
import { LATEST_API_VERSION } from './versions.js';

const text = (status: number, body: string): Reply => ({ status, text: body, contentType: 'text/plain;charset=UTF-8' });

/** The identity URL of the running user, as `userinfo` and the version resources list it. */
export const identityUrl = (identity: OrgIdentity): string => `${identity.instanceUrl}/id/${identity.orgId}/${identity.userId}`;

/** `version=latest` or `version=64.0` fills the URLs' version; without it they keep the literal `{version}`. */
function versionText(param: string | null): string {
  if (!param) return '{version}';
  return param.toLowerCase() === 'latest' ? `${LATEST_API_VERSION}.0` : param;
}

export function identityResponse(identity: OrgIdentity, version: string | null): Record<string, unknown> {
  const { instanceUrl, orgId, userId, username } = identity;
  const v = versionText(version);
  const data = `${instanceUrl}/services/data/v${v}`;
  return {
    id: identityUrl(identity),
    asserted_user: true,
    user_id: userId,
    organization_id: orgId,
    username,
    nick_name: username.split('@')[0],
    display_name: 'Local Admin',
    email: username,
    email_verified: true,
    first_name: 'Local',
    last_name: 'Admin',
    timezone: 'GMT',
    photos: { picture: null, thumbnail: null },
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: null,
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: {
      enterprise: `${instanceUrl}/services/Soap/c/${v}/${orgId}`,
      metadata: `${instanceUrl}/services/Soap/m/${v}/${orgId}`,
      partner: `${instanceUrl}/services/Soap/u/${v}/${orgId}`,
      rest: `${data}/`,
      sobjects: `${data}/sobjects/`,
      search: `${data}/search/`,
      query: `${data}/query/`,
      recent: `${data}/recent/`,
      tooling_soap: `${instanceUrl}/services/Soap/T/${v}/${orgId}`,
      tooling_rest: `${data}/tooling/`,
      profile: `${instanceUrl}/${userId}`,
      feeds: `${data}/chatter/feeds`,
      groups: `${data}/chatter/groups`,
      users: `${data}/chatter/users`,
      feed_items: `${data}/chatter/feed-items`,
      feed_elements: `${data}/chatter/feed-elements`,
      custom_domain: instanceUrl,
    },
    active: true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    last_modified_date: '2026-01-01T00:00:00.000+0000',
    is_app_installed: true,
  };
}

/** The access token of an identity request: the Authorization header or the `oauth_token` parameter. */
export function identityToken(headers: IncomingHttpHeaders, params: URLSearchParams): string | null {
  const header = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(headers.authorization ?? '');
  return header ? header[1].trim() : params.get('oauth_token');
}

/** `GET /id/{orgId}/{userId}`; the caller has already checked the token (`tokenOk`). */
export function identityRoute(identity: OrgIdentity, method: string, path: string, params: URLSearchParams, headers: IncomingHttpHeaders, token: string | null, tokenOk: boolean): Reply {
  if (!token) return text(403, 'Missing_OAuth_Token');
  if (!tokenOk) return text(403, 'Bad_OAuth_Token');
  if (method !== 'GET' && method !== 'POST') return text(405, 'Method Not Allowed');
  const [orgId, userId] = path.split('/').filter(Boolean).slice(1);
  if (normalizeId(orgId)?.slice(0, 15) !== identity.orgId.slice(0, 15)) return text(403, 'Wrong_Org');
  if (normalizeId(userId)?.slice(0, 15) !== identity.userId.slice(0, 15)) return text(404, 'Bad_Id');
  const format = params.get('format')?.toLowerCase();
  const accept = headers.accept ?? '*/*';
  const wantsOther = format ? format !== 'json' : !/application\/json|\*\/\*/i.test(accept);
  // Only JSON is served; XML and form-encoded answers are not implemented, so they are refused, not faked.
  if (wantsOther) return text(406, `Not Acceptable: ${format ?? accept}`);
  return { status: 200, json: identityResponse(identity, params.get('version')) };
}
