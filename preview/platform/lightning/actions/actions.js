// Stand-in for lightning/actions: the page closes the quick action's panel on this event.
export class CloseActionScreenEvent extends CustomEvent {
    constructor() {
        super('lightning__actionsclosescreen', { bubbles: true, composed: true });
    }
}
