// Stand-in for lightning/navigation: record pages are /lightning/r/{object}/{id}/view, as in Lightning Experience.
const urlOf = ({ type, attributes = {} }) =>
    type === 'standard__recordPage' ? `/lightning/r/${attributes.objectApiName ?? 'sObject'}/${attributes.recordId}/${attributes.actionName ?? 'view'}` : '/';

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export function NavigationMixin(Base) {
    return class extends Base {
        [Navigate](pageReference) {
            window.location.assign(urlOf(pageReference));
        }

        [GenerateUrl](pageReference) {
            return Promise.resolve(urlOf(pageReference));
        }
    };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

export class CurrentPageReference {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
    }

    connect() {
        const [, , , objectApiName, recordId, actionName] = window.location.pathname.split('/');
        this.dataCallback({ type: 'standard__recordPage', attributes: { objectApiName, recordId, actionName }, state: {} });
    }

    disconnect() {}

    update() {}
}
