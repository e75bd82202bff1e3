/**
 * `npm run bench`: runs every section, prints it, and writes bench/RESULTS.md.
 *
 * Each section's `measure()` runs in `BENCH_PROCS` (default 3) separate Node processes, one after
 * another; the tables show the median over processes and the spread (min–max). Ratios are formed
 * inside each process first. Deterministic sections (bundle bytes, type instantiations) run once.
 * `npm run bench -- core metrics` runs only those sections and does not write RESULTS.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Bench, Sample, Section } from './harness.js';

const procs = Math.max(3, Number(process.env.BENCH_PROCS ?? 3));
const multi = ['core', 'restore', 'metrics', 'loyalty', 'time', 'size', 'types', 'import'];
/** Older sections that still print from one in-process `run()`. */
const single = ['testing'];

function sampleIn(name: string): Sample {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'child.ts'), name],
    { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = out.split('\n').find((l) => l.startsWith('@@sample '));
  if (!line) throw new Error(`section ${name} printed no sample:\n${out}`);
  return JSON.parse(line.slice('@@sample '.length)) as Sample;
}

async function main() {
  const only = process.argv.slice(2);
  const want = (name: string) =>
    (only.length === 0 || only.includes(name)) &&
    existsSync(join(import.meta.dirname, `${name}.ts`));
  const out: Section[] = [];
  for (const name of multi) {
    if (!want(name)) continue;
    const mod = (await import(`./${name}.js`)) as {
      bench?: Bench;
      run?: () => Section | Promise<Section>;
    };
    if (mod.bench === undefined) {
      const s = await (mod.run as () => Section | Promise<Section>)();
      const section = { title: s.title, body: `One process (deterministic figures).\n\n${s.body}` };
      console.log(`\n## ${section.title}\n\n${section.body}`);
      out.push(section);
      continue;
    }
    const bench = mod.bench;
    const n = bench.processes === 1 ? 1 : Math.max(procs, bench.processes ?? 0);
    const runs: Sample[] = [];
    for (let i = 0; i < n; i++) {
      process.stderr.write(`${name}: process ${i + 1}/${n}\n`);
      runs.push(sampleIn(name));
    }
    const note =
      n === 1
        ? 'One process (the figures are deterministic).'
        : `${n} processes; median (min–max).`;
    const section = { title: bench.title, body: `${note}\n\n${bench.render(runs)}` };
    console.log(`\n## ${section.title}\n\n${section.body}`);
    out.push(section);
  }
  for (const name of single) {
    if (!want(name)) continue;
    const mod = (await import(`./${name}.js`)) as { run: () => Section | Promise<Section> };
    const s = await mod.run();
    const section = {
      title: s.title,
      body: `One process (not yet on the multi-process harness).\n\n${s.body}`,
    };
    console.log(`\n## ${section.title}\n\n${section.body}`);
    out.push(section);
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const header = [
    '# Benchmark results',
    '',
    `Machine: ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${process.platform}/${process.arch}.`,
    `Run: ${new Date().toISOString()} with \`npm run bench\`. Timings are noisy (other work shares the machine): compare the ratios, each formed within one process.`,
    '',
  ];
  if (only.length === 0) {
    // The reference host's load run takes minutes per backend: `npm run bench:host` writes it to
    // its own file, copied here as it stands (with its own date).
    const hostFile = join(import.meta.dirname, 'RESULTS-host.md');
    const host = existsSync(hostFile) ? [readFileSync(hostFile, 'utf8')] : [];
    writeFileSync(
      join(import.meta.dirname, 'RESULTS.md'),
      [...header, ...out.map((s) => `## ${s.title}\n\n${s.body}\n`), ...host].join('\n'),
    );
    console.log('\nwritten to bench/RESULTS.md');
  }
}

await main();
