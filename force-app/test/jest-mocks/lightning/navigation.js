// lightning/navigation for jest, as lwc-recipes' mock: NavigationMixin records the page reference it was asked to
// navigate to (getNavigateCalledWith), so a test can check where a link leads.
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const CurrentPageReference = createTestWireAdapter(jest.fn());

let navigatePageReference;
let navigateReplace;

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export const NavigationMixin = (Base) =>
    class extends Base {
        [Navigate](pageReference, replace) {
            navigatePageReference = pageReference;
            navigateReplace = replace;
        }

        [GenerateUrl]() {
            return Promise.resolve('https://www.example.com');
        }
    };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

export const getNavigateCalledWith = () => ({ pageReference: navigatePageReference, replace: navigateReplace });

export const resetNavigate = () => {
    navigatePageReference = undefined;
    navigateReplace = undefined;
};
