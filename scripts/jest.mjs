// `npm test` runs jest twice: the node project (domain core, plugin, local org, browser tests) as native ESM
// (--experimental-vm-modules), and the Lightning components without it: sfdx-lwc-jest compiles components to
// CommonJS, and under the ESM flag jest would load every .js of this "type": "module" package as ESM instead.
// Arguments pass through to both; `--selectProjects node|lwc` runs one.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const jest = fileURLToPath(new URL('../node_modules/jest/bin/jest.js', import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf('--selectProjects');
const selected = at >= 0 ? args.splice(at, 2)[1].split(',') : ['node', 'lwc'];

const runs = [
  { project: 'node', nodeFlags: ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning'] },
  { project: 'lwc', nodeFlags: [] },
].filter((run) => selected.includes(run.project));

let status = 0;
for (const { project, nodeFlags } of runs) {
  const result = spawnSync(process.execPath, [...nodeFlags, jest, '--selectProjects', project, '--passWithNoTests', ...args], { stdio: 'inherit' });
  if (result.status !== 0) status = result.status ?? 1;
}
process.exit(status);
