/**
 * The commands' contracts, as plugin-template-sf checks them: command-snapshot.json (ids, aliases, flags, short
 * flags), schemas/<command>.json (the --json result, generated from the result types) and the flag tables of
 * docs/commands (generated from the flags and messages). Each must equal what `npm run contracts` generates now:
 * a changed flag or result shows up as a change to these files, in review. The schemas are also held against
 * real results (runCommand in harness.ts validates every result the command tests get).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { commandFiles, commandSnapshot, loadCommand, projectRoot } from '../../scripts/contracts/commands.js';
import { docsPage, flagTable, withFlagTable } from '../../scripts/contracts/docs.js';
import { resultSchemas } from '../../scripts/contracts/resultSchema.js';
import { assertMatchesSchema, COMMANDS, readSchema } from './contracts.js';

const FIX = 'run `npm run contracts` and review the change';

describe('command contracts', () => {
  it('command-snapshot.json lists every command with its flags, short flags and aliases', async () => {
    const committed = JSON.parse(readFileSync(path.join(projectRoot, 'command-snapshot.json'), 'utf8')) as unknown;
    expect({ snapshot: committed, fix: FIX }).toEqual({ snapshot: await commandSnapshot(), fix: FIX });
  });

  it('gives each short flag one meaning across the commands', async () => {
    const meanings = new Map<string, Set<string>>();
    for (const { file } of commandFiles()) {
      const command = await loadCommand(file);
      for (const [name, flag] of Object.entries({ ...(command.baseFlags ?? {}), ...(command.flags ?? {}) })) {
        if (flag.char) meanings.set(flag.char, (meanings.get(flag.char) ?? new Set()).add(name));
      }
    }
    const ambiguous = [...meanings].filter(([, names]) => names.size > 1).map(([char, names]) => `-${char}: ${[...names].join(', ')}`);
    expect(ambiguous).toEqual([]);
  });

  it('schemas/ holds the JSON schema of each command result, as generated from its type', () => {
    for (const [id, schema] of resultSchemas()) {
      expect({ id, schema: readSchema(id), fix: FIX }).toEqual({ id, schema, fix: FIX });
    }
  }, 60_000);

  it('knows the class of every command, so the command tests validate every result', () => {
    expect([...COMMANDS.values()].sort()).toEqual(commandFiles().map((c) => c.id));
  });

  it('refuses a result that departs from the schema, naming where', () => {
    const [riskCommand] = [...COMMANDS].find(([, id]) => id === 'outcomes:risk') ?? [];
    expect(() => assertMatchesSchema(riskCommand, { asOf: '2026-01-01' })).toThrow(/outcomes:risk.*must have required property 'withinDays'/);
    const result = { asOf: '2026-01-01', withinDays: 1, windowEnd: '2026-01-02', renewals: [], apiCalls: { total: 1 }, totals: { initiativesRenewing: '0' } };
    expect(() => assertMatchesSchema(riskCommand, result)).toThrow(/\/totals\/initiativesRenewing must be number/);
  });

  it('docs/commands lists each command\'s flags as --help does', async () => {
    for (const { id, file } of commandFiles()) {
      const page = readFileSync(docsPage(id), 'utf8');
      const table = flagTable(await loadCommand(file));
      expect({ page: docsPage(id), upToDate: page === withFlagTable(page, table), fix: FIX }).toEqual({ page: docsPage(id), upToDate: true, fix: FIX });
    }
  });
});
