/**
 * Commands stay thin (issue 13, item 7): a command file reads its flags, fetches, plans, applies and reports, and
 * nothing else; what it reports with (the --json result's assembly, the --verbose tables, the summary's mapping) lives
 * in src/cli, what queries in src/org. Imports point one way: commands → cli, org, report, core; nothing imports a
 * command, and src/org and src/report never import src/cli.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
/** The most lines a command file may have. */
const MAX_COMMAND_LINES = 200;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function lineCount(file: string): number {
  return readFileSync(file, 'utf8').replace(/\n$/, '').split('\n').length;
}

/** The project folders (src/<folder>) a file imports from. */
function foldersImported(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const patterns = [
    /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g, // import … from, export … from
    /(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g, // import for its side effects
    /import\(\s*['"]([^'"]+)['"]\s*\)/g, // dynamic import
  ];
  const specifiers = patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]));
  return specifiers.filter((s) => s.startsWith('.')).map((s) => relative(srcDir, resolve(dirname(file), s)).split('/')[0]);
}

describe('src/commands', () => {
  const commands = sourceFiles(join(srcDir, 'commands'));

  it('is found', () => {
    expect(commands.map((file) => relative(srcDir, file))).toEqual(expect.arrayContaining(['commands/outcomes/recompute.ts', 'commands/outcomes/handover/sync.ts']));
  });

  it(`holds command files of at most ${MAX_COMMAND_LINES} lines`, () => {
    const long = commands.filter((file) => lineCount(file) > MAX_COMMAND_LINES).map((file) => `${relative(srcDir, file)}: ${lineCount(file)} lines`);
    expect(long).toEqual([]);
  });

  it('is imported by no module of src (commands are the top of the import graph)', () => {
    const others = sourceFiles(srcDir).filter((file) => !file.startsWith(join(srcDir, 'commands')));
    const offending = others.filter((file) => foldersImported(file).includes('commands')).map((file) => relative(srcDir, file));
    expect(offending).toEqual([]);
  });
});

describe('src/org and src/report', () => {
  it('never import src/cli (what a command prints is no business of the org or the renderer)', () => {
    const files = [...sourceFiles(join(srcDir, 'org')), ...sourceFiles(join(srcDir, 'report'))];
    const offending = files.filter((file) => foldersImported(file).includes('cli')).map((file) => relative(srcDir, file));
    expect(offending).toEqual([]);
  });
});
