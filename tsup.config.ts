import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';
import ts from 'typescript';
import { buildEntries } from './scripts/entries.mjs';

/**
 * Public entry points: each key becomes `dist/<key>.{js,cjs,d.ts,d.cts}`, matched by one `exports`
 * entry in package.json (they are read from there) and, for `moduleResolution: node10`, by a stub
 * folder at the package root (`testing/package.json`, ...). Each optional peer has its own entry,
 * so an entry loads only the peer it is named after: `testing` loads none.
 */
const entry: Record<string, string> = buildEntries;

/**
 * Wraps the initialiser of each top-level `const`/`let`/`var` of src that runs code at load (a
 * call, `new`, a property read, a spread, a template, an operator) in
 * `/* @__PURE__ *\/ (() => (...))()`. src keeps no module-level mutable state, so these
 * initialisers only build values (schemas, presets, frozen tables); the mark lets an app's bundler
 * drop each one the app never reads, as it dropped whole modules when dist kept one file per
 * module. A mark on the initialiser's own call would not do: bundlers keep a pure call's arguments
 * when they read a property (`Number.MAX_SAFE_INTEGER`) or spread a list. The value is the same:
 * the arrow runs once, where the initialiser ran. Top-level statements that are not declarations
 * (the matcher installation in `src/vitest/setup.ts`) are left alone, and that file is listed in
 * `sideEffects`. Source maps point at the marked text: columns shift on the first and last line
 * of a wrapped initialiser.
 */
function markPure(text: string, fileName: string): string {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const edits: [at: number, insert: string][] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const { initializer } of statement.declarationList.declarations) {
      if (initializer === undefined || !runsCode(initializer)) continue;
      edits.push(
        [initializer.end, '))()'],
        [initializer.getStart(source), '/* @__PURE__ */ (() => ('],
      );
    }
  }
  let out = text;
  for (const [at, insert] of edits.sort((a, b) => b[0] - a[0])) {
    out = `${out.slice(0, at)}${insert}${out.slice(at)}`;
  }
  return out;
}

/** Whether evaluating the expression may run code besides building literals and functions. */
function runsCode(node: ts.Node): boolean {
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  if (
    ts.isCallExpression(node) ||
    ts.isNewExpression(node) ||
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node) ||
    ts.isSpreadElement(node) ||
    ts.isSpreadAssignment(node) ||
    ts.isTemplateExpression(node) ||
    ts.isBinaryExpression(node) ||
    ts.isTaggedTemplateExpression(node)
  ) {
    return true;
  }
  return ts.forEachChild(node, (child) => runsCode(child) || undefined) ?? false;
}

const pureTopLevel: Plugin = {
  name: 'servicecraft-pure-top-level',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async ({ path }) => ({
      contents: markPure(await readFile(path, 'utf8'), path),
      loader: 'ts',
    }));
  },
};

const shared: Options = {
  entry,
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
  // One bundle per entry, sharing chunks.
  splitting: true,
};

export default defineConfig([
  // ESM: few files to resolve and load (a root import read about 110 module files when dist kept
  // one file per module), and still tree-shakable thanks to the pure marks above: an app's bundler
  // drops the presets and schemas it never reads, statement by statement. The entries import some
  // chunks bare (for evaluation order); package.json lists `dist/chunk-*.js` in `sideEffects` so
  // bundlers keep those imports instead of warning that they drop them (the sizes are the same).
  { ...shared, format: ['esm'], esbuildPlugins: [pureTopLevel] },
  // CommonJS has no tree-shaking to serve.
  { ...shared, format: ['cjs'], treeshake: true },
]);
