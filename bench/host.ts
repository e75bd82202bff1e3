/**
 * `npm run bench:host`: the reference host (examples/host) under the load of test/host at full
 * size — 1,000 complaint cases and 1,000 loyalty members, 20 events each, 8 concurrent workers
 * with random delays, 10% duplicated and 5% reordered deliveries — on PGlite and, when
 * DATABASE_URL is set, on a PostgreSQL server. Every promise is checked after the run (a broken
 * one fails the bench). HOST_BENCH_STREAMS changes the size of each kind.
 */
import { cpus } from 'node:os';
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
console.log(
  `\n## Reference host (examples/host): ${n(size)} complaint cases + ${n(size)} loyalty members, 20 events each\n`,
);
console.log(
  `Machine: ${cpus().length} cores; Node ${process.version}; 8 workers, checks passed after each run.\n`,
);
console.log(
  '| backend | commands | seconds | commands/s | p50 ms | p99 ms | conflict retries | duplicates | refused | parked |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.backend} | ${n(r.deliveries)} | ${r.seconds.toFixed(1)} | ${n(r.commandsPerSecond)} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${n(r.conflictRetries)} | ${n(r.duplicates)} | ${n(r.refused)} | ${n(r.gaveUp)} |`,
  );
}
