/**
 * The local org's GraphQL API, through HTTP, as Lightning components query it.
 *
 * Follows the GraphQL API Developer Guide (developer.salesforce.com/docs/platform/graphql/guide):
 * "Query Record Objects" (uiapi.query, edges/node, fields as { value displayValue }), "Field Value Types",
 * "Filter" → "Field Operators" (eq ne lt lte gt gte in nin like), "Boolean Operators" (and or not),
 * "Relationship Filters", "Semi-Join and Anti-Join Filters" (inq), "Date and DateTime Filters" (value, literal,
 * range), "Order Results" (order, nulls), "Paginate Results" / "Paginate with Record Connections" (default 10,
 * first, after, pageInfo, totalCount), "Paginate with Upper-Bound Limit" (first 200–2000, upperBound),
 * "Status Codes and Error Responses" (200 with errors, extensions.ErrorType).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { accountIds, raw, startTestOrg, type TestOrg } from '../http/helpers.js';
import { writeBook, type Book } from './book.js';

type Gql = { data?: any; errors?: Array<{ message: string; locations?: unknown[]; path?: unknown[]; extensions: { ErrorType: string } }> };

async function gql(t: TestOrg, query: string, variables?: Record<string, unknown>): Promise<Gql> {
  const response = await raw(t.org, '/services/data/v64.0/graphql', { method: 'POST', body: { query, variables } });
  expect(response.status).toBe(200);
  return response.body as Gql;
}

const nodes = (connection: { edges: Array<{ node: any }> }): any[] => connection.edges.map((e) => e.node);

describe('GraphQL API: reads', () => {
  let t: TestOrg;
  let book: Book;
  beforeAll(async () => {
    t = await startTestOrg();
    book = writeBook(t.org);
  });
  afterAll(async () => {
    await t.org.stop();
  });

  it('answers an Initiative with its outcomes and their measurements (children of children)', async () => {
    const result = await gql(
      t,
      `query Tracker($id: ID) {
        uiapi { query {
          Initiative__c(where: { Id: { eq: $id } }) {
            edges { node {
              Id ApiName
              Name { value displayValue }
              Status__c { value displayValue label }
              Go_Live_Date__c { value displayValue format }
              Annual_Contract_Value__c { value displayValue }
              Outcome_Count__c { value }
              Account__r { Id Name { value } }
              Outcome_Requirements__r(orderBy: { Description__c: { order: ASC } }) {
                edges { node {
                  Id
                  Description__c { value }
                  Priority__c { value displayValue }
                  Measurements__r(orderBy: { Measured_On__c: { order: DESC } }, first: 2) {
                    edges { node { Value__c { value } Measured_On__c { value displayValue } } }
                    totalCount
                    pageInfo { hasNextPage }
                  }
                } }
                totalCount
              }
            } }
          }
        } }
      }`,
      { id: book.initiativeId },
    );
    expect(result.errors).toBeUndefined();
    const [initiative] = nodes(result.data.uiapi.query.Initiative__c);
    expect(initiative).toMatchObject({
      Id: book.initiativeId,
      ApiName: 'Initiative__c',
      Name: { value: 'Patient Access', displayValue: null },
      Status__c: { value: 'Onboarding', displayValue: 'Onboarding', label: 'Onboarding' },
      Go_Live_Date__c: { value: '2025-06-01', displayValue: '6/1/2025', format: 'M/d/yyyy' },
      Annual_Contract_Value__c: { value: 120000, displayValue: '$120,000.00' },
      Outcome_Count__c: { value: 3 },
      Account__r: { Id: book.accountId, Name: { value: 'Acme Health' } },
    });
    const outcomes = nodes(initiative.Outcome_Requirements__r);
    expect(initiative.Outcome_Requirements__r.totalCount).toBe(3);
    expect(outcomes.map((o) => o.Description__c.value)).toEqual(['Missed appointments', 'Patient satisfaction', 'Wait time for a first appointment']);
    const wait = outcomes[2];
    expect(nodes(wait.Measurements__r)).toEqual([
      { Value__c: { value: 12 }, Measured_On__c: { value: '2026-01-10', displayValue: '1/10/2026' } },
      { Value__c: { value: 17 }, Measured_On__c: { value: '2025-10-01', displayValue: '10/1/2025' } },
    ]);
    expect(wait.Measurements__r).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(nodes(outcomes[1].Measurements__r)).toEqual([]);
  });

  it('answers the outcomes of an account’s initiatives with a relationship filter and a two-key orderBy', async () => {
    const result = await gql(
      t,
      `query { uiapi { query {
        Outcome_Requirement__c(
          where: { Initiative__r: { Account__c: { eq: "${book.accountId}" } } }
          orderBy: { Priority__c: { order: ASC }, Description__c: { order: DESC } }
        ) {
          edges { node { Description__c { value } Priority__c { value } Initiative__r { Name { value } Account__r { Name { value } } } } }
          totalCount
        }
      } } }`,
    );
    expect(result.errors).toBeUndefined();
    const connection = result.data.uiapi.query.Outcome_Requirement__c;
    expect(connection.totalCount).toBe(4);
    expect(nodes(connection).map((n) => `${n.Priority__c.value}: ${n.Description__c.value}`)).toEqual([
      'Primary: Wait time for a first appointment',
      'Primary: Patient satisfaction',
      'Primary: Claim cycle time',
      'Secondary: Missed appointments',
    ]);
    expect(nodes(connection)[2].Initiative__r).toEqual({ Name: { value: 'Faster Claims' }, Account__r: { Name: { value: 'Acme Health' } } });
  });

  it('answers the solution components and outcome components of an initiative', async () => {
    const result = await gql(
      t,
      `query Components($id: ID) { uiapi { query {
        Solution_Component__c(where: { Initiative__c: { eq: $id } }, orderBy: { Name: { order: ASC } }) {
          edges { node { Name { value } Component_Type__c { value } Annual_Value__c { value displayValue }
            Outcome_Components__r { edges { node { Contribution__c { value } Outcome_Requirement__r { Description__c { value } } } } } } }
        }
        Outcome_Component__c(where: { Outcome_Requirement__r: { Initiative__c: { eq: $id } } }, orderBy: { Contribution__c: { order: ASC } }) {
          edges { node { Contribution__c { value } Solution_Component__r { Name { value } } } }
          totalCount
        }
      } } }`,
      { id: book.initiativeId },
    );
    expect(result.errors).toBeUndefined();
    const components = nodes(result.data.uiapi.query.Solution_Component__c);
    expect(components.map((c) => c.Name.value)).toEqual(['Implementation', 'Scheduling Cloud']);
    expect(components[1].Annual_Value__c).toEqual({ value: 80000, displayValue: '$80,000.00' });
    expect(nodes(components[1].Outcome_Components__r).map((o) => o.Outcome_Requirement__r.Description__c.value).sort()).toEqual([
      'Missed appointments',
      'Wait time for a first appointment',
    ]);
    expect(nodes(result.data.uiapi.query.Outcome_Component__c)).toEqual([
      { Contribution__c: { value: 'Reminders' }, Solution_Component__r: { Name: { value: 'Scheduling Cloud' } } },
      { Contribution__c: { value: 'Self-service booking' }, Solution_Component__r: { Name: { value: 'Scheduling Cloud' } } },
    ]);
  });

  it('reads children below a parent relationship and two aliases of one child relationship', async () => {
    const result = await gql(
      t,
      `query($id: ID) { uiapi { query { Outcome_Requirement__c(where: { Initiative__c: { eq: $id } }, orderBy: { Description__c: { order: ASC } }, first: 1) {
        edges { node {
          Initiative__r { Solution_Components__r { totalCount } }
          recent: Measurements__r(where: { Measured_On__c: { gte: { value: "2025-12-01" } } }) { totalCount }
          all: Measurements__r { totalCount }
          ... on Outcome_Requirement__c { Unit__c { value } }
        } }
      } } } }`,
      { id: book.initiativeId },
    );
    expect(result.errors).toBeUndefined();
    const [node] = nodes(result.data.uiapi.query.Outcome_Requirement__c);
    expect(node).toEqual({ Initiative__r: { Solution_Components__r: { totalCount: 2 } }, recent: { totalCount: 1 }, all: { totalCount: 1 }, Unit__c: { value: '%' } });
  });

  it('accepts what LDS adds to a query: __typename, @category and @optional, polymorphic parents by fragment', async () => {
    const result = await gql(
      t,
      `query { uiapi { query { Initiative__c(first: 1, orderBy: { Name: { order: ASC } }) @category(name: "recordQuery") {
        edges { node { __typename Id WeakEtag DisplayValue Name @category(name: "StringValue") { value } Owner @category(name: "parentRelationship") { ... on User { Name { value } } } Purpose__c @optional { value } } }
      } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const [node] = nodes(result.data.uiapi.query.Initiative__c);
    expect(node).toMatchObject({ __typename: 'Initiative__c', DisplayValue: 'Branch Automation', Name: { value: 'Branch Automation' }, Owner: { Name: { value: 'Local Admin' } }, Purpose__c: { value: null } });
    expect(node.WeakEtag).toBeGreaterThan(0);
  });

  describe('filters', () => {
    const descriptions = async (where: string, variables?: Record<string, unknown>): Promise<string[]> => {
      const definitions = Object.keys(variables ?? {}).map((name) => (name === 'id' ? '$id: ID' : '$list: [Picklist]'));
      const result = await gql(
        t,
        `query${definitions.length ? `(${definitions.join(', ')})` : ''} { uiapi { query { Outcome_Requirement__c(where: ${where}, orderBy: { Description__c: { order: ASC } }) { edges { node { Description__c { value } } } } } } }`,
        variables,
      );
      expect(result.errors).toBeUndefined();
      return nodes(result.data.uiapi.query.Outcome_Requirement__c).map((n) => n.Description__c.value);
    };

    it('eq, ne (which also matches blanks), like (case-insensitive), in and nin', async () => {
      expect(await descriptions('{ Unit__c: { eq: "DAYS" } }')).toEqual(['Claim cycle time', 'Wait time for a first appointment']);
      expect(await descriptions('{ Unit__c: { ne: "days" } }')).toEqual(['Missed appointments', 'Patient satisfaction']);
      expect(await descriptions('{ Unit__c: { eq: null } }')).toEqual(['Patient satisfaction']);
      expect(await descriptions('{ Description__c: { like: "%APPOINT%" } }')).toEqual(['Missed appointments', 'Wait time for a first appointment']);
      expect(await descriptions('{ Priority__c: { in: $list } }', { list: ['Secondary'] })).toEqual(['Missed appointments']);
      expect(await descriptions('{ Priority__c: { nin: ["Secondary"] } }')).toHaveLength(3);
    });

    it('lt, lte, gt, gte on numbers and dates, with date literals and ranges', async () => {
      const values = async (where: string): Promise<number[]> => {
        const result = await gql(t, `query { uiapi { query { Measurement__c(where: ${where}, orderBy: { Value__c: { order: ASC } }) { edges { node { Value__c { value } } } } } } }`);
        expect(result.errors).toBeUndefined();
        return nodes(result.data.uiapi.query.Measurement__c).map((n) => n.Value__c.value);
      };
      expect(await values('{ Value__c: { lt: 12 } }')).toEqual([9.5]);
      expect(await values('{ Value__c: { lte: 12 } }')).toEqual([9.5, 12]);
      expect(await values('{ Value__c: { gt: 17 } }')).toEqual([21]);
      expect(await values('{ Value__c: { gte: 17, lt: 21 } }')).toEqual([17]);
      expect(await values('{ Measured_On__c: { eq: { value: "2025-10-01" } } }')).toEqual([17]);
      expect(await values('{ Measured_On__c: { gte: { literal: LAST_MONTH } } }')).toEqual([9.5, 12]); // today is 2026-01-15
      expect(await values('{ Measured_On__c: { eq: { literal: THIS_MONTH } } }')).toEqual([12]);
      expect(await values('{ Measured_On__c: { eq: { range: { last_n_days: 60 } } } }')).toEqual([9.5, 12]);
      expect(await values('{ Measured_On__c: { in: [{ value: "2025-07-01" }, { value: "2025-12-01" }] } }')).toEqual([9.5, 21]);
      expect(await values('{ CreatedDate: { eq: { literal: TODAY } } }')).toHaveLength(4);
    });

    it('and, or, not, and a semi-join (inq)', async () => {
      expect(await descriptions('{ and: [{ Priority__c: { eq: "Primary" } }, { Unit__c: { eq: "days" } }], Initiative__c: { eq: $id } }', { id: book.initiativeId })).toEqual([
        'Wait time for a first appointment',
      ]);
      expect(await descriptions('{ or: [{ Priority__c: { eq: "Secondary" } }, { Unit__c: { eq: null } }] }')).toEqual(['Missed appointments', 'Patient satisfaction']);
      expect(await descriptions('{ not: { Priority__c: { eq: "Primary" } } }')).toEqual(['Missed appointments']);
      expect(await descriptions('{ Id: { inq: { Measurement__c: { Source__c: { eq: "System" } }, ApiName: "Outcome_Requirement__c" } } }')).toEqual([
        'Wait time for a first appointment',
      ]);
      expect(await descriptions('{ Id: { ninq: { Measurement__c: {}, ApiName: "Outcome_Requirement__c" } } }')).toEqual(['Claim cycle time', 'Patient satisfaction']);
    });

    it('orderBy with nulls first or last', async () => {
      const units = async (nulls: string): Promise<unknown[]> => {
        const result = await gql(t, `query { uiapi { query { Outcome_Requirement__c(orderBy: { Unit__c: { order: DESC, nulls: ${nulls} }, Description__c: { order: ASC } }) { edges { node { Unit__c { value } } } } } } }`);
        return nodes(result.data.uiapi.query.Outcome_Requirement__c).map((n) => n.Unit__c.value);
      };
      expect(await units('FIRST')).toEqual([null, 'days', 'days', '%']);
      expect(await units('LAST')).toEqual(['days', 'days', '%', null]);
    });
  });

  describe('errors, as Salesforce returns them', () => {
    it('an unknown field is a ValidationError naming it, with no data', async () => {
      const result = await gql(t, 'query { uiapi { query { Initiative__c { edges { node { Nope__c { value } } } } } } }');
      expect(result.data).toBeNull();
      expect(result.errors).toEqual([
        {
          message: "Validation error (FieldUndefined@[uiapi/query/Initiative__c/edges/node/Nope__c]) : Field 'Nope__c' in type 'Initiative__c' is undefined",
          locations: [{ line: 1, column: 56 }],
          extensions: { ErrorType: 'ValidationError', classification: 'ValidationError' },
        },
      ]);
    });

    it('an unknown object, an unknown filter field and a bad argument are ValidationErrors; a mutation is not supported', async () => {
      const unknownObject = await gql(t, 'query { uiapi { query { Nope__c { edges { node { Id } } } } } }');
      expect(unknownObject.errors?.[0].message).toContain("Field 'Nope__c' in type 'RecordQuery' is undefined");
      const unknownFilter = await gql(t, 'query { uiapi { query { Initiative__c(where: { Nope__c: { eq: "x" } }) { edges { node { Id } } } } } }');
      expect(unknownFilter.errors?.[0]).toMatchObject({ extensions: { ErrorType: 'ValidationError' } });
      expect(unknownFilter.errors?.[0].message).toContain('Nope__c');
      const badArgument = await gql(t, 'query { uiapi { query { Initiative__c(first: "ten") { edges { node { Id } } } } } }');
      expect(badArgument.errors?.[0].extensions.ErrorType).toBe('ValidationError');
      const mutation = await gql(t, 'mutation { uiapi { Initiative__cCreate { Record { Id } } } }');
      expect(mutation.errors?.[0].extensions.ErrorType).toBe('OperationNotSupported'); // mutations are not served by the local org
    });

    it('a syntax error is InvalidSyntax; a page too large is a DataFetchingException beside partial data', async () => {
      const syntax = await gql(t, 'query { uiapi { query { Initiative__c { edges { node { Id }');
      expect(syntax.errors?.[0].extensions.ErrorType).toBe('InvalidSyntax');
      const tooMany = await gql(t, 'query { uiapi { query { Initiative__c(first: 2001) { edges { node { Id } } } Account { totalCount } } } }');
      expect(tooMany.data.uiapi.query).toEqual({ Initiative__c: null, Account: { totalCount: 2 } });
      expect(tooMany.errors).toEqual([expect.objectContaining({ path: ['uiapi', 'query', 'Initiative__c'], extensions: { ErrorType: 'DataFetchingException', classification: 'DataFetchingException' } })]);
    });

    it('answers GET with 405, a missing query with 400, and a missing token with 401', async () => {
      expect((await raw(t.org, '/services/data/v64.0/graphql')).status).toBe(405);
      const noQuery = await raw(t.org, '/services/data/v64.0/graphql', { method: 'POST', body: {} });
      expect(noQuery.status).toBe(400);
      expect((noQuery.body as Array<{ errorCode: string }>)[0].errorCode).toBe('JSON_PARSER_ERROR');
      const anonymous = await raw(t.org, '/services/data/v64.0/graphql', { method: 'POST', body: { query: '{ uiapi { query { Account { totalCount } } } }' }, token: null });
      expect(anonymous.status).toBe(401);
    });

    it('counts each GraphQL call against the API allowance', async () => {
      const before = t.org.stats().apiCalls;
      await gql(t, '{ uiapi { query { Account { totalCount } } } }');
      expect(t.org.stats().apiCalls).toBe(before + 1);
    });
  });
});

describe('GraphQL API: paging over 2,000+ rows', () => {
  let t: TestOrg;
  beforeAll(async () => {
    t = await startTestOrg();
    await accountIds(t.org, 4300, (i) => `Paged ${String(i).padStart(5, '0')}`);
  });
  afterAll(async () => {
    await t.org.stop();
  });

  const page = async (args: string): Promise<any> => {
    const result = await gql(
      t,
      `query($after: String) { uiapi { query { Account(${args}, after: $after, orderBy: { Name: { order: ASC } }) { edges { node { Name { value } } cursor } pageInfo { hasNextPage hasPreviousPage endCursor } totalCount pageResultCount } } } }`,
    );
    expect(result.errors).toBeUndefined();
    return result.data.uiapi.query.Account;
  };

  it('returns 10 records by default', async () => {
    const result = await gql(t, '{ uiapi { query { Account { edges { node { Id } } pageInfo { hasNextPage } } } } }');
    expect(result.data.uiapi.query.Account.edges).toHaveLength(10);
    expect(result.data.uiapi.query.Account.pageInfo.hasNextPage).toBe(true);
  });

  it('pages with first and after up to 2,000 a page, and stops at 4,000 records without upperBound', async () => {
    const pages: any[] = [];
    let after: string | null = null;
    do {
      const result: Gql = await gql(
        t,
        'query($after: String) { uiapi { query { Account(first: 2000, after: $after, orderBy: { Name: { order: ASC } }) { edges { node { Name { value } } } pageInfo { hasNextPage hasPreviousPage endCursor } totalCount pageResultCount } } } }',
        { after },
      );
      expect(result.errors).toBeUndefined();
      const connection = result.data.uiapi.query.Account;
      pages.push(connection);
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after);
    expect(pages.map((p) => p.pageResultCount)).toEqual([2000, 2000]);
    expect(pages[0]).toMatchObject({ totalCount: 4300, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    expect(pages[1].pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(nodes(pages[1])[0].Name.value).toBe('Paged 02000');
  });

  it('pages past 4,000 records with upperBound, first from 200 to 2,000', async () => {
    const names: string[] = [];
    let after: string | null = null;
    do {
      const result: Gql = await gql(
        t,
        'query($after: String) { uiapi { query { Account(first: 2000, upperBound: 5000, after: $after, orderBy: { Name: { order: ASC } }) { edges { node { Name { value } } } pageInfo { hasNextPage endCursor } } } } }',
        { after },
      );
      expect(result.errors).toBeUndefined();
      const connection = result.data.uiapi.query.Account;
      names.push(...nodes(connection).map((n) => n.Name.value));
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after);
    expect(names).toHaveLength(4300);
    expect(new Set(names).size).toBe(names.length);
    const small = await gql(t, '{ uiapi { query { Account(first: 100, upperBound: 500) { edges { node { Id } } } } } }');
    expect(small.errors?.[0]).toMatchObject({ extensions: { ErrorType: 'DataFetchingException' } });
    expect(small.errors?.[0].message).toContain('first must be from 200 to 2000');
  });

  it('gives each edge a cursor to resume after', async () => {
    const first = await page('first: 3');
    const next = await gql(
      t,
      'query($after: String) { uiapi { query { Account(first: 2, after: $after, orderBy: { Name: { order: ASC } }) { edges { node { Name { value } } } } } } }',
      { after: first.edges[1].cursor },
    );
    expect(nodes(next.data.uiapi.query.Account).map((n) => n.Name.value)).toEqual(['Paged 00002', 'Paged 00003']);
  });
});
