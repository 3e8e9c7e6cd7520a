import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { createEngine, type LocalOrgEngine, type SaveResult } from '../../src/engine/index.js';

/** The project root: the engine reads force-app's metadata as a real org would after a deploy. */
export const PROJECT_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

export const TODAY = '2026-11-23';

export function newEngine(today = TODAY): Promise<LocalOrgEngine> {
  return createEngine({ projectDir: PROJECT_DIR, today });
}

export function ok(results: SaveResult[]): string[] {
  for (const r of results) {
    if (!r.success) throw new Error(`expected success, got ${JSON.stringify(r.errors)}`);
  }
  return results.map((r) => r.id!);
}

export function one(engine: LocalOrgEngine, sobject: string, record: Record<string, unknown>): string {
  return ok(engine.create(sobject, [record], { allOrNone: false }))[0];
}

export function codes(result: SaveResult): string[] {
  return result.errors.map((e) => e.statusCode);
}
