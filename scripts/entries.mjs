// The package's entries, read from package.json `exports`: the one list the build, the docs, the
// bench and the smoke test share, so a new entry added there reaches all of them (and a test,
// test/entries.test.ts, fails if typedoc.json or a node10 stub folder is missing it).
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const peers = new Set(Object.keys(pkg.peerDependencies ?? {}));

/**
 * Every subpath entry with an `index` module, without its `./`: the layers (working time, the
 * domains), the testing tools and the peer entries, in package.json order. `vitest/setup` is a
 * file of the vitest entry, not an entry of its own.
 *
 * @type {string[]}
 */
export const subpaths = Object.keys(pkg.exports)
  .filter((key) => key !== '.' && key !== './package.json' && key !== './vitest/setup')
  .map((key) => key.slice(2));

/**
 * The layers besides the engine: working time and the domains. Not the testing tools, and not the
 * entries named after an optional peer.
 *
 * @type {string[]}
 */
export const layers = subpaths.filter((name) => name !== 'testing' && !peers.has(name));

/**
 * tsup's `entry`: each key becomes `dist/<key>.{js,cjs,d.ts,d.cts}`.
 *
 * @type {Record<string, string>}
 */
export const buildEntries = {
  index: 'src/index.ts',
  ...Object.fromEntries(subpaths.map((name) => [`${name}/index`, `src/${name}/index.ts`])),
  'vitest/setup': 'src/vitest/setup.ts',
};
