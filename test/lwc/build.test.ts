/**
 * The JavaScript the platform deploys is the TypeScript the components are written in, compiled now: a stale `.js`
 * or a stale `c/outcomesCore` bundle fails here (run `npm run build:lwc`), as do tsconfig paths that miss a module.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { componentSources, expectedOutputs, expectedPaths, LWC_DIR, PROJECT_ROOT, readTsconfig } from '../../scripts/lwc/build.js';

describe('compiled Lightning components', () => {
  const outputs = expectedOutputs();

  it('compiles every TypeScript source of force-app/main/default/lwc (not tests)', () => {
    const sources = componentSources().map((file) => relative(LWC_DIR, file));
    expect(sources).toEqual(expect.arrayContaining(['ldsErrors/ldsErrors.ts']));
    expect(sources.filter((file) => file.includes('__tests__'))).toEqual([]);
  });

  it('has every .js current with its .ts and with src/core (else run `npm run build:lwc`)', () => {
    const stale = [...outputs].filter(([file, content]) => !existsSync(file) || readFileSync(file, 'utf8') !== content).map(([file]) => relative(PROJECT_ROOT, file));
    expect(stale).toEqual([]);
  });

  it('keeps decorators as decorators (LWC rejects the helper calls of legacy decorators: LWC1104)', () => {
    const compiled = [...outputs.values()].join('\n');
    expect(compiled).not.toMatch(/__decorate|__esDecorate|__runInitializers/);
  });

  it('maps c/<module> to its source in lwc/tsconfig.json for every module folder', () => {
    expect(readTsconfig().compilerOptions.paths).toEqual(expectedPaths());
  });
});

describe('c/outcomesCore', () => {
  const core = [...expectedOutputs()].find(([file]) => file.endsWith('outcomesCore/outcomesCore.js'))![1];

  it('exports what the components compute with', () => {
    for (const name of ['assessOutcome', 'assessmentFields', 'dueDateOf', 'quantitySummary', 'deadlineSummary', 'OutcomeRequirement', 'Measurement', 'fieldsOf']) {
      expect({ name, exported: new RegExp(`export \\{[^}]*\\b${name}\\b`).test(core) }).toEqual({ name, exported: true });
    }
  });

  it('holds nothing Lightning Web Security refuses: no eval, no Function constructor, no globals beyond the language', () => {
    expect(core).not.toMatch(/\beval\s*\(|\bnew Function\b|\bFunction\s*\(/);
    expect(core).not.toMatch(/\b(?:window|document|globalThis|self|process|require|XMLHttpRequest|fetch|localStorage|setTimeout)\b/);
    expect(core).not.toMatch(/\bimport\s*\(/);
  });

  it('bundles the pure core only: no zod, no other package, and stays small', () => {
    expect(core).not.toMatch(/zod/i);
    expect(core).not.toMatch(/^import /m);
    expect(core.length).toBeLessThan(40_000);
  });
});
