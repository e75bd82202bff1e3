/**
 * The load and fault run shared by test/host/load.test.ts and bench/host.ts: complaint cases and
 * loyalty members, 20 events each, delivered by concurrent workers with random delays, duplicated
 * and reordered deliveries, optional crashes before COMMIT; then every promise is checked.
 */

import {
  type Command,
  ConnectionLost,
  createHost,
  type Database,
  type Host,
  TooManyConflictsError,
} from '../../examples/host/index.js';
import { coffeeClub } from '../../examples/loyalty.js';
import { iso10002Lifecycle } from '../../src/complaints/index.js';
import {
  type AnyMachine,
  nextWakeUp,
  replay,
  restoreSnapshot,
  type Snapshot,
} from '../../src/index.js';
import { balance } from '../../src/loyalty/index.js';
import { complaintScript, loyaltyScript, prng } from './support.js';

export const loadMachines: readonly AnyMachine[] = [iso10002Lifecycle, coffeeClub.machine];

export interface LoadOptions {
  readonly cases: number;
  readonly members: number;
  readonly workers: number;
  readonly seed: number;
  /** Streams being worked on at once: fewer means more writers per stream (more conflicts). */
  readonly window?: number;
  /** Chance that a delivery is sent twice. */
  readonly duplicateRate?: number;
  /** Chance that a worker sends a stream's next-but-one message before the next one. */
  readonly reorderRate?: number;
  /** Chance that a transaction is killed just before COMMIT. */
  readonly crashRate?: number;
  /** Upper bound of the random pause between two deliveries of a worker, in ms. */
  readonly maxDelayMs?: number;
}

export interface LoadReport {
  readonly backend: string;
  readonly streams: number;
  readonly events: number;
  readonly deliveries: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly refused: number;
  readonly crashed: number;
  readonly conflictRetries: number;
  readonly gaveUp: number;
  readonly seconds: number;
  readonly commandsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

interface Stream {
  readonly id: string;
  readonly machineId: string;
  readonly messages: readonly { readonly id: string; readonly event: Command }[];
  /** Index of the first message not yet settled. */
  next: number;
  readonly settled: boolean[];
  /** In-order refusals per message: the queue gives up on a message after a few. */
  readonly refusals: number[];
}

/** What the run saw accepted, per stream, for the checks. */
export type Ledger = Map<string, { machineId: string; accepted: Set<string> }>;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);

/** Runs the load on `db` and returns the figures and the ledger; checks nothing by itself. */
export async function runLoad(
  db: Database,
  options: LoadOptions,
): Promise<{ report: LoadReport; ledger: Ledger; host: Host }> {
  const random = prng(options.seed);
  const crashRandom = prng(options.seed ^ 0x5eed);
  const crashRate = options.crashRate ?? 0;
  let crashed = 0;
  const host = await createHost(db, {
    machines: loadMachines,
    maxAttempts: 6,
    hooks: {
      beforeCommit: async ({ tx }) => {
        if (crashRate > 0 && crashRandom() < crashRate) {
          crashed++;
          await db.crash(tx);
        }
      },
    },
  });

  const streams: Stream[] = [];
  const make = (id: string, machineId: string, events: Command[]) =>
    streams.push({
      id,
      machineId,
      messages: events.map((event, i) => ({ id: `${id}#${i}`, event })),
      next: 0,
      settled: events.map(() => false),
      refusals: events.map(() => 0),
    });
  for (let i = 0; i < options.cases; i++) {
    make(`case-${i}`, iso10002Lifecycle.id, complaintScript(`C-${i}`));
  }
  for (let i = 0; i < options.members; i++) {
    make(`member-${i}`, coffeeClub.machine.id, loyaltyScript(`M-${i}`));
  }
  // Interleave the two kinds so both are under load at once.
  streams.sort(
    (a, b) => Number(a.id.split('-')[1]) - Number(b.id.split('-')[1]) || a.id.localeCompare(b.id),
  );
  for (const s of streams) await host.create(s.id, s.machineId);

  const ledger: Ledger = new Map(
    streams.map((s) => [s.id, { machineId: s.machineId, accepted: new Set<string>() }]),
  );
  const window = options.window ?? options.workers * 2;
  const active: Stream[] = streams.slice(0, window);
  let backlog = window;
  const latencies: number[] = [];
  let deliveries = 0;
  let accepted = 0;
  let duplicates = 0;
  let refused = 0;
  let conflictRetries = 0;
  let gaveUp = 0;
  const duplicateRate = options.duplicateRate ?? 0.1;
  const reorderRate = options.reorderRate ?? 0.05;
  const maxDelay = options.maxDelayMs ?? 2;

  const advance = (s: Stream) => {
    while (s.next < s.messages.length && s.settled[s.next]) s.next++;
    if (s.next >= s.messages.length) {
      const at = active.indexOf(s);
      if (at >= 0) {
        const incoming = streams[backlog++];
        if (incoming === undefined) active.splice(at, 1);
        else active[at] = incoming;
      }
    }
  };

  async function deliver(s: Stream, index: number): Promise<void> {
    const message = s.messages[index];
    if (message === undefined) return;
    deliveries++;
    const began = performance.now();
    try {
      const result = await host.apply(s.id, message.id, message.event);
      latencies.push(performance.now() - began);
      if (result.status === 'accepted') {
        accepted++;
        conflictRetries += result.attempts - 1;
        const seen = ledger.get(s.id)?.accepted;
        if (seen?.has(message.id)) throw new Error(`${message.id} was accepted twice`);
        seen?.add(message.id);
        s.settled[index] = true;
      } else if (result.status === 'duplicate') {
        duplicates++;
        s.settled[index] = true;
      } else {
        refused++;
        // Out of order (sent early) is expected; in order, the queue retries a few times and
        // then parks the message (a dead letter), as a real queue would.
        if (index === s.next && ++(s.refusals[index] as number) >= 3) {
          s.settled[index] = true;
          gaveUp++;
        }
      }
    } catch (error) {
      latencies.push(performance.now() - began);
      if (error instanceof TooManyConflictsError) conflictRetries += error.attempts;
      else if (!(error instanceof ConnectionLost) && !isDroppedConnection(error)) throw error;
      // Not settled: the queue delivers it again.
    }
    advance(s);
  }

  async function worker(): Promise<void> {
    while (active.length > 0) {
      const s = active[Math.floor(random() * active.length)] as Stream;
      let index = s.next;
      if (random() < reorderRate && index + 1 < s.messages.length) index++;
      await deliver(s, index);
      if (random() < duplicateRate) await deliver(s, index);
      if (maxDelay > 0) {
        await new Promise((resolve) => setTimeout(resolve, random() * maxDelay));
      }
    }
  }

  const began = performance.now();
  await Promise.all(Array.from({ length: options.workers }, () => worker()));
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    host,
    ledger,
    report: {
      backend: db.kind,
      streams: streams.length,
      events: streams.reduce((n, s) => n + s.messages.length, 0),
      deliveries,
      accepted,
      duplicates,
      refused,
      crashed,
      conflictRetries,
      gaveUp,
      seconds,
      commandsPerSecond: deliveries / seconds,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
    },
  };
}

/** node-postgres reports a connection the server ended with these messages and codes. */
function isDroppedConnection(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return (
    e !== null &&
    typeof e === 'object' &&
    (e.code === '57P01' ||
      (typeof e.message === 'string' &&
        /Connection terminated|terminating connection|Client has encountered a connection error/.test(
          e.message,
        )))
  );
}

/**
 * Checks every promise of the host against the database and the ledger; returns the problems
 * found (an empty list when all hold).
 */
export async function checkHost(
  host: Host,
  ledger: Ledger,
  machines: readonly AnyMachine[],
): Promise<string[]> {
  const problems: string[] = [];
  const byId = new Map(machines.map((m) => [m.id as string, m]));
  const { rows: events } = await host.db.query<{
    stream_id: string;
    revision: number;
    message_id: string;
    type: string;
    payload: Record<string, unknown>;
  }>(
    'SELECT stream_id, revision, message_id, type, payload FROM events ORDER BY stream_id, revision',
  );
  const { rows: snapshots } = await host.db.query<{
    stream_id: string;
    machine: string;
    revision: number;
    snapshot: unknown;
  }>('SELECT stream_id, machine, revision, snapshot FROM snapshots');
  const { rows: pending } = await host.db.query<{
    stream_id: string;
    revision: number;
    at: number;
    event: unknown;
    reason: string;
  }>('SELECT stream_id, revision, at::float8 AS at, event, reason FROM wakeups WHERE NOT done');
  const { rows: orphans } = await host.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM inbox i
      WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.message_id = i.message_id)`,
  );
  if ((orphans[0]?.n ?? 0) > 0) {
    problems.push(
      `${orphans[0]?.n} inbox rows have no event (a refused or rolled-back message was kept)`,
    );
  }
  const logs = new Map<string, typeof events>();
  for (const row of events) {
    const log = logs.get(row.stream_id) ?? [];
    log.push(row);
    logs.set(row.stream_id, log);
  }
  const pendingBy = new Map<string, (typeof pending)[number][]>();
  for (const row of pending) {
    pendingBy.set(row.stream_id, [...(pendingBy.get(row.stream_id) ?? []), row]);
  }
  if (snapshots.length !== ledger.size) {
    problems.push(`${snapshots.length} snapshots for ${ledger.size} streams`);
  }
  for (const row of snapshots) {
    const id = row.stream_id;
    const machine = byId.get(row.machine);
    const expected = ledger.get(id);
    if (machine === undefined || expected === undefined) {
      problems.push(`${id}: unknown stream or machine ${row.machine}`);
      continue;
    }
    const log = logs.get(id) ?? [];
    const ids = log.map((e) => e.message_id);
    if (new Set(ids).size !== ids.length) problems.push(`${id}: a message is in the log twice`);
    const missing = [...expected.accepted].filter((m) => !ids.includes(m));
    const extra = ids.filter((m) => !expected.accepted.has(m));
    if (missing.length > 0)
      problems.push(`${id}: accepted but not in the log: ${missing.join(', ')}`);
    if (extra.length > 0)
      problems.push(`${id}: in the log but never reported accepted: ${extra.join(', ')}`);
    if (log.some((e, i) => e.revision !== i + 1)) problems.push(`${id}: log revisions have a gap`);
    const restored = restoreSnapshot(machine, row.snapshot);
    if (!restored.ok) {
      problems.push(`${id}: stored snapshot fails restoreSnapshot: ${restored.error.message}`);
      continue;
    }
    const snapshot = restored.snapshot as Snapshot;
    if (snapshot.revision !== log.length || row.revision !== log.length) {
      problems.push(
        `${id}: revision ${snapshot.revision} (row ${row.revision}) but ${log.length} events`,
      );
    }
    const replayed = replay(
      machine,
      log.map((e) => ({ ...e.payload, type: e.type })),
    );
    if (!replayed.ok) {
      problems.push(`${id}: the log does not replay: ${replayed.error.message}`);
    } else if (JSON.stringify(replayed.snapshot) !== JSON.stringify(snapshot)) {
      problems.push(`${id}: the snapshot differs from the replay of its log`);
    }
    if (machine.id === coffeeClub.machine.id && balance(snapshot as never) < 0) {
      problems.push(`${id}: negative loyalty balance`);
    }
    const due = nextWakeUp(machine, snapshot);
    const rows = pendingBy.get(id) ?? [];
    if (rows.length > 1) problems.push(`${id}: ${rows.length} pending wake-ups`);
    const got = rows[0];
    if (
      due === undefined
        ? got !== undefined
        : got === undefined ||
          got.at !== due.at ||
          got.reason !== due.reason ||
          got.revision !== snapshot.revision
    ) {
      problems.push(
        `${id}: pending wake-up ${JSON.stringify(got)} but nextWakeUp says ${JSON.stringify(due)}`,
      );
    }
  }
  return problems;
}
