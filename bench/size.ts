/**
 * (e) Bundle size: what a bundler ships for the core functions, the root and each domain entry (esbuild, minified, zod external),
 * gzip level 9, next to XState's equivalent imports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { layers } from '../scripts/entries.mjs';
import { type Section, table } from './harness.js';

const root = join(import.meta.dirname, '..');
const tmp = join(root, '.tmp', 'bench-size');

async function gzipOf(name: string, code: string): Promise<{ raw: number; gzip: number }> {
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
  return {
    title: 'Bundle size (e)',
    body: [
      'esbuild production build (NODE_ENV=production, `production` condition), minified, ESM, zod external; bytes.',
      '',
      table(['entry', 'minified', 'gzip -9'], rows),
    ].join('\n'),
  };
}
