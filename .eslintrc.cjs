// ESLint for the TypeScript the repository owns, with Salesforce's configuration for sf plugins, as salesforcecli's
// plugins lint theirs. eslint-config-salesforce-typescript 4 is an ESLint 8 (.eslintrc) config: scripts/lint.mjs runs
// the ESLint 8 it brings. The Lightning components are linted by ESLint 9 with eslint.config.cjs.
module.exports = {
  root: true,
  extends: ['eslint-config-salesforce-typescript', 'plugin:sf-plugin/recommended'],
  // A disable comment that suppresses nothing is reported, so stale ones fail the lint.
  reportUnusedDisableDirectives: true,
  rules: {
    // Property names are other systems' names (Salesforce fields, CSV columns, OAuth and REST fields); a binding may
    // carry a Salesforce API name (Initiative__c, Account__r, Outcomes_Setting__mdt).
    camelcase: ['error', { properties: 'never', allow: ['__(c|r|mdt|e)$'] }],
    // SOQL and messages that carry single quotes are written as template literals, which read better than escapes.
    '@typescript-eslint/quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: true }],
    // The code groups thousands from 1_000 up; numbers written with separators are checked, bare ones (hex seeds, years)
    // are left as they are.
    'unicorn/numeric-separators-style': ['error', { onlyIfContainsSeparator: true, number: { minimumDigits: 0 } }],
    // Doc comments hold Markdown, whose wrapped list items are indented.
    'jsdoc/check-indentation': 'off',
    // `const { attributes: _a, ...fields } = record` names what it drops from the copy.
    '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    // In a condition, || is a truth test, not a default (typescript-eslint 8's default).
    '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignoreConditionalTests: true }],
    // A class that implements an interface (the local org's OrgEngine and its test double) keeps the interface's
    // methods as methods, whether or not one of them needs `this`.
    'class-methods-use-this': 'off',
    '@typescript-eslint/class-methods-use-this': ['error', { ignoreClassesThatImplementAnInterface: true }],
  },
  overrides: [
    {
      // The commands extend OutcomesCommand (exit status 0/1/2), which extends SfCommand and adds no flags, so
      // SfCommand's base flags reach every command; spreading its (undefined) flags would widen each command's flag
      // types to FlagInput's index signature and hide misspelt flag names from tsc.
      files: ['src/commands/**'],
      rules: { 'sf-plugin/only-extend-SfCommand': 'off', 'sf-plugin/spread-base-flags': 'off' },
    },
    {
      // zod schema builders: a schema's type is the one zod infers, which spelt out would repeat zod's generics.
      files: ['src/core/fieldSchemas.ts', 'src/core/schemas.ts'],
      rules: { '@typescript-eslint/explicit-function-return-type': 'off' },
    },
    {
      // The first three are what plugin-template-sf relaxes for tests; then jest's globals and what these tests need.
      files: ['test/**', 'local-org/test/**'],
      env: { jest: true },
      rules: {
        // Return types are defined by the source code. Allows for quick overwrites.
        '@typescript-eslint/explicit-function-return-type': 'off',
        // Mocked out the methods that shouldn't do anything in the tests.
        '@typescript-eslint/no-empty-function': 'off',
        // Easily return a promise in a mocked method.
        '@typescript-eslint/require-await': 'off',
        // Tests read the local org's raw JSON (REST, GraphQL, command results) and check its shape with expect().
        '@typescript-eslint/no-unsafe-assignment': 'off',
        '@typescript-eslint/no-unsafe-member-access': 'off',
        '@typescript-eslint/no-unsafe-argument': 'off',
        '@typescript-eslint/no-unsafe-return': 'off',
        '@typescript-eslint/no-unsafe-call': 'off',
        '@typescript-eslint/no-explicit-any': 'off',
        // A test's steps run one after another on purpose: each checks the state the previous one left.
        'no-await-in-loop': 'off',
        // A test is a list of expectations; splitting one to lower its branch count would hide what it checks.
        complexity: 'off',
        // Test doubles keep each private helper beside the method that uses it.
        '@typescript-eslint/member-ordering': 'off',
      },
    },
    {
      // The stand-in Salesforce org the tests run against (not shipped). It interprets the platform's languages and
      // APIs: a route, a field coercion or a SOQL operator is one switch over the platform's cases; its stores fill in
      // the records they are given (derived fields) as the platform does; its classes keep each private helper beside
      // the method that uses it; callbacks in its handlers take the types of the API they implement.
      files: ['local-org/src/**'],
      rules: {
        complexity: 'off',
        'no-param-reassign': 'off',
        '@typescript-eslint/member-ordering': 'off',
        '@typescript-eslint/explicit-function-return-type': ['error', { allowExpressions: true }],
      },
    },
    {
      // Command-line tools print to the terminal: the benchmark, the scripts, the local org's server and the preview.
      files: ['bench/**', 'scripts/**', 'local-org/bin/**', 'local-org/bench/**', 'local-org/src/sample/cli.ts', 'preview/**'],
      rules: { 'no-console': 'off' },
    },
  ],
};
