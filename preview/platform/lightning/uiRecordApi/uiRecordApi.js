// Stand-in for lightning/uiRecordApi over the org's UI API (records resource): createRecord, updateRecord,
// deleteRecord, and the getRecord wire adapter.
import { callOrg, notifyChange, subscribe } from 'preview/ldsTransport';

const fieldName = (field) => (typeof field === 'string' ? field : `${field.objectApiName}.${field.fieldApiName}`);

export async function createRecord({ apiName, fields }) {
    const record = await callOrg('/ui-api/records', { method: 'POST', body: { apiName, fields } });
    await notifyChange();
    return record;
}

export async function updateRecord({ fields }) {
    const { Id, ...changes } = fields;
    const record = await callOrg(`/ui-api/records/${encodeURIComponent(Id)}`, { method: 'PATCH', body: { fields: changes } });
    await notifyChange();
    return record;
}

export async function deleteRecord(recordId) {
    await callOrg(`/ui-api/records/${encodeURIComponent(recordId)}`, { method: 'DELETE' });
    await notifyChange();
}

export function getFieldValue(record, field) {
    const path = fieldName(field).split('.').slice(1);
    let node = record;
    for (const part of path) node = node?.fields?.[part]?.value;
    return node ?? undefined;
}

export class getRecord {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
    }

    connect() {
        this.unsubscribe = subscribe(() => this.load());
    }

    disconnect() {
        this.unsubscribe?.();
    }

    update(config) {
        this.config = config;
        this.load();
    }

    async load() {
        const { recordId, fields = [], optionalFields = [] } = this.config ?? {};
        if (!recordId) return;
        const params = new URLSearchParams();
        if (fields.length) params.set('fields', fields.map(fieldName).join(','));
        if (optionalFields.length) params.set('optionalFields', optionalFields.map(fieldName).join(','));
        try {
            this.dataCallback({ data: await callOrg(`/ui-api/records/${encodeURIComponent(recordId)}?${params}`), error: undefined });
        } catch (error) {
            this.dataCallback({ data: undefined, error });
        }
    }
}
