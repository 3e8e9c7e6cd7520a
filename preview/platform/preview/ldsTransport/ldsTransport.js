// How the preview's stand-in Lightning Data Service reaches the org: same-origin HTTP to the preview server, which
// forwards /services/data/... to the local org with its session. Errors reject as LDS's do: { status, statusText, body }.
export const API_VERSION = 'v64.0';
const BASE = `/services/data/${API_VERSION}`;

export async function callOrg(path, { method = 'GET', body } = {}) {
    const response = await fetch(BASE + path, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : null;
    if (!response.ok) {
        throw { status: response.status, statusText: response.statusText, ok: false, body: parsed };
    }
    return parsed;
}

/** Calls every live adapter's refresh after a write, as LDS's cache would notify its subscribers. */
const subscribers = new Set();
export function subscribe(refresh) {
    subscribers.add(refresh);
    return () => subscribers.delete(refresh);
}
export function notifyChange() {
    return Promise.all([...subscribers].map((refresh) => refresh()));
}
