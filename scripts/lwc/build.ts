/**
 * `npm run build:lwc`: writes the JavaScript the platform deploys from the TypeScript the components are written in.
 *
 * - every `lwc/<name>/<name>.ts` (and other .ts modules of a bundle) → the `.js` beside it, transpiled one file at a
 *   time with ESNext decorators (LWC's compiler rejects the helper calls that legacy or ES2022 decorators become);
 * - `lwc/outcomesCore/outcomesCore.js`: the domain core (src/core/forComponents.ts) bundled by esbuild, so the
 *   components compute attainment and status exactly as the CLI does, from one source;
 * - the `paths` of lwc/tsconfig.json, one per module folder (tsconfig cannot map `c/*` to `<name>/<name>`).
 *
 * The outputs are checked in (a deploy needs them); test/lwc/build.test.ts fails when one is stale.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import ts from 'typescript';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const LWC_DIR = path.join(PROJECT_ROOT, 'force-app', 'main', 'default', 'lwc');
export const CORE_ENTRY = path.join(PROJECT_ROOT, 'src', 'core', 'forComponents.ts');
export const CORE_MODULE = 'outcomesCore';
const TSCONFIG = path.join(LWC_DIR, 'tsconfig.json');

const header = (from: string): string => `// Generated from ${from} by \`npm run build:lwc\`: edit the source, not this file.\n`;

/** Module folders under lwc/ (a component or a module without a template). */
export function moduleFolders(): string[] {
  return readdirSync(LWC_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

/** The TypeScript sources that become deployed JavaScript: not tests, not declarations. */
export function componentSources(): string[] {
  return moduleFolders().flatMap((folder) =>
    readdirSync(path.join(LWC_DIR, folder))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
      .map((file) => path.join(LWC_DIR, folder, file)),
  );
}

export function transpileComponent(tsFile: string): string {
  const { outputText } = ts.transpileModule(readFileSync(tsFile, 'utf8'), {
    fileName: tsFile,
    compilerOptions: {
      target: ts.ScriptTarget.ESNext,
      module: ts.ModuleKind.ESNext,
      experimentalDecorators: false,
      useDefineForClassFields: true,
      verbatimModuleSyntax: true,
      removeComments: false,
    },
  });
  return header(path.basename(tsFile)) + outputText;
}

export function bundleCore(): string {
  const result = buildSync({
    entryPoints: [CORE_ENTRY],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'neutral',
    legalComments: 'none',
    charset: 'utf8',
    write: false,
  });
  return header(path.relative(PROJECT_ROOT, CORE_ENTRY)) + result.outputFiles[0].text;
}

/** tsconfig paths: `c/<folder>` → its TypeScript (for outcomesCore: the core's entry, so it is typed from the source). */
export function expectedPaths(): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  for (const folder of moduleFolders()) {
    if (folder === CORE_MODULE) paths[`c/${folder}`] = [path.relative(LWC_DIR, CORE_ENTRY)];
    else if (existsSync(path.join(LWC_DIR, folder, `${folder}.ts`))) paths[`c/${folder}`] = [`./${folder}/${folder}.ts`];
  }
  return paths;
}

/** Every generated file with the content it must have. */
export function expectedOutputs(): Map<string, string> {
  const outputs = new Map<string, string>();
  for (const source of componentSources()) outputs.set(source.replace(/\.ts$/, '.js'), transpileComponent(source));
  outputs.set(path.join(LWC_DIR, CORE_MODULE, `${CORE_MODULE}.js`), bundleCore());
  return outputs;
}

export function readTsconfig(): { compilerOptions: { paths?: Record<string, string[]> } & Record<string, unknown> } & Record<string, unknown> {
  return JSON.parse(readFileSync(TSCONFIG, 'utf8')) as ReturnType<typeof readTsconfig>;
}

function main(): void {
  let written = 0;
  for (const [file, content] of expectedOutputs()) {
    if (existsSync(file) && readFileSync(file, 'utf8') === content) continue;
    writeFileSync(file, content);
    written += 1;
    console.log(`wrote ${path.relative(PROJECT_ROOT, file)}`);
  }
  const tsconfig = readTsconfig();
  const paths = expectedPaths();
  if (JSON.stringify(tsconfig.compilerOptions.paths) !== JSON.stringify(paths)) {
    tsconfig.compilerOptions.paths = paths;
    writeFileSync(TSCONFIG, `${JSON.stringify(tsconfig, null, 2)}\n`);
    console.log(`wrote ${path.relative(PROJECT_ROOT, TSCONFIG)}`);
  }
  console.log(written ? `${written} file(s) written` : 'the compiled components are current');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
