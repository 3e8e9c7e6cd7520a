/**
 * `query?columns=true` answers the columns of a query, not its rows: `sf data query` asks for it before it prints a
 * table (plugin-data's retrieveColumns), and fails with "Value is not a JsonArray" without `columnMetadata`.
 */
import { raw, startTestOrg, type TestOrg } from './helpers.js';

let env: TestOrg;

beforeAll(async () => {
  env = await startTestOrg();
});

afterAll(async () => {
  await env.org.stop();
});

type Column = { columnName: string; displayName: string; aggregate: boolean; apexType: string | null; joinColumns: Column[] };

const columnsOf = async (soql: string): Promise<{ status: number; body: { columnMetadata: Column[]; entityName: string; idSelected: boolean; keyPrefix: string } }> => {
  const reply = await raw(env.org, `/services/data/v64.0/query?q=${encodeURIComponent(soql)}&columns=true`);
  return reply as never;
};

describe('GET /query?columns=true', () => {
  it('lists plain fields, parent relationship fields as join columns and child subqueries as aggregate columns', async () => {
    const { status, body } = await columnsOf('SELECT Id, Name, Account.Owner.Name, (SELECT Quantity FROM OpportunityLineItems) FROM Opportunity');
    expect(status).toBe(200);
    expect(body).toMatchObject({ entityName: 'Opportunity', idSelected: true, keyPrefix: '006' });
    const [id, name, account, lines] = body.columnMetadata;
    expect(id).toMatchObject({ columnName: 'Id', apexType: 'Id', aggregate: false, joinColumns: [] });
    expect(name).toMatchObject({ columnName: 'Name', apexType: 'String' });
    expect(account.columnName).toBe('Account');
    expect(account.joinColumns[0].columnName).toBe('Owner');
    expect(account.joinColumns[0].joinColumns[0]).toMatchObject({ columnName: 'Name', displayName: 'Account.Owner.Name' });
    expect(lines).toMatchObject({ columnName: 'OpportunityLineItems', aggregate: true });
    expect(lines.joinColumns.map((c) => c.columnName)).toEqual(['Quantity']);
  });

  it('names an aggregate function by its alias, or exprN', async () => {
    const { body } = await columnsOf('SELECT COUNT(Id), StageName FROM Opportunity GROUP BY StageName');
    expect(body.columnMetadata[0]).toMatchObject({ columnName: 'expr0', displayName: 'COUNT(Id)', aggregate: true });
  });

  it('answers an unknown field as the query would: 400 INVALID_FIELD', async () => {
    const { status, body } = await columnsOf('SELECT Nope__c FROM Account');
    expect(status).toBe(400);
    expect((body as unknown as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALID_FIELD');
  });
});
