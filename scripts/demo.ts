/**
 * `npm start`: the CS-ops day on the local org with the shipped sample data.
 *
 * Starts the local org as its own process, registers it as the target org `outcomes-local`, runs the real
 * `sf outcomes` commands against it (the compiled plugin, as `sf` would), writes a value report, and stops the org.
 * Every run starts from the same sample data, so a second `npm start` does the same thing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sampleDir = path.join(root, 'data', 'sample');
const outDir = path.join(root, 'out', 'demo');
const stateDir = path.join(outDir, 'local-org');
const alias = 'outcomes-local';
/** The day the sample data was generated for: the org judges "today" by it, so the demo reads the same every time. */
const sampleToday = '2026-11-23';

const bold = (text: string): string => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[22m` : text);

function step(title: string): void {
  console.log(`\n${bold(`── ${title} ${'─'.repeat(Math.max(0, 74 - title.length))}`)}`);
}

/** Starts the local org and resolves once it has registered itself; the token stays in its state folder. */
function startOrg(): Promise<ChildProcess> {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  const org = spawn(
    tsx,
    ['local-org/bin/local-org.ts', '--port', '0', '--data', 'data/sample', '--state-dir', path.relative(root, stateDir), '--alias', alias, '--today', sampleToday],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((ready, fail) => {
    let output = '';
    org.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      process.stdout.write(text);
      output += text;
      if (output.includes('registered as target org')) ready(org);
    });
    org.once('exit', (code) => fail(new Error(`The local org stopped before it was ready (exit code ${String(code)}).`)));
    org.once('error', fail);
  });
}

/**
 * Runs `sf outcomes ...` through the compiled plugin, as the sf CLI would; returns the exit code. `allowRefused`
 * accepts exit status 1 (records refused, listed by the command); 2, a run that could not complete, always fails.
 */
function sf(args: string[], options: { allowRefused?: boolean } = {}): number {
  console.log(`\n$ sf ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [path.join(root, 'bin', 'run.js'), ...args], { cwd: root, stdio: 'inherit' });
  const code = result.status ?? 1;
  if (code !== 0 && !(code === 1 && options.allowRefused)) throw new Error(`sf ${args.slice(0, 3).join(' ')} failed with exit code ${code}.`);
  return code;
}

/** Runs a command with --json and returns its result, for the few things the demo needs to pick. */
function sfJson<T>(args: string[]): T {
  const result = spawnSync(process.execPath, [path.join(root, 'bin', 'run.js'), ...args, '--json'], { cwd: root, encoding: 'utf8' });
  const parsed = JSON.parse(result.stdout) as { status: number; result: T; message?: string };
  if (parsed.status !== 0) throw new Error(`sf ${args.slice(0, 3).join(' ')} failed: ${parsed.message ?? 'no message'}`);
  return parsed.result;
}

type SampleUser = { Username: string; Title?: string };

function defaultCsmUsername(): string {
  const users = (JSON.parse(readFileSync(path.join(sampleDir, 'User.json'), 'utf8')) as { records: SampleUser[] }).records;
  const csm = users.find((u) => u.Title === 'Customer Success Manager');
  if (!csm) throw new Error('The sample data has no user with the title Customer Success Manager.');
  return csm.Username;
}

type RiskRow = { accountId: string; accountName: string | null };

/** The account with the most renewals at risk (the soonest first on a tie): the one a CSM would open first. */
function accountToReport(risks: RiskRow[]): RiskRow | undefined {
  const count = (id: string): number => risks.filter((r) => r.accountId === id).length;
  return [...risks].sort((a, b) => count(b.accountId) - count(a.accountId))[0];
}

async function main(): Promise<void> {
  if (!existsSync(path.join(root, 'lib', 'commands'))) throw new Error('The plugin is not built: run `npm start`, which builds it first.');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const measurementsCsv = path.join(outDir, 'measurements.csv');
  copyFileSync(path.join(sampleDir, 'measurements.csv'), measurementsCsv);

  step('1. Start the local org with the sample book of business');
  const org = await startOrg();
  try {
    step('2. Handover: initiatives and solution components for every won deal');
    sf(['outcomes', 'handover', 'sync', '--target-org', alias, '--default-csm', defaultCsmUsername()]);

    step('3. Renewals: renewal dates of renewable lines and the next renewal of each initiative');
    sf(['outcomes', 'renewals', 'sync', '--target-org', alias]);

    step('4. Import measurements (the sample file has six bad rows on purpose)');
    sf(['outcomes', 'measurements', 'import', '--target-org', alias, '--file', path.relative(root, measurementsCsv)], { allowRefused: true });

    step('5. Recompute attainment, forecast and status of every outcome, and what each fee at risk earns');
    sf(['outcomes', 'recompute', '--target-org', alias, '--as-of', sampleToday]);

    step('6. Benchmark: improvement from baseline per KPI across customers (only groups of at least 5, no names)');
    const benchmarkFile = path.join(outDir, 'benchmark-export.csv');
    sf(['outcomes', 'benchmark', '--target-org', alias, '--export', path.relative(root, benchmarkFile)]);

    step('7. Renewals at risk in the next 365 days');
    sf(['outcomes', 'risk', '--target-org', alias, '--within', '365', '--as-of', sampleToday]);

    step('8. Fees at risk: earned, forecast to earn, forfeited, and the renewals whose fee forecast falls short');
    sf(['outcomes', 'fees', '--target-org', alias, '--within', '365', '--as-of', sampleToday]);

    step('9. Value-realization report for one account (for the customer, with its standing among peers where there are enough), and the internal variant with the fee position');
    const risk = sfJson<{ renewals: RiskRow[] }>(['outcomes', 'risk', '--target-org', alias, '--within', '365', '--as-of', sampleToday]);
    const account = accountToReport(risk.renewals);
    if (!account) throw new Error('No renewal at risk in the sample data: nothing to report on.');
    const reportFile = path.join(outDir, 'value-report.html');
    sf(['outcomes', 'report', '--target-org', alias, '--account', account.accountId, '--format', 'html', '--output', path.relative(root, reportFile), '--as-of', sampleToday]);
    // The account with the most fee at risk, for the account team: the customer report leaves fees out.
    const fees = sfJson<{ accounts: Array<{ accountId: string; accountName: string | null; atRisk: number }> }>(['outcomes', 'fees', '--target-org', alias, '--as-of', sampleToday]);
    const feeAccount = [...fees.accounts].sort((a, b) => b.atRisk - a.atRisk)[0];
    const internalFile = path.join(outDir, 'value-report-internal.html');
    if (feeAccount) {
      sf(['outcomes', 'report', '--target-org', alias, '--account', feeAccount.accountId, '--format', 'html', '--audience', 'internal', '--output', path.relative(root, internalFile), '--as-of', sampleToday]);
    }

    step('Done');
    const errorFile = path.join(outDir, 'measurements.errors.csv');
    console.log(`Value report for ${account.accountName ?? account.accountId}: ${path.relative(process.cwd(), reportFile)}`);
    console.log(`Anonymised benchmark aggregates for an independent pool: ${path.relative(process.cwd(), benchmarkFile)}`);
    if (feeAccount) console.log(`Internal value report, with the fee position, for ${feeAccount.accountName ?? feeAccount.accountId}: ${path.relative(process.cwd(), internalFile)}`);
    if (existsSync(errorFile)) console.log(`Rejected measurement rows, with the reason for each: ${path.relative(process.cwd(), errorFile)}`);
    console.log(`
The same commands run against a real org:
  sf org login web --alias my-org
  sf project deploy start --target-org my-org          # the Outcomes objects, app and permission sets
  sf org assign permset --name Outcomes_CS_Ops_Integration --target-org my-org
  sf outcomes handover sync --target-org my-org --dry-run

The Lightning components (outcome tracker, handover checklist, renewal radar) in a browser, on a local org with the
sample book, without a Salesforce account:
  npm run preview                                      # then open the address it prints (Home: /lightning/page/home)`);
  } finally {
    org.kill('SIGTERM');
    await new Promise((done) => org.once('exit', done));
  }
}

main().catch((error: unknown) => {
  console.error(`\nnpm start failed: ${(error as Error).message}`);
  process.exit(1);
});
