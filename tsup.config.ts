import { defineConfig, type Options } from 'tsup';

/**
 * Public entry points: each key becomes `dist/<key>.{js,cjs,d.ts,d.cts}`, matched by one `exports`
 * entry in package.json and, for `moduleResolution: node10`, by a stub folder at the package root
 * (`testing/package.json`, ...). Each optional peer has its own entry, so an entry loads only the
 * peer it is named after: `testing` loads none.
 */
const entry = {
  index: 'src/index.ts',
  'testing/index': 'src/testing/index.ts',
  'vitest/index': 'src/vitest/index.ts',
  'vitest/setup': 'src/vitest/setup.ts',
  'fast-check/index': 'src/fast-check/index.ts',
  'xstate/index': 'src/xstate/index.ts',
};

const shared: Options = {
  // src must not depend on Node: build it with the node-free tsconfig.
  tsconfig: 'tsconfig.src.json',
  platform: 'neutral',
  target: 'es2022',
  // Maps point stack traces at src/ lines without embedding the sources (which would more than
  // double the unpacked package); the sources are in the repository.
  sourcemap: true,
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
  // `npm run build` empties dist first; the two builds below run in parallel.
  clean: false,
  // Peer dependencies stay external.
  external: ['zod', 'fast-check', 'vitest', 'xstate'],
  dts: { entry },
};

export default defineConfig([
  // ESM keeps one file per module, so a bundler honouring `sideEffects: false` drops every module
  // an app does not import (presets build their machines at load time, which a single bundled
  // file would force on everyone).
  {
    ...shared,
    entry: ['src/**/*.ts'],
    format: ['esm'],
    bundle: false,
  },
  // CommonJS has no tree-shaking to serve: one bundle per entry, sharing a chunk.
  {
    ...shared,
    entry,
    format: ['cjs'],
    splitting: true,
    treeshake: true,
  },
]);
