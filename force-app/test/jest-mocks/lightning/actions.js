// lightning/actions for jest: the event a screen quick action dispatches to close itself.
export const CloseActionScreenEvent = jest.fn(function CloseActionScreenEvent() {
    return new CustomEvent('close_action_screen');
});
