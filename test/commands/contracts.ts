/**
 * The --json contract of each command: its result validated against schemas/<command>.json. runCommand checks every
 * result a command test gets, so each schema is held against the real results of the command tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AjvModule from 'ajv';
import OutcomesBenchmark from '../../src/commands/outcomes/benchmark.js';
import OutcomesFees from '../../src/commands/outcomes/fees.js';
import HandoverSync from '../../src/commands/outcomes/handover/sync.js';
import MeasurementsImport from '../../src/commands/outcomes/measurements/import.js';
import Recompute from '../../src/commands/outcomes/recompute.js';
import RenewalsSync from '../../src/commands/outcomes/renewals/sync.js';
import OutcomesReport from '../../src/commands/outcomes/report.js';
import OutcomesRisk from '../../src/commands/outcomes/risk.js';
import { schemaFileName } from '../../scripts/contracts/resultSchema.js';
import { projectRoot } from '../../scripts/contracts/commands.js';

/** Every command class by its id (contracts.test.ts checks that this lists every command file). */
export const COMMANDS = new Map<unknown, string>([
  [OutcomesBenchmark, 'outcomes:benchmark'],
  [OutcomesFees, 'outcomes:fees'],
  [HandoverSync, 'outcomes:handover:sync'],
  [MeasurementsImport, 'outcomes:measurements:import'],
  [Recompute, 'outcomes:recompute'],
  [RenewalsSync, 'outcomes:renewals:sync'],
  [OutcomesReport, 'outcomes:report'],
  [OutcomesRisk, 'outcomes:risk'],
]);

type Validate = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
// ajv is CommonJS: its class is the module itself or its default export, depending on the loader.
const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as new (options: object) => { compile(schema: object): Validate };
const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map<string, Validate>();

export function readSchema(commandId: string): object {
  return JSON.parse(readFileSync(path.join(projectRoot, 'schemas', schemaFileName(commandId)), 'utf8')) as object;
}

/** Throws, naming each place where the result departs from its command's schema. */
export function assertMatchesSchema(command: unknown, result: unknown): void {
  const id = COMMANDS.get(command);
  if (!id) return;
  let validate = validators.get(id);
  if (!validate) validators.set(id, (validate = ajv.compile(readSchema(id))));
  if (!validate(result)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
    throw new Error(`The --json result of ${id} does not match schemas/${schemaFileName(id)}: ${problems}`);
  }
}
