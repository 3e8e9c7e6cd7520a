/**
 * The repository stands alone: every relative link in README.md and docs/ points to a file of the repository.
 * A link out of it (../shared/DESIGN.md once) works on one machine and breaks for everyone who clones.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT } from '../metadata/readMetadata.js';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** Targets of inline Markdown links [text](target), without #anchors; web and mail links left out. */
export function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1].split('#')[0])
    .filter((target) => target !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

describe('links in README.md and docs/', () => {
  const files = [join(PROJECT_ROOT, 'README.md'), ...markdownFiles(join(PROJECT_ROOT, 'docs'))];
  const root = resolve(PROJECT_ROOT);

  it('finds the links it checks', () => {
    expect(relativeLinks('[a](docs/design.md) [b](https://x.org) [c](../shared/DESIGN.md#why) [d](#top)')).toEqual(['docs/design.md', '../shared/DESIGN.md']);
    expect(files.map((f) => relative(root, f))).toContain(join('docs', 'design.md'));
  });

  it('every relative link stays inside the repository and names a file that exists', () => {
    const broken = files.flatMap((file) =>
      relativeLinks(readFileSync(file, 'utf8'))
        .map((target) => ({ target, path: resolve(dirname(file), decodeURIComponent(target)) }))
        .filter(({ path }) => !(path === root || path.startsWith(root + sep)) || !existsSync(path))
        .map(({ target }) => `${relative(root, file)}: ${target}`),
    );
    expect(broken).toEqual([]);
  });
});
