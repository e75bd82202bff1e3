import { defineConfig } from 'tsup';

/**
 * One build per public entry point: each key becomes `dist/<key>.{js,cjs,d.ts,d.cts}`, matched by
 * one `exports` entry in package.json.
 */
const entry = {
  index: 'src/index.ts',
  'testing/index': 'src/testing/index.ts',
};

export default defineConfig({
  entry,
  format: ['esm', 'cjs'],
  // Emits index.d.ts for the ESM build and index.d.cts for the CJS build.
  dts: true,
  // src must not depend on Node: build it with the node-free tsconfig.
  tsconfig: 'tsconfig.src.json',
  platform: 'neutral',
  target: 'es2022',
  treeshake: true,
  // Shared code goes into one chunk for CJS too (tsup splits only ESM by default), so a second
  // entry never carries its own copy of the core's classes.
  splitting: true,
  sourcemap: true,
  clean: true,
  // Peer dependencies are external by default; listed so the intent is explicit.
  external: ['zod', 'fast-check', 'vitest', 'xstate'],
});
