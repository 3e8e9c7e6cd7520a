// Stand-in for lightning/platformShowToastEvent: the page (preview/app) shows the toast in a live region.
export class ShowToastEvent extends CustomEvent {
    constructor(toast) {
        super('lightning__showtoast', { detail: toast, bubbles: true, composed: true });
    }
}
