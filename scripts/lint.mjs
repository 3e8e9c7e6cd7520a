// The TypeScript half of `npm run lint`: Salesforce's config for sf plugins (.eslintrc.cjs) over the TypeScript the
// repository owns. eslint-config-salesforce-typescript 4 is an ESLint 8 config, so this runs the ESLint 8 it depends on
// (found through the config package, wherever npm put it) and resolves the config's plugins from there too.
// Extra arguments are ESLint options: `npm run lint:ts -- --fix`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const TARGETS = ['src', 'local-org', 'bench', 'scripts', 'test', 'preview'];

const require = createRequire(import.meta.url);
const configDir = path.dirname(require.resolve('eslint-config-salesforce-typescript/package.json'));
const eslintDir = path.dirname(createRequire(path.join(configDir, 'index.js')).resolve('eslint/package.json'));
const args = process.argv.slice(2);
const { status } = spawnSync(
  process.execPath,
  [path.join(eslintDir, 'bin', 'eslint.js'), '--resolve-plugins-relative-to', configDir, '--max-warnings', '0', ...args, ...TARGETS],
  // ESLint 8 would take eslint.config.cjs (the components' flat config) over .eslintrc.cjs without this.
  { stdio: 'inherit', env: { ...process.env, ESLINT_USE_FLAT_CONFIG: 'false' } },
);
process.exit(status ?? 1);
