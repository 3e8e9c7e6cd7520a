import type { Connection } from '@salesforce/core';

/** The connection every org call goes through: a @salesforce/core Connection (jsforce underneath). */
export type OrgConnection = Connection;

export type SfRecord = Record<string, unknown> & { Id?: string; attributes?: { type: string; url?: string } };
