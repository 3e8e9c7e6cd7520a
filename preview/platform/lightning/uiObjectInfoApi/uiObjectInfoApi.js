// Stand-in for lightning/uiObjectInfoApi over the org's UI API: getObjectInfo and getPicklistValues.
import { callOrg } from 'preview/ldsTransport';

class UiApiAdapter {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
    }

    connect() {}

    disconnect() {}

    update(config) {
        const path = this.pathOf(config);
        if (!path) return;
        callOrg(path).then(
            (data) => this.dataCallback({ data, error: undefined }),
            (error) => this.dataCallback({ data: undefined, error })
        );
    }
}

const objectOf = (value) => (typeof value === 'string' ? value : value?.objectApiName);

export class getObjectInfo extends UiApiAdapter {
    pathOf({ objectApiName }) {
        const name = objectOf(objectApiName);
        return name ? `/ui-api/object-info/${name}` : null;
    }
}

export class getPicklistValues extends UiApiAdapter {
    pathOf({ recordTypeId, fieldApiName }) {
        if (!recordTypeId || !fieldApiName) return null;
        const [object, field] = typeof fieldApiName === 'string' ? fieldApiName.split('.') : [fieldApiName.objectApiName, fieldApiName.fieldApiName];
        return `/ui-api/object-info/${object}/picklist-values/${recordTypeId}/${field}`;
    }
}
