// Types of the platform modules Lightning components import that no package types: Lightning Data Service's
// wire adapters and functions, toasts, navigation, and the @salesforce/* scoped modules. Script-style (no
// top-level import), so every `declare module` is ambient. Only what the components use is typed.

type LdsAdapter = import('lwc').WireAdapterConstructor<any, any>;

/** A record as the UI API returns it (User Interface API Developer Guide, "Record"). */
type LdsRecord = {
  id: string;
  apiName: string;
  fields: Record<string, { value: unknown; displayValue: string | null }>;
};

/** What an LDS function rejects with, or a wire adapter provisions as `error`. */
type LdsError = { body?: unknown; status?: number; statusText?: string; message?: string };

/** A result provisioned by the graphql wire adapter. */
type GraphqlResult<T = any> = { data?: T; errors?: Array<{ message: string }>; refresh?: () => Promise<void> };

declare module 'lightning/uiGraphQLApi' {
  export const graphql: LdsAdapter;
  export function gql(strings: TemplateStringsArray, ...values: unknown[]): unknown;
  export function refreshGraphQL(result: unknown): Promise<void>;
}

declare module 'lightning/uiRecordApi' {
  export const getRecord: LdsAdapter;
  export function createRecord(input: { apiName: string; fields: Record<string, unknown> }): Promise<LdsRecord>;
  export function updateRecord(input: { fields: Record<string, unknown> & { Id: string } }): Promise<LdsRecord>;
  export function deleteRecord(recordId: string): Promise<void>;
}

declare module 'lightning/uiObjectInfoApi' {
  export const getObjectInfo: LdsAdapter;
  export const getPicklistValues: LdsAdapter;
}

declare module 'lightning/platformShowToastEvent' {
  export class ShowToastEvent extends CustomEvent<unknown> {
    constructor(toast: { title: string; message?: string; variant?: 'info' | 'success' | 'warning' | 'error'; mode?: string });
  }
}

declare module 'lightning/actions' {
  export class CloseActionScreenEvent extends CustomEvent<unknown> {
    constructor();
  }
}

declare module 'lightning/navigation' {
  export const CurrentPageReference: LdsAdapter;
  export const NavigationMixin: {
    <T extends new (...args: any[]) => any>(base: T): T;
    readonly Navigate: unique symbol;
    readonly GenerateUrl: unique symbol;
  };
}

declare module '@salesforce/schema/*' {
  const reference: { objectApiName: string; fieldApiName: string };
  export default reference;
}

declare module '@salesforce/i18n/timeZone' {
  const timeZone: string;
  export default timeZone;
}

declare module '@salesforce/i18n/locale' {
  const locale: string;
  export default locale;
}
