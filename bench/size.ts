/**
 * (e) Bundle size: what a bundler ships for the core functions, the root and each domain entry (esbuild, minified, zod external),
 * gzip level 9, next to XState's equivalent imports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import ts from 'typescript';
import { layers } from '../scripts/entries.mjs';
import { type Section, table } from './harness.js';

const root = join(import.meta.dirname, '..');
const tmp = join(root, '.tmp', 'bench-size');

/**
 * For the floor row: empties every sentence of src/core (a string with a space in it, and every
 * template with substitutions) and the body of the definition checks before bundling. What is left
 * is what a 3 kB target would have to fit in if every sentence and every definition check moved
 * behind an import of its own, the two moves the performance issue allows.
 */
const withoutSentences: Plugin = {
  name: 'without-sentences',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]core[\\/].*\.ts$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
      const cuts: [number, number, string][] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionDeclaration(node) && node.name?.text === 'checkDefinition' && node.body) {
          cuts.push([node.body.getStart(source), node.body.end, '{ return []; }']);
          return;
        }
        const sentence =
          ts.isTemplateExpression(node) ||
          ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
            node.text.includes(' ') &&
            !ts.isImportDeclaration(node.parent) &&
            !ts.isExportDeclaration(node.parent));
        if (sentence) cuts.push([node.getStart(source), node.end, "''"]);
        else ts.forEachChild(node, visit);
      };
      visit(source);
      let out = text;
      for (const [from, to, put] of cuts.sort((a, b) => b[0] - a[0])) {
        out = `${out.slice(0, from)}${put}${out.slice(to)}`;
      }
      return { contents: out, loader: 'ts' };
    });
  },
};

async function gzipOf(
  name: string,
  code: string,
  plugins: Plugin[] = [],
): Promise<{ raw: number; gzip: number }> {
  mkdirSync(tmp, { recursive: true });
  const entry = join(tmp, `${name}.ts`);
  writeFileSync(entry, code);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    external: ['zod'],
    // A production build, as an app would ship it: dev-only branches removed.
    define: { 'process.env.NODE_ENV': '"production"' },
    conditions: ['production'],
    write: false,
    logLevel: 'error',
    plugins,
  });
  const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

export async function run(): Promise<Section> {
  const src = join(root, 'src', 'index.ts').replaceAll('\\', '/');
  const entries: [string, string][] = [
    [
      'core: define + initial + transition + restore',
      `export { defineMachine, initialSnapshot, transition, restoreSnapshot } from '${src}';`,
    ],
    [
      'core: every core function',
      `export { defineMachine, initialSnapshot, transition, transitionOrThrow, restoreSnapshot, restoreSnapshotOrThrow, replay, replayOrThrow, createFlow, can, nextEvents, isFinal, toMermaid, isTransitionError } from '${src}';`,
    ],
    ['whole root entry (the engine)', `export * from '${src}';`],
    ...layers.map((domain): [string, string] => {
      const file = join(root, 'src', domain, 'index.ts').replaceAll('\\', '/');
      return [`servicecraft/${domain}, whole entry (engine included)`, `export * from '${file}';`];
    }),
    [
      'XState v5: createMachine + createActor',
      `export { createMachine, createActor } from 'xstate';`,
    ],
  ];
  const rows: (string | number)[][] = [];
  for (const [label, code] of entries) {
    const { raw, gzip } = await gzipOf(label.replace(/\W+/g, '-'), code);
    rows.push([label, raw.toLocaleString('en-US'), gzip.toLocaleString('en-US')]);
  }
  const floor = await gzipOf('core-floor', entries[0]?.[1] ?? '', [withoutSentences]);
  rows.splice(1, 0, [
    'core: the same with every sentence and definition check taken out (a floor, not a build)',
    floor.raw.toLocaleString('en-US'),
    floor.gzip.toLocaleString('en-US'),
  ]);
  return {
    title: 'Bundle size (e)',
    body: [
      'esbuild production build (NODE_ENV=production, `production` condition), minified, ESM, zod external; bytes.',
      '',
      table(['entry', 'minified', 'gzip -9'], rows),
    ].join('\n'),
  };
}
