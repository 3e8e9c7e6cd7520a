/**
 * The few platform objects and identity answers a client asks of any org before it does real work:
 * the Organization row, the running User, OAuth userinfo, and the tooling queries `sf` makes at login.
 * The data engine knows the package's objects; these come from the org's identity instead.
 */
import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';
import { OrgApiError, type OrgEngine, type QueryResult, type SfRecord } from '../engine/types.js';

export type OrgIdentity = { orgId: string; userId: string; username: string; orgName: string; instanceUrl: string };

export function organizationRecord(identity: OrgIdentity): Record<string, unknown> {
  return {
    Id: identity.orgId,
    Name: identity.orgName,
    InstanceName: 'LOCAL1',
    IsSandbox: false,
    TrialExpirationDate: null,
    NamespacePrefix: null,
    OrganizationType: 'Developer Edition',
    DefaultLocaleSidKey: 'en_US',
    DefaultCurrencyIsoCode: 'USD',
    LanguageLocaleKey: 'en_US',
    TimeZoneSidKey: 'GMT',
    Country: null,
  };
}

export function userRecord(identity: OrgIdentity): Record<string, unknown> {
  return {
    Id: identity.userId,
    Username: identity.username,
    Name: 'Local Admin',
    FirstName: 'Local',
    LastName: 'Admin',
    Email: identity.username,
    Alias: 'ladmin',
    IsActive: true,
    UserType: 'Standard',
    TimeZoneSidKey: 'GMT',
    LocaleSidKey: 'en_US',
    LanguageLocaleKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
  };
}

function parse(soql: string): Query {
  try {
    return parseQuery(soql);
  } catch (error) {
    throw new OrgApiError(400, 'MALFORMED_QUERY', `unexpected token in query: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** The object a query reads, or null when it cannot be parsed (the engine then reports the syntax error). */
export function queriedObject(soql: string): string | null {
  try {
    return parseQuery(soql).sObject ?? null;
  } catch {
    return null;
  }
}

/** Answers a query on a fixed one-row object (Organization, or the running User when the engine has no User). */
function queryOneRow(soql: string, type: string, row: Record<string, unknown>): QueryResult {
  const query = parse(soql);
  const record: SfRecord = { attributes: { type, url: `/services/data/v64.0/sobjects/${type}/${String(row.Id)}` } };
  let countOnly = false;
  for (const field of query.fields ?? []) {
    if (field.type === 'FieldFunctionExpression' && field.functionName.toUpperCase() === 'COUNT' && !field.parameters?.length) {
      countOnly = true;
      continue;
    }
    if (field.type !== 'Field') {
      throw new OrgApiError(400, 'MALFORMED_QUERY', `Only plain fields can be selected from ${type} in the local org.`);
    }
    const name = Object.keys(row).find((k) => k.toLowerCase() === field.field.toLowerCase());
    if (!name) {
      throw new OrgApiError(
        400,
        'INVALID_FIELD',
        `No such column '${field.field}' on entity '${type}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    record[name] = row[name] ?? null;
  }
  if (countOnly) return { totalSize: 1, done: true, records: [] };
  return { totalSize: 1, done: true, records: [record] };
}

const invalidType = (type: string): OrgApiError =>
  new OrgApiError(
    400,
    'INVALID_TYPE',
    `sObject type '${type}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

/** Objects that only exist in Dev Hubs or production orgs with features this org does not have. */
const UNSUPPORTED_OBJECTS = new Set(['scratchorginfo', 'activescratchorg', 'namespaceregistry']);

/** Runs a data API query: the engine first; the org's identity answers Organization and User if the engine cannot. */
export function runQuery(engine: OrgEngine, identity: OrgIdentity, soql: string, includeDeleted: boolean): QueryResult {
  const object = queriedObject(soql)?.toLowerCase();
  if (object && UNSUPPORTED_OBJECTS.has(object)) throw invalidType(queriedObject(soql) as string);
  try {
    return engine.query(soql, { includeDeleted });
  } catch (error) {
    if (error instanceof OrgApiError && error.errorCode === 'INVALID_TYPE') {
      if (object === 'organization') return queryOneRow(soql, 'Organization', organizationRecord(identity));
      if (object === 'user') return queryOneRow(soql, 'User', userRecord(identity));
    }
    throw error;
  }
}

/** Tooling API queries: `sf org login` asks for SandboxProcess (none here); other tooling objects are not served. */
export function runToolingQuery(soql: string): QueryResult {
  const object = parse(soql).sObject ?? '';
  if (['sandboxprocess', 'sandboxinfo', 'sourcemember'].includes(object.toLowerCase())) return { totalSize: 0, done: true, records: [] };
  throw invalidType(object);
}

/** `GET /services/oauth2/userinfo`, with the keys `@salesforce/core` and `sf` read. */
/** The running user's TimeZoneSidKey as the org holds it now (an admin may change it), GMT by default. */
export function runningUserTimeZone(engine: OrgEngine, userId: string): string {
  const [user] = engine.query(`SELECT TimeZoneSidKey FROM User WHERE Id = '${userId}'`).records;
  return typeof user?.TimeZoneSidKey === 'string' && user.TimeZoneSidKey ? user.TimeZoneSidKey : 'GMT';
}

/** `GET /services/oauth2/userinfo`, with the keys `@salesforce/core` and `sf` read; zoneinfo is the user's time zone. */
export function userInfo(identity: OrgIdentity, timeZone = 'GMT'): Record<string, unknown> {
  const { instanceUrl, orgId, userId, username } = identity;
  const base = `${instanceUrl}/services/data/v{version}`;
  return {
    sub: `${instanceUrl}/id/${orgId}/${userId}`,
    user_id: userId,
    organization_id: orgId,
    preferred_username: username,
    nickname: 'ladmin',
    name: 'Local Admin',
    email: username,
    email_verified: true,
    given_name: 'Local',
    family_name: 'Admin',
    zoneinfo: timeZone,
    photos: {},
    profile: `${instanceUrl}/${userId}`,
    picture: null,
    address: {},
    is_salesforce_integration_user: false,
    urls: {
      enterprise: `${instanceUrl}/services/Soap/c/{version}/${orgId}`,
      metadata: `${instanceUrl}/services/Soap/m/{version}/${orgId}`,
      partner: `${instanceUrl}/services/Soap/u/{version}/${orgId}`,
      rest: `${base}/`,
      sobjects: `${base}/sobjects/`,
      search: `${base}/search/`,
      query: `${base}/query/`,
      tooling_rest: `${base}/tooling/`,
      profile: `${instanceUrl}/${userId}`,
      custom_domain: instanceUrl,
    },
    active: true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    updated_at: '2026-01-01T00:00:00Z',
    is_app_installed: true,
  };
}
