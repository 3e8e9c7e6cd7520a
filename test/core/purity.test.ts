import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

// The domain core is reused by CLI commands and Lightning components: it may import only itself and zod.
const coreDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/core');
const ALLOWED_PACKAGES = new Set(['zod']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function importsOf(source: string): string[] {
  const specifiers = [...source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((match) => match[1]);
  const dynamic = [...source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1]);
  return [...specifiers, ...dynamic];
}

describe('src/core', () => {
  const files = sourceFiles(coreDir);

  it('is found', () => {
    expect(files.map((file) => relative(coreDir, file))).toEqual(expect.arrayContaining(['dates.ts', 'schemas.ts', 'trajectory.ts']));
  });

  it('imports nothing outside src/core but zod (no fs, no http, no jsforce)', () => {
    const offending = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((specifier) =>
          specifier.startsWith('.') ? !resolve(dirname(file), specifier).startsWith(coreDir) : !ALLOWED_PACKAGES.has(specifier),
        )
        .map((specifier) => `${relative(coreDir, file)} imports ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it('never reads the clock (today is a parameter)', () => {
    const clockReaders = files.filter((file) => /new Date\(\s*\)|Date\.now\(|performance\.now\(/.test(readFileSync(file, 'utf8')));
    expect(clockReaders.map((file) => relative(coreDir, file))).toEqual([]);
  });
});
