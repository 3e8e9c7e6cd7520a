import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { generateSampleData, writeSampleTree } from '../../src/sample/generate.js';
import { tempFolder } from './helpers.js';

const shipped = fileURLToPath(new URL('../../../data/sample', import.meta.url));
const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** The generation command as data/sample/README.md documents it, so the docs and the files cannot drift. */
function documentedOptions(): { seed: number; opportunities: number; today: string } {
  const readme = readFileSync(join(shipped, 'README.md'), 'utf8');
  const command = /tsx local-org\/src\/sample\/cli\.ts ([^\n`]+)/.exec(readme)?.[1];
  if (!command) throw new Error('data/sample/README.md must show the command that generated the folder');
  const flag = (name: string): string => {
    const value = new RegExp(`--${name} (\\S+)`).exec(command)?.[1];
    if (!value) throw new Error(`The documented command lacks --${name}`);
    return value;
  };
  expect(flag('out')).toBe('data/sample');
  return { seed: Number(flag('seed')), opportunities: Number(flag('opportunities')), today: flag('today') };
}

describe('data/sample', () => {
  it('equals, byte for byte, a fresh generation with the command in its README', () => {
    const options = documentedOptions();
    expect(options).toEqual({ seed: 42, opportunities: 60, today: '2026-11-23' });
    const fresh = tempFolder();
    folders.push(fresh);
    writeSampleTree(fresh, generateSampleData(options));
    const generatedFiles = readdirSync(fresh).sort();
    expect(readdirSync(shipped).filter((file) => file !== 'README.md').sort()).toEqual(generatedFiles);
    for (const file of generatedFiles) {
      expect({ file, same: readFileSync(join(shipped, file), 'utf8') === readFileSync(join(fresh, file), 'utf8') }).toEqual({ file, same: true });
    }
  });
});
