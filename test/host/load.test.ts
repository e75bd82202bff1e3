/**
 * Load and faults on the reference host: complaint cases and loyalty members, 20 events each,
 * 8 concurrent workers with random delays, duplicated and reordered deliveries, and a run whose
 * workers are killed mid-transaction. After each run every promise is checked (see checkHost).
 *
 * Size: HOST_LOAD_STREAMS streams of each kind (default 30, so `npm test` stays quick on PGlite);
 * `npm run bench:host` runs the full 1,000 + 1,000.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../examples/host/index.js';
import { checkHost, type LoadReport, loadMachines, runLoad } from './load-run.js';
import { backendRows } from './support.js';

const size = Number(process.env.HOST_LOAD_STREAMS ?? 30);

const show = (title: string, r: LoadReport) =>
  console.log(
    `[host ${r.backend}] ${title}: ${r.streams} streams, ${r.events} events; ${r.deliveries} commands in ${r.seconds.toFixed(1)} s = ${Math.round(r.commandsPerSecond)} commands/s; p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms; accepted ${r.accepted}, duplicates ${r.duplicates}, refused ${r.refused}, conflict retries ${r.conflictRetries}, crashed ${r.crashed}, parked ${r.gaveUp}`,
  );

describe.each(backendRows)('host load on $name', ({ backend }) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it.skipIf(!backend)(
    `${size} complaint cases + ${size} loyalty members, 20 events each, 8 workers, duplicated and reordered deliveries`,
    async () => {
      db = await (backend as NonNullable<typeof backend>).open(10);
      const { host, ledger, report } = await runLoad(db, {
        cases: size,
        members: size,
        workers: 8,
        seed: 18,
      });
      show('duplicates + reorders', report);
      expect(await checkHost(host, ledger, loadMachines)).toEqual([]);
      // Every delivery was answered, and the duplicates and reorders really happened.
      expect(report.duplicates).toBeGreaterThan(0);
      expect(report.refused).toBeGreaterThan(0);
      expect(report.accepted).toBe([...ledger.values()].reduce((n, s) => n + s.accepted.size, 0));
      // Scripts are valid in order: every event ends up accepted unless its stream took a
      // reordered event first (loyalty commands commute; complaint steps mostly do not).
      expect(report.accepted).toBeGreaterThan(report.events * 0.9);
    },
    600_000,
  );

  it.skipIf(!backend)(
    'workers killed mid-transaction lose nothing and duplicate nothing',
    async () => {
      db = await (backend as NonNullable<typeof backend>).open(10);
      const { host, ledger, report } = await runLoad(db, {
        cases: Math.ceil(size / 4),
        members: Math.ceil(size / 4),
        workers: 8,
        seed: 1802,
        crashRate: 0.05,
        duplicateRate: 0.05,
        reorderRate: 0,
      });
      show('crashes before COMMIT', report);
      expect(report.crashed).toBeGreaterThan(0);
      expect(await checkHost(host, ledger, loadMachines)).toEqual([]);
      // In order and without reorders, every scripted event must land despite the crashes.
      expect(report.gaveUp).toBe(0);
      expect(report.accepted).toBe(report.events);
    },
    600_000,
  );
});
