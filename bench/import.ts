/**
 * Cold import: a fresh Node process imports zod first, then times `import()` of the target (ms).
 * Each target is imported in 5 fresh processes per bench process (median kept). dist bundles each
 * entry (no file per module), so the per-area rows import a bundle of that folder's index made
 * here with esbuild (zod external, one file like the dist chunks), to show what each part of the
 * root costs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { type Bench, cell, median, ratioCell, type Sample, table } from './harness.js';

const root = join(import.meta.dirname, '..');
const areaDir = join(root, '.tmp', 'bench-import');
const areas = ['core', 'time', 'metrics', 'frameworks', 'cycles', 'complaints', 'loyalty'];
const targets: [string, string][] = [
  ['servicecraft (root)', join(root, 'dist', 'index.js')],
  ['XState v5', 'xstate'],
  ...areas.map((area): [string, string] => [`area: src/${area}`, join(areaDir, `${area}.js`)]),
];

/** Bundles each area's index the way dist bundles an entry (ESM, es2022, zod external). */
function bundleAreas(): void {
  mkdirSync(areaDir, { recursive: true });
  for (const area of areas) {
    buildSync({
      entryPoints: [join(root, 'src', area, 'index.ts')],
      outfile: join(areaDir, `${area}.js`),
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      external: ['zod'],
      logLevel: 'error',
    });
  }
}

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
  bundleAreas();
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
    'Target: root ≤ 15 ms.',
  ].join('\n');
}

export const bench: Bench = { title: 'Cold import (after zod)', measure, render };
