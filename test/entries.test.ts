// The package's entries are listed once, in package.json `exports` (scripts/entries.mjs reads them
// for the build, the bench, the docs plugin and the smoke test). What cannot read that list, a
// JSON file and the node10 stub folders, is checked against it here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEntries, layers, subpaths } from '../scripts/entries.mjs';
import { root } from './support/code-blocks.js';

const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
const pkg = read('package.json');

describe('one list of entries', () => {
  it('the layers are working time and the five domains; the rest are testing tools', () => {
    expect(layers).toEqual(['time', 'frameworks', 'cycles', 'complaints', 'loyalty', 'metrics']);
    expect(subpaths.filter((name) => !layers.includes(name))).toEqual([
      'testing',
      'vitest',
      'fast-check',
      'xstate',
    ]);
  });

  it('each export points at the build of its entry, and each build entry has its source', () => {
    for (const [key, source] of Object.entries(buildEntries)) {
      const name = key === 'index' ? '.' : `./${key.replace(/\/index$/, '')}`;
      expect(pkg.exports[name], name).toEqual({
        import: { types: `./dist/${key}.d.ts`, default: `./dist/${key}.js` },
        require: { types: `./dist/${key}.d.cts`, default: `./dist/${key}.cjs` },
      });
      expect(existsSync(join(root, source)), source).toBe(true);
    }
  });

  it('typedoc documents every entry with an index module, in the same order', () => {
    expect(read('typedoc.json').entryPoints).toEqual([
      'src/index.ts',
      ...subpaths.map((name) => `src/${name}/index.ts`),
    ]);
  });

  it('every subpath has a node10 stub folder that the package ships', () => {
    for (const stub of [...subpaths, 'vitest/setup']) {
      const file = stub === 'vitest/setup' ? 'vitest/setup' : `${stub}/index`;
      const json = read(`${stub}/package.json`);
      const up = stub
        .split('/')
        .map(() => '..')
        .join('/');
      expect(json.main, stub).toBe(`${up}/dist/${file}.cjs`);
      expect(json.types, stub).toBe(`${up}/dist/${file}.d.cts`);
      expect(pkg.files).toContain(`${stub}/package.json`);
    }
  });
});
