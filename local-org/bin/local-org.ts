/**
 * Runs the local org as a process: `npm run org -- --port 6060 --data data/sample [--save] [--alias local]`.
 * Prints the instance URL and the username; the access token goes only to <state dir>/auth.json (mode 0600),
 * never to the terminal.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalOrg } from '../src/index.js';

const usage = `Usage: npm run org -- [--port 6060] [--host 127.0.0.1] [--data <sf data tree folder>] [--save]
       [--project-dir .] [--state-dir .local-org-state] [--alias <name>] [--today YYYY-MM-DD]
       [--seed n] [--latency ms] [--unavailable share] [--rate-limit share] [--lock-rows share] [--cap calls]
       [--no-account-teams]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '6060' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      save: { type: 'boolean', default: false },
      'project-dir': { type: 'string', default: process.cwd() },
      'state-dir': { type: 'string' },
      alias: { type: 'string' },
      today: { type: 'string' },
      seed: { type: 'string' },
      latency: { type: 'string' },
      unavailable: { type: 'string' },
      'rate-limit': { type: 'string' },
      'lock-rows': { type: 'string' },
      cap: { type: 'string' },
      // Account Teams are off in a new Salesforce org: try the commands against such an org.
      'no-account-teams': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (values.save && !values.data) throw new Error('--save writes the org back to its --data folder: give --data too.');
  const number = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got "${text}".\n${usage}`);
    return n;
  };
  const projectDir = resolve(values['project-dir']);
  const faults = Object.fromEntries(
    Object.entries({
      latencyMs: number('latency', values.latency),
      unavailableShare: number('unavailable', values.unavailable),
      rateLimitShare: number('rate-limit', values['rate-limit']),
      lockRowShare: number('lock-rows', values['lock-rows']),
    }).filter(([, v]) => v !== undefined),
  );
  const org = await startLocalOrg({
    port: number('port', values.port),
    host: values.host,
    projectDir,
    dataDir: values.data,
    today: values.today,
    features: { accountTeams: !values['no-account-teams'] },
    seed: number('seed', values.seed),
    apiCallCap: number('cap', values.cap),
    faults,
  });

  const stateDir = resolve(projectDir, values['state-dir'] ?? '.local-org-state');
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const authFile = join(stateDir, 'auth.json');
  writeFileSync(authFile, JSON.stringify({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, username: org.username }, null, 2) + '\n', { mode: 0o600 });
  chmodSync(authFile, 0o600); // writeFileSync keeps the mode of an existing file

  if (values.alias) {
    const { registerLocalOrg } = await import('../src/register.js');
    await registerLocalOrg({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, username: org.username, alias: values.alias });
  }

  console.log(`Local org listening at ${org.instanceUrl}`);
  console.log(`Username: ${org.username}`);
  if (org.loaded) console.log(`Loaded ${Object.values(org.loaded.records).reduce((a, b) => a + b, 0)} records from ${values.data} (${org.loaded.plan})`);
  console.log(`Access token written to ${authFile}${values.alias ? `; registered as target org "${values.alias}"` : ''}`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    try {
      if (values.save) {
        const saved = await org.save();
        console.log(`Saved ${saved.files.length - 1} record files to ${saved.dir} (${saved.plan})`);
      }
    } catch (error) {
      console.error(`Could not save the org on ${signal}: ${(error as Error).message}`);
      process.exitCode = 1;
    } finally {
      await org.stop();
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
