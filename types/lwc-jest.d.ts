// What the component tests (sfdx-lwc-jest, Babel, CommonJS) see beyond @types/jest: `require` for JSON fixtures, as
// lwc-recipes load them, and @sa11y/jest's matcher, registered in force-app/test/jest-setup.js.
declare function require(id: string): any;

declare namespace jest {
  interface Matchers<R> {
    toBeAccessible(): Promise<R>;
  }
}

// The shared jest mock of lightning/navigation (force-app/test/jest-mocks) adds what a test reads back.
declare module 'lightning/navigation' {
  export function getNavigateCalledWith(): { pageReference: unknown; replace: unknown };
  export function resetNavigate(): void;
}
