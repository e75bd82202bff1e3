/**
 * Cold import: a fresh Node process imports zod first, then times `import()` of the target (ms).
 * Each target is imported in 5 fresh processes per bench process (median kept). The root entry is
 * the engine; working time and each domain entry are timed on their own, engine included, as an
 * app that imports only that entry loads it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { layers } from '../scripts/entries.mjs';
import { type Bench, cell, median, ratioCell, type Sample, table } from './harness.js';

const root = join(import.meta.dirname, '..');
const targets: [string, string][] = [
  ['servicecraft (root: the engine)', join(root, 'dist', 'index.js')],
  ['XState v5', 'xstate'],
  ...layers.map((domain): [string, string] => [
    `servicecraft/${domain}`,
    join(root, 'dist', domain, 'index.js'),
  ]),
];

/**
 * What an app that already uses zod has done before it imports servicecraft: built and parsed a
 * few schemas. zod compiles its own code on first use (10–15 ms here); this moves that cost out of
 * the second column, which is what such an app pays for the entry itself.
 */
const zodInUse = [
  'const s = z.object({ a: z.string().min(1), b: z.number().int().nonnegative(), c: z.enum(["x", "y"]), d: z.array(z.literal("q")).optional() }).strict();',
  's.safeParse({ a: "x", b: 1, c: "x" });',
  'z.union([z.string(), z.number()]).safeParse(1);',
  'z.discriminatedUnion("k", [z.object({ k: z.literal("a") }), z.object({ k: z.literal("b") })]).safeParse({ k: "a" });',
].join(' ');

function coldMs(file: string, warm: boolean): number {
  const zod = pathToFileURL(join(root, 'node_modules', 'zod', 'index.js')).href;
  const spec = file === 'xstate' ? file : pathToFileURL(file).href;
  const code = `const z = await import(${JSON.stringify(zod)}); ${warm ? zodInUse : ''} const t = performance.now(); await import(${JSON.stringify(spec)}); process.stdout.write(String(performance.now() - t));`;
  try {
    return Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', code], {
        encoding: 'utf8',
        cwd: root,
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
  } catch {
    return Number.NaN; // the build is being replaced (another build running): retry later
  }
}

function measure(): Sample {
  const out: Sample = {};
  for (const [label, file] of targets) {
    if (file !== 'xstate' && !existsSync(file)) continue;
    out[label] = median(Array.from({ length: 5 }, () => coldMs(file, false)));
    out[`${label} (zod in use)`] = median(Array.from({ length: 5 }, () => coldMs(file, true)));
  }
  return out;
}

function render(runs: readonly Sample[]): string {
  const rows = targets
    .filter(([label]) => typeof runs[0]?.[label] === 'number')
    .map(([label]) => [
      label,
      cell(runs, label, ' ms'),
      ratioCell(runs, label, 'XState v5'),
      cell(runs, `${label} (zod in use)`, ' ms'),
    ]);
  return [
    'ms to `import()` after zod is loaded, fresh process each time (median of 5 per bench process).',
    'The last column is the same import in an app that has already built and parsed a few zod',
    'schemas of its own: zod compiles its code on first use, and an entry that builds schemas at',
    'import pays that first in the second column.',
    '',
    table(['module', 'cold import', 'vs XState', 'when the app already uses zod'], rows),
    '',
    'Target: root ≤ 15 ms. The other entries have no target; each includes the engine it uses.',
  ].join('\n');
}

export const bench: Bench = { title: 'Cold import (after zod)', measure, render };
