// One jest run for the domain core, the CLI plugin, the local org and the Lightning components.
const path = require('node:path');
const { jestConfig: lwcJestConfig } = require('@salesforce/sfdx-lwc-jest/config');

// The browser preview needs LWC 9 at the top of node_modules; sfdx-lwc-jest compiles with LWC 8 and must run on its
// own engine, so the component tests take the engine packages from where sfdx-lwc-jest resolves them.
const sfdxLwcJestDir = path.dirname(require.resolve('@salesforce/sfdx-lwc-jest/package.json'));
const engineOfSfdxLwcJest = (name) => require.resolve(name, { paths: [sfdxLwcJestDir] });

const swcEsm = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
  },
];

module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/test', '<rootDir>/local-org'],
      // *.nut.ts: the commands run as the CLI runs them (see test/nuts).
      testMatch: ['**/*.test.ts', '**/*.nut.ts'],
      extensionsToTreatAsEsm: ['.ts'],
      transform: { '^.+\\.ts$': swcEsm },
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      setupFiles: ['<rootDir>/test/setupEnv.cjs'],
    },
    {
      ...lwcJestConfig,
      displayName: 'lwc',
      roots: ['<rootDir>/force-app'],
      testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/.localdevserver'],
      // Shared mocks of platform modules sfdx-lwc-jest does not stub (or stubs too thinly), beside its own.
      moduleNameMapper: {
        ...lwcJestConfig.moduleNameMapper,
        '^lwc$': engineOfSfdxLwcJest('@lwc/engine-dom'),
        '^@lwc/engine-dom$': engineOfSfdxLwcJest('@lwc/engine-dom'),
        '^@lwc/synthetic-shadow$': engineOfSfdxLwcJest('@lwc/synthetic-shadow'),
        '^@lwc/wire-service$': engineOfSfdxLwcJest('@lwc/wire-service'),
        '^lightning/uiGraphQLApi$': '<rootDir>/force-app/test/jest-mocks/lightning/uiGraphQLApi',
        '^lightning/actions$': '<rootDir>/force-app/test/jest-mocks/lightning/actions',
        '^lightning/navigation$': '<rootDir>/force-app/test/jest-mocks/lightning/navigation',
      },
      setupFilesAfterEnv: [...(lwcJestConfig.setupFilesAfterEnv ?? []), '<rootDir>/force-app/test/jest-setup.js'],
    },
  ],
};
