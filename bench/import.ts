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

function coldMs(file: string): number {
  const zod = pathToFileURL(join(root, 'node_modules', 'zod', 'index.js')).href;
  const spec = file === 'xstate' ? file : pathToFileURL(file).href;
  const code = `await import(${JSON.stringify(zod)}); const t = performance.now(); await import(${JSON.stringify(spec)}); process.stdout.write(String(performance.now() - t));`;
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
    out[label] = median(Array.from({ length: 5 }, () => coldMs(file)));
  }
  return out;
}

function render(runs: readonly Sample[]): string {
  const rows = targets
    .filter(([label]) => typeof runs[0]?.[label] === 'number')
    .map(([label]) => [label, cell(runs, label, ' ms'), ratioCell(runs, label, 'XState v5')]);
  return [
    'ms to `import()` after zod is loaded, fresh process each time (median of 5 per bench process).',
    '',
    table(['module', 'cold import', 'vs XState'], rows),
    '',
    'Target: root ≤ 15 ms. The other entries have no target; each includes the engine it uses.',
  ].join('\n');
}

export const bench: Bench = { title: 'Cold import (after zod)', measure, render };
