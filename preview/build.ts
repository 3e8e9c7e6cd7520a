/**
 * Builds the preview's browser bundle: the components as the platform would compile them (their TypeScript
 * transpiled, c/outcomesCore bundled from src/core), on the real lightning-base-components, with the stand-in
 * platform modules of ./platform. Rollup + @lwc/rollup-plugin (TOOLING-NOTES.md, "LWC in a real browser").
 *
 * A cold build takes ~20 s, so the result is kept in out/preview/dist with a hash of every input; an unchanged
 * tree is not built again.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import lwc from '@lwc/rollup-plugin';
import replaceModule from '@rollup/plugin-replace';
import { rollup, type RollupLog } from 'rollup';
import { bundleCore, CORE_MODULE, LWC_DIR, moduleFolders, PROJECT_ROOT, transpileComponent } from '../scripts/lwc/build.js';

const PREVIEW_DIR = path.join(PROJECT_ROOT, 'preview');
const OUT_DIR = path.join(PROJECT_ROOT, 'out', 'preview');
export const DIST_DIR = path.join(OUT_DIR, 'dist');
const MODULES_DIR = path.join(OUT_DIR, 'modules');
const STAMP = path.join(DIST_DIR, 'build.json');
const LBC_DIR = path.join(PROJECT_ROOT, 'node_modules', 'lightning-base-components');

function filesUnder(dir: string, keep: (file: string) => boolean = (): boolean => true): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? (e.name === '__tests__' ? [] : filesUnder(path.join(dir, e.name), keep)) : [path.join(dir, e.name)]))
    .filter(keep)
    .sort();
}

/** Everything the bundle depends on: component and core sources, the stand-ins, the page, and the package versions. */
function inputsHash(): string {
  const hash = createHash('sha256');
  const versions = ['lwc', 'lightning-base-components', '@lwc/rollup-plugin'].map((name) => {
    const manifest = path.join(PROJECT_ROOT, 'node_modules', name, 'package.json');
    return `${name}@${(JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version}`;
  });
  hash.update(versions.join(','));
  for (const file of [...filesUnder(LWC_DIR), ...filesUnder(path.join(PROJECT_ROOT, 'src', 'core')), ...filesUnder(PREVIEW_DIR, (f) => !f.endsWith('.ts')), path.join(PREVIEW_DIR, 'build.ts')]) {
    hash.update(path.relative(PROJECT_ROOT, file)).update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** The `c` namespace as the platform compiles it: .ts transpiled, templates and styles beside, the core bundled. */
function writeComponentModules(): void {
  rmSync(MODULES_DIR, { recursive: true, force: true });
  for (const folder of moduleFolders()) {
    const target = path.join(MODULES_DIR, 'c', folder);
    mkdirSync(target, { recursive: true });
    for (const file of readdirSync(path.join(LWC_DIR, folder))) {
      const source = path.join(LWC_DIR, folder, file);
      if (statSync(source).isDirectory()) continue;
      if (file.endsWith('.ts') && !file.endsWith('.d.ts')) writeFileSync(path.join(target, file.replace(/\.ts$/, '.js')), transpileComponent(source));
      else if (file.endsWith('.html') || file.endsWith('.css')) copyFileSync(source, path.join(target, file));
    }
    if (folder === CORE_MODULE) writeFileSync(path.join(target, `${CORE_MODULE}.js`), bundleCore());
  }
}

/** Module records in resolution order: stand-ins, our components, the base components, then their own aliases. */
function moduleRecords(): Array<{ dir: string } | { name: string; path: string }> {
  const lbcManifest = JSON.parse(readFileSync(path.join(LBC_DIR, 'package.json'), 'utf8')) as { lwc: { modules: unknown[] } };
  const lbcAliases = (lbcManifest.lwc.modules as Array<{ dir?: string; name?: string; path?: string }>)
    .filter((record) => record.name && record.path)
    .map((record) => ({ name: record.name!, path: path.join(LBC_DIR, record.path!) }));
  return [
    { dir: path.join(PREVIEW_DIR, 'platform') },
    { name: '@salesforce/i18n/timeZone', path: path.join(PREVIEW_DIR, 'platform', 'salesforce', 'timeZone.js') },
    // The combobox attaches element internals when this gate is open, which synthetic shadow refuses.
    { name: '@salesforce/gate/bc.260.enableComboboxElementInternals', path: path.join(PREVIEW_DIR, 'platform', 'salesforce', 'closedGate.js') },
    { dir: MODULES_DIR },
    { dir: path.join(LBC_DIR, 'src') },
    ...lbcAliases,
  ];
}

// Typed as CommonJS, so under NodeNext its default export is typed as the module; at run time it is the function.
const replace = ((replaceModule as { default?: unknown }).default ?? replaceModule) as typeof replaceModule.default;

// Template warnings of the base components themselves: noise, not ours to fix.
const NOISE = /LWC1149|LWC1137|LWC1057/;

export async function buildPreview({ force = false, log = console.log }: { force?: boolean; log?: (line: string) => void } = {}): Promise<{ built: boolean }> {
  const hash = inputsHash();
  if (!force && existsSync(STAMP) && (JSON.parse(readFileSync(STAMP, 'utf8')) as { hash?: string }).hash === hash) return { built: false };
  const started = Date.now();
  log('Building the preview bundle (lightning-base-components: about 20 s the first time)...');
  writeComponentModules();
  const bundle = await rollup({
    input: path.join(PREVIEW_DIR, 'app', 'main.js'),
    plugins: [
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production'), 'import.meta.env.SSR': 'false' } }),
      lwc({ modules: moduleRecords(), enableDynamicComponents: true }),
    ],
    onwarn(warning: RollupLog, warn) {
      if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(`The preview cannot resolve ${warning.exporter ?? warning.message}`);
      if (warning.code === 'CIRCULAR_DEPENDENCY' || NOISE.test(warning.message)) return;
      warn(warning);
    },
  });
  rmSync(DIST_DIR, { recursive: true, force: true });
  await bundle.write({ dir: DIST_DIR, format: 'esm', entryFileNames: 'app.js', chunkFileNames: 'chunks/[name]-[hash].js' });
  await bundle.close();
  writeFileSync(STAMP, JSON.stringify({ hash, builtAt: new Date().toISOString() }));
  log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
  return { built: true };
}
