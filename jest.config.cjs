// One jest run for the domain core, the CLI plugin, the local org and the Lightning components.
const { jestConfig: lwcJestConfig } = require('@salesforce/sfdx-lwc-jest/config');

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
      testMatch: ['**/*.test.ts'],
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
    },
  ],
};
