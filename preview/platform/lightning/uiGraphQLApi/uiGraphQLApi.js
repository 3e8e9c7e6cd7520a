// Stand-in for lightning/uiGraphQLApi: the graphql wire adapter posts { query, variables, operationName } to the
// org's GraphQL API and provisions { data, errors }; refreshGraphQL(result) queries again for the adapter that
// provisioned that result.
import { callOrg } from 'preview/ldsTransport';

export function gql(strings, ...values) {
    return strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), '');
}

const owners = new WeakMap();

export class graphql {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
        this.config = undefined;
        this.connected = false;
    }

    connect() {
        this.connected = true;
    }

    disconnect() {
        this.connected = false;
    }

    update(config) {
        this.config = config;
        this.load();
    }

    async load() {
        const { query, variables, operationName } = this.config ?? {};
        if (!query) return;
        let result;
        try {
            const body = await callOrg('/graphql', { method: 'POST', body: { query, variables: variables ?? {}, operationName } });
            result = { data: body.errors?.length ? undefined : body.data, errors: body.errors?.length ? body.errors : undefined };
        } catch (error) {
            result = { data: undefined, errors: [{ message: error.body?.[0]?.message ?? error.statusText ?? 'The GraphQL API did not answer' }] };
        }
        result.refresh = () => this.load();
        owners.set(result, this);
        if (this.connected) this.dataCallback(result);
    }
}

export function refreshGraphQL(result) {
    const owner = result && owners.get(result);
    if (owner) return owner.load();
    return result?.refresh ? result.refresh() : Promise.resolve();
}
