/**
 * `npm run bench:host`: the reference host (examples/host) under the load of test/host at full
 * size — 1,000 complaint cases and 1,000 loyalty members, 20 events each, 8 concurrent workers
 * with random delays, 10% duplicated and 5% reordered deliveries — on PGlite and, when
 * DATABASE_URL is set, on a PostgreSQL server. Every promise is checked after the run (a broken
 * one fails the bench). HOST_BENCH_STREAMS changes the size of each kind.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../examples/host/index.js';
import { checkHost, type LoadReport, loadMachines, runLoad } from '../test/host/load-run.js';

const size = Number(process.env.HOST_BENCH_STREAMS ?? 1_000);
const url = process.env.DATABASE_URL;

async function one(kind: 'pglite' | 'postgres'): Promise<LoadReport> {
  const db = await openDatabase(
    kind === 'pglite'
      ? {}
      : { url, schema: `host_bench_${process.pid}`, dropSchemaOnClose: true, poolSize: 10 },
  );
  try {
    const { host, ledger, report } = await runLoad(db, {
      cases: size,
      members: size,
      workers: 8,
      seed: 18,
    });
    const problems = await checkHost(host, ledger, loadMachines);
    if (problems.length > 0) throw new Error(`host ${kind}: ${problems.slice(0, 10).join('\n')}`);
    return report;
  } finally {
    await db.close();
  }
}

const rows: LoadReport[] = [await one('pglite')];
if (url) rows.push(await one('postgres'));
else console.warn('DATABASE_URL is not set: the PostgreSQL server run is skipped.');

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const lines = [
  `## Reference host (examples/host): ${n(size)} complaint cases + ${n(size)} loyalty members, 20 events each`,
  '',
  `Run: ${new Date().toISOString()} with \`npm run bench:host\`${url ? ' (DATABASE_URL set)' : ''}. Machine: ${cpus().length} cores; Node ${process.version}; 8 workers with random delays, 10% duplicated and 5% reordered deliveries; every check (log exactly once, snapshot = replay, revision = accepted events, wake-ups, ledger invariants) passed after each run. "parked": messages the domain still refused after three in-order deliveries (dead letters, as a real queue would keep them).`,
  '',
  '| backend | commands | seconds | commands/s | p50 ms | p99 ms | conflict retries | duplicates | refused | parked |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.backend} | ${n(r.deliveries)} | ${r.seconds.toFixed(1)} | ${n(r.commandsPerSecond)} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${n(r.conflictRetries)} | ${n(r.duplicates)} | ${n(r.refused)} | ${n(r.gaveUp)} |`,
  ),
];
console.log(`\n${lines.join('\n')}`);
// \`npm run bench\` copies this file into bench/RESULTS.md (the host run is too long to repeat there).
writeFileSync(join(import.meta.dirname, 'RESULTS-host.md'), `${lines.join('\n')}\n`);
