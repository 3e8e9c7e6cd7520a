/**
 * formulon's evaluator without re-parsing: formulon's public `parse(formula, values)` runs its PEG parser on
 * every call (about 2 ms for Due_Date__c), which makes 10,000 formula values or validation rule checks take
 * tens of seconds. Its bundle keeps the parsed-tree evaluator (`traverse`) private, so we load the same
 * bundle once more with those internals exported, parse each formula once, and evaluate the cached tree.
 * Evaluation semantics stay formulon's. If a formulon release renames the internals, we fall back to the
 * public `parse` (correct, only slower).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';
import { parse, type FormulonError, type FormulonLiteral } from 'formulon';

type Internals = {
  build: (formula: string) => unknown;
  replace: (ast: unknown, substitutions: Record<string, unknown>) => unknown;
  traverse: (ast: unknown) => FormulonLiteral | FormulonError;
  coerceLiteral: (literal: FormulonLiteral) => unknown;
};

function loadInternals(): Internals | null {
  try {
    const require = createRequire(import.meta.url);
    const path = require.resolve('formulon');
    const source = readFileSync(path, 'utf8');
    const wrapped = vm.runInThisContext(
      `(function (exports, require, module, __filename, __dirname) {${source}\n;exports.localOrgInternals = { build, replace, traverse, coerceLiteral };\n})`,
      { filename: path },
    ) as (exports: Record<string, unknown>, req: NodeJS.Require, module: { exports: unknown }, file: string, dir: string) => void;
    const exports: Record<string, unknown> = {};
    wrapped(exports, createRequire(path), { exports }, path, dirname(path));
    const internals = exports.localOrgInternals as Internals | undefined;
    return internals && typeof internals.traverse === 'function' ? internals : null;
  } catch {
    return null;
  }
}

const internals = loadInternals();
const trees = new Map<string, unknown>();

export function evaluateWithFormulon(formula: string, substitutions: Record<string, FormulonLiteral>): FormulonLiteral | FormulonError {
  if (!internals) return parse(formula, substitutions);
  let tree = trees.get(formula);
  if (tree === undefined) {
    tree = internals.build(formula.trim());
    trees.set(formula, tree);
  }
  if ((tree as { type?: string }).type === 'error') return tree as FormulonError;
  const coerced: Record<string, unknown> = {};
  for (const [name, literal] of Object.entries(substitutions)) coerced[name] = internals.coerceLiteral(literal);
  return internals.traverse(internals.replace(tree, coerced));
}

export const usesCachedFormulonTrees = internals !== null;
