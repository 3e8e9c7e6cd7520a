// lightning/uiGraphQLApi for jest: the wire adapter as sfdx-lwc-jest's stub (emit / emitErrors / getLastConfig), and
// `gql` returning the query text, so a test can see which query a component sends.
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export class graphql extends createTestWireAdapter() {
    static emit(value, filterFn) {
        super.emit({ data: value, errors: undefined }, filterFn);
    }

    static emitErrors(errors, filterFn) {
        super.emit({ data: undefined, errors }, filterFn);
    }

    constructor(dataCallback) {
        super(dataCallback);
        graphql.emit(undefined);
    }
}

export const gql = jest.fn((strings, ...values) => strings.reduce((text, part, i) => text + part + (i < values.length ? values[i] : ''), ''));
export const refreshGraphQL = jest.fn().mockResolvedValue(undefined);
