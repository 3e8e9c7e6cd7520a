// Generated from ldsErrors.ts by `npm run build:lwc`: edit the source, not this file.
function messagesOfBody(body) {
    if (Array.isArray(body))
        return body.flatMap(messagesOfBody);
    if (body === null || typeof body !== 'object')
        return typeof body === 'string' ? [body] : [];
    const { message, pageErrors = [], fieldErrors = {}, output } = body;
    const fromFields = (errors = {}) => Object.values(errors).flat().map((e) => e.message);
    const detailed = [
        ...pageErrors.map((e) => e.message),
        ...fromFields(fieldErrors),
        ...(output?.errors ?? []).map((e) => e.message),
        ...fromFields(output?.fieldErrors),
    ];
    // The UI API's top-level message is a summary ("An error occurred while trying to update the record"): the details say why.
    return detailed.length ? detailed : typeof message === 'string' ? [message] : [];
}
function messagesOf(error) {
    if (error === null || error === undefined)
        return [];
    if (typeof error === 'string')
        return [error];
    if (Array.isArray(error))
        return error.flatMap(messagesOf);
    const { body, message, statusText } = error;
    const fromBody = messagesOfBody(body);
    if (fromBody.length)
        return fromBody;
    if (typeof message === 'string' && message)
        return [message];
    if (typeof statusText === 'string' && statusText)
        return [statusText];
    return [];
}
/** Distinct, non-empty messages of one error or a list of them; a generic sentence when none says anything. */
export function reduceErrors(errors) {
    const messages = [...new Set(messagesOf(errors).map((m) => m.trim()).filter(Boolean))];
    return messages.length ? messages : ['Something went wrong, and the server did not say what.'];
}
/** One sentence for a toast or an inline error. */
export function errorText(errors) {
    return reduceErrors(errors).join(' ');
}
