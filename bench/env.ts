/**
 * The benchmark's environment, set before anything loads @salesforce/core: a HOME of its own (its org aliases and
 * auth files never touch the developer's), no telemetry, no update checks, no log files. Imported first by run.ts;
 * the child processes inherit it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const benchHome = path.join(projectRoot, '.tmp', 'bench-home');
export const benchWork = path.join(projectRoot, '.tmp', 'bench');

mkdirSync(benchHome, { recursive: true });
mkdirSync(benchWork, { recursive: true });
Object.assign(process.env, {
  HOME: benchHome,
  TMPDIR: benchWork,
  SF_DISABLE_TELEMETRY: 'true',
  SF_AUTOUPDATE_DISABLE: 'true',
  SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
  SF_DISABLE_LOG_FILE: 'true',
  SF_SKIP_NEW_VERSION_CHECK: 'true',
  SFDX_DISABLE_DNS_CHECK: 'true',
});
