// The preview page: synthetic shadow first (so SLDS classes reach the components' templates, as on the platform),
// then the components of this record page, each given recordId and objectApiName as a record page gives them.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import { NAMED_PAGES, PAGES } from './pages';

// /lightning/r/{objectApiName}/{recordId}/view, or /lightning/page/{name} (Home: no record).
const [, , kind, objectApiName, recordId] = window.location.pathname.split('/');
const main = document.querySelector('main');
const components = kind === 'page' ? NAMED_PAGES[objectApiName] : PAGES[objectApiName];

for (const { tag, is } of components ?? []) {
    const element = createElement(tag, { is });
    if (kind === 'r') {
        element.recordId = recordId;
        element.objectApiName = objectApiName;
    }
    const region = document.createElement('div');
    region.className = 'slds-var-m-bottom_medium';
    region.appendChild(element);
    main.appendChild(region);
}

// Toasts in a live region, so a screen reader hears them and a test can read them.
const toasts = document.getElementById('toasts');
document.addEventListener('lightning__showtoast', (event) => {
    const { title, message, variant = 'info' } = event.detail ?? {};
    const toast = document.createElement('div');
    toast.className = `slds-notify slds-notify_toast slds-theme_${variant === 'error' ? 'error' : variant === 'success' ? 'success' : 'info'}`;
    toast.dataset.variant = variant;
    const text = document.createElement('h2');
    text.className = 'slds-text-heading_small';
    text.textContent = message ? `${title}: ${message}` : title;
    toast.appendChild(text);
    toasts.appendChild(toast);
    setTimeout(() => toast.remove(), 8000);
});

document.addEventListener('lightning__actionsclosescreen', () => {
    main.dataset.actionClosed = 'true';
});

document.body.dataset.ready = 'true';
