// What the component tests (sfdx-lwc-jest, Babel, CommonJS) see beyond @types/jest: `require` for JSON fixtures, as
// lwc-recipes load them, and @sa11y/jest's matcher, registered in force-app/test/jest-setup.js.
declare function require(id: string): any;

declare namespace jest {
  interface Matchers<R> {
    toBeAccessible(): Promise<R>;
  }
}
