/**
 * `npm run bench`: runs every bench section, prints it, and writes bench/RESULTS.md with the
 * machine's details. Numbers are medians of several rounds in one process, compared in the same run.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Section } from './harness.js';

const sections: { name: string; load: () => Promise<{ run: () => Section | Promise<Section> }> }[] =
  [
    { name: 'core', load: () => import('./core.js') },
    { name: 'size', load: () => import('./size.js') },
    { name: 'types', load: () => import('./types.js') },
  ];
const optional = ['loyalty', 'metrics', 'testing'];

async function main() {
  const only = process.argv.slice(2);
  const out: Section[] = [];
  const all = [
    ...sections,
    ...optional
      .filter((name) => existsSync(join(import.meta.dirname, `${name}.ts`)))
      .map((name) => ({
        name,
        load: () => import(`./${name}.js`) as Promise<{ run: () => Section }>,
      })),
  ];
  for (const { name, load } of all) {
    if (only.length > 0 && !only.includes(name)) continue;
    const section = await (await load()).run();
    console.log(`\n## ${section.title}\n\n${section.body}`);
    out.push(section);
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const header = [
    '# Benchmark results',
    '',
    `Machine: ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${process.platform}/${process.arch}.`,
    `Run: ${new Date().toISOString()} with \`npm run bench\`${only.length ? ` (${only.join(', ')})` : ''}.`,
    '',
  ];
  if (only.length === 0) {
    writeFileSync(
      join(import.meta.dirname, 'RESULTS.md'),
      [...header, ...out.map((s) => `## ${s.title}\n\n${s.body}\n`)].join('\n'),
    );
    console.log('\nwritten to bench/RESULTS.md');
  }
}

await main();
