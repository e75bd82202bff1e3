/**
 * A reference host: streams of any servicecraft machines on PostgreSQL (a server or PGlite).
 *
 * Every command goes through {@link Host.apply}, which in ONE transaction
 *   1. records the message id in the inbox (a redelivered message stops here: `duplicate`),
 *   2. loads the stream's snapshot and checks it with `restoreSnapshot`,
 *   3. runs `transition` (a refusal is returned to the caller and nothing is written),
 *   4. saves the new snapshot with compare-and-set on its revision
 *      (`UPDATE … WHERE revision = $seen`; another writer got there first = a conflict: the
 *      transaction rolls back and the command is tried again on the newer snapshot),
 *   5. appends the event to the log under the new revision,
 *   6. replaces the stream's pending wake-up with `nextWakeUp(machine, snapshot)`.
 *
 * Workers call {@link Host.claimDueWakeUps} (`FOR UPDATE SKIP LOCKED`, so two workers never claim
 * the same row) and {@link Host.fireWakeUp}, which sends the wake-up's event through `apply` under
 * the message id `wake:<stream>:<revision>`: a wake-up fired twice is a duplicate message.
 */
import {
  type AnyMachine,
  type EventObject,
  initialSnapshot,
  nextWakeUp,
  restoreSnapshot,
  type Snapshot,
  type TransitionIssue,
  transition,
  type WakeUp,
} from '../../src/index.js';
import type { Database, Sql } from './db.js';
import { installSchema } from './schema.js';

/** A command for `apply`: an event of the stream's machine, `{ type, ...payload }`, as plain JSON. */
export interface Command extends EventObject {
  readonly [key: string]: unknown;
}

/** What `apply` did with a command. */
export type ApplyResult =
  | {
      /** The event is in the log under `revision`, and the snapshot is saved. */
      readonly status: 'accepted';
      readonly revision: number;
      readonly snapshot: Snapshot;
      /** The stream's pending wake-up after this event, if any. */
      readonly wakeUp: WakeUp | undefined;
      /** Transactions it took (1 + compare-and-set conflicts retried). */
      readonly attempts: number;
    }
  | {
      /** This message id was applied before (as the event at `revision`); nothing changed. */
      readonly status: 'duplicate';
      readonly revision: number | undefined;
    }
  | {
      /** The machine said no. Nothing was written: the same message may be sent again later. */
      readonly status: 'refused';
      readonly error: TransitionIssue<string>;
      /** The revision of the snapshot that refused it. */
      readonly revision: number;
    };

/** A wake-up claimed by a worker, ready to fire. */
export interface DueWakeUp {
  readonly streamId: string;
  /** The revision of the snapshot that scheduled it. */
  readonly revision: number;
  readonly at: number;
  readonly event: Command;
  readonly reason: string;
}

/** Why the host gave up on a call; every error it throws is one of these or a database error. */
export class HostError extends Error {
  override readonly name: string = 'HostError';
  constructor(
    readonly code:
      | 'UNKNOWN_STREAM'
      | 'UNKNOWN_MACHINE'
      | 'BAD_STORED_SNAPSHOT'
      | 'TOO_MANY_CONFLICTS',
    message: string,
    readonly streamId: string,
  ) {
    super(message);
  }
}

/** Thrown by `apply` when every attempt lost the compare-and-set to another writer. */
export class TooManyConflictsError extends HostError {
  override readonly name = 'TooManyConflictsError';
  constructor(
    streamId: string,
    readonly messageId: string,
    readonly attempts: number,
  ) {
    super(
      'TOO_MANY_CONFLICTS',
      `Stream ${streamId} changed under message ${messageId} ${attempts} times in a row (another writer saved first each time); nothing was written. Send the message again later.`,
      streamId,
    );
  }
}

/** Where a test may step into a transaction (to line up a race, or to crash a worker). */
export interface HostHooks {
  /** After the snapshot was read, before anything is written. */
  afterLoad?(at: HookContext): Promise<void> | void;
  /** After everything was written, before COMMIT. */
  beforeCommit?(at: HookContext): Promise<void> | void;
}

export interface HookContext {
  readonly tx: Sql;
  readonly streamId: string;
  readonly messageId: string;
  /** The revision the transaction read. */
  readonly revision: number;
  /** 1 for the first try, 2 after one conflict, … */
  readonly attempt: number;
}

export interface HostOptions {
  /** The machines whose streams this host runs, found by `machine.id`. */
  readonly machines: readonly AnyMachine[];
  /** Transactions `apply` may use for one command before it throws {@link TooManyConflictsError}. Default 8. */
  readonly maxAttempts?: number | undefined;
  /** The host's clock for the log's and the inbox's `at` columns. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
  readonly hooks?: HostHooks | undefined;
}

/** The host: create it with {@link createHost}. */
export interface Host {
  readonly db: Database;
  /** Starts a stream at the machine's initial snapshot (revision 0). Nothing happens if it exists. */
  create(streamId: string, machineId: string): Promise<void>;
  /** Applies one command, at most once per `messageId`. */
  apply(streamId: string, messageId: string, event: Command): Promise<ApplyResult>;
  /** The stream's stored snapshot, checked with `restoreSnapshot`. */
  load(streamId: string): Promise<{ machine: AnyMachine; snapshot: Snapshot }>;
  /** The stream's log, in revision order, each event as it was sent. */
  history(streamId: string): Promise<{ revision: number; messageId: string; event: Command }[]>;
  /**
   * Claims up to `limit` wake-ups due at `now` for `worker`. A claim is a lease: if the worker
   * dies before firing, another worker may claim the row once `leaseMs` has passed.
   */
  claimDueWakeUps(
    now: number,
    limit: number,
    options?: { worker?: string; leaseMs?: number },
  ): Promise<DueWakeUp[]>;
  /** Sends a claimed wake-up's event (message id `wake:<stream>:<revision>`) and retires the row. */
  fireWakeUp(wakeUp: DueWakeUp): Promise<ApplyResult>;
}

/** The message id under which a wake-up's event is applied. */
export const wakeMessageId = (w: Pick<DueWakeUp, 'streamId' | 'revision'>): string =>
  `wake:${w.streamId}:${w.revision}`;

class Conflict extends Error {}
class Rollback extends Error {
  constructor(readonly result: ApplyResult) {
    super('rollback');
  }
}

/** Unique violation, serialization failure, deadlock: another transaction won; try again. */
const conflictCodes = new Set(['23505', '40001', '40P01']);
const isConflict = (error: unknown): boolean =>
  error instanceof Conflict ||
  (typeof error === 'object' &&
    error !== null &&
    conflictCodes.has(String((error as { code?: unknown }).code)));

interface SnapshotRow {
  machine: string;
  revision: number;
  snapshot: unknown;
}

/** Creates the tables (if missing) and returns a host over `db`. */
export async function createHost(db: Database, options: HostOptions): Promise<Host> {
  await installSchema(db);
  const machines = new Map(options.machines.map((m) => [m.id as string, m]));
  const maxAttempts = options.maxAttempts ?? 8;
  const now = options.now ?? Date.now;
  const hooks = options.hooks ?? {};

  const machineOf = (id: string, streamId: string): AnyMachine => {
    const machine = machines.get(id);
    if (machine === undefined) {
      throw new HostError('UNKNOWN_MACHINE', `No machine '${id}' in this host.`, streamId);
    }
    return machine;
  };

  async function read(q: Sql, streamId: string) {
    const { rows } = await q.query<SnapshotRow>(
      'SELECT machine, revision, snapshot FROM snapshots WHERE stream_id = $1',
      [streamId],
    );
    const row = rows[0];
    if (row === undefined) {
      throw new HostError('UNKNOWN_STREAM', `Stream ${streamId} does not exist.`, streamId);
    }
    const machine = machineOf(row.machine, streamId);
    const restored = restoreSnapshot(machine, row.snapshot);
    if (!restored.ok || restored.snapshot.revision !== row.revision) {
      const why = restored.ok ? 'its revision differs from the row' : restored.error.message;
      throw new HostError('BAD_STORED_SNAPSHOT', `Stream ${streamId}: ${why}`, streamId);
    }
    return { machine, snapshot: restored.snapshot as Snapshot, revision: row.revision };
  }

  async function attempt(
    streamId: string,
    messageId: string,
    event: Command,
    attemptNo: number,
  ): Promise<ApplyResult> {
    return db.transaction(async (tx) => {
      const at = now();
      // 1. The inbox: a message applied before stops here. (A concurrent transaction holding the
      //    same message id makes this insert wait for its outcome.)
      const inbox = await tx.query(
        `INSERT INTO inbox (message_id, stream_id, processed_at) VALUES ($1, $2, $3)
         ON CONFLICT (message_id) DO NOTHING`,
        [messageId, streamId, at],
      );
      if (inbox.rowCount === 0) {
        const { rows } = await tx.query<{ revision: number }>(
          'SELECT revision FROM events WHERE message_id = $1',
          [messageId],
        );
        return { status: 'duplicate', revision: rows[0]?.revision };
      }
      // 2. The snapshot, as of now.
      const { machine, snapshot, revision } = await read(tx, streamId);
      const ctx = { tx, streamId, messageId, revision, attempt: attemptNo };
      await hooks.afterLoad?.(ctx);
      // 3. The rules. A refusal writes nothing (the inbox row goes with the rollback).
      const result = transition(machine, snapshot, event);
      if (!result.ok) {
        throw new Rollback({ status: 'refused', error: result.error, revision });
      }
      const next = result.snapshot as Snapshot;
      // 4. Compare-and-set: only if nobody saved since we read `revision`.
      const saved = await tx.query(
        'UPDATE snapshots SET snapshot = $2::jsonb, revision = $3 WHERE stream_id = $1 AND revision = $4',
        [streamId, JSON.stringify(next), next.revision, revision],
      );
      if (saved.rowCount !== 1) throw new Conflict();
      // 5. The log.
      const { type, ...payload } = event;
      await tx.query(
        `INSERT INTO events (stream_id, revision, type, payload, message_id, at)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
        [streamId, next.revision, type, JSON.stringify(payload), messageId, at],
      );
      // 6. The wake-up: the earlier one is settled (fired by this event, or overtaken by it).
      await tx.query('UPDATE wakeups SET done = true WHERE stream_id = $1 AND NOT done', [
        streamId,
      ]);
      const wakeUp = nextWakeUp(machine, next);
      if (wakeUp !== undefined) {
        await tx.query(
          `INSERT INTO wakeups (stream_id, revision, at, event, reason)
           VALUES ($1, $2, $3, $4::jsonb, $5)`,
          [streamId, next.revision, wakeUp.at, JSON.stringify(wakeUp.event), wakeUp.reason],
        );
      }
      await hooks.beforeCommit?.(ctx);
      return {
        status: 'accepted',
        revision: next.revision,
        snapshot: next,
        wakeUp,
        attempts: attemptNo,
      };
    });
  }

  const host: Host = {
    db,

    async create(streamId, machineId) {
      const machine = machineOf(machineId, streamId);
      await db.query(
        `INSERT INTO snapshots (stream_id, machine, revision, snapshot) VALUES ($1, $2, 0, $3::jsonb)
         ON CONFLICT (stream_id) DO NOTHING`,
        [streamId, machine.id, JSON.stringify(initialSnapshot(machine))],
      );
    },

    async apply(streamId, messageId, event) {
      for (let n = 1; ; n++) {
        try {
          return await attempt(streamId, messageId, event, n);
        } catch (error) {
          if (error instanceof Rollback) return error.result;
          if (!isConflict(error)) throw error;
          if (n >= maxAttempts) throw new TooManyConflictsError(streamId, messageId, n);
          // Another writer saved first: wait a little (more after each loss) and read again.
          await new Promise((resolve) => setTimeout(resolve, n));
        }
      }
    },

    async load(streamId) {
      const { machine, snapshot } = await read(db, streamId);
      return { machine, snapshot };
    },

    async history(streamId) {
      const { rows } = await db.query<{
        revision: number;
        message_id: string;
        type: string;
        payload: Record<string, unknown>;
      }>(
        'SELECT revision, message_id, type, payload FROM events WHERE stream_id = $1 ORDER BY revision',
        [streamId],
      );
      return rows.map((r) => ({
        revision: r.revision,
        messageId: r.message_id,
        event: { ...r.payload, type: r.type },
      }));
    },

    async claimDueWakeUps(at, limit, { worker = 'worker', leaseMs = 30_000 } = {}) {
      // Rows due now, not done, and not claimed by a live lease. SKIP LOCKED: rows another
      // worker is claiming right now are left to it instead of waited for.
      const { rows } = await db.query<{
        stream_id: string;
        revision: number;
        at: number;
        event: Command;
        reason: string;
      }>(
        `UPDATE wakeups w SET claimed_by = $3, claimed_at = $1
           FROM (SELECT stream_id, revision FROM wakeups
                  WHERE NOT done AND at <= $1 AND (claimed_at IS NULL OR claimed_at <= $1 - $4)
                  ORDER BY at LIMIT $2
                  FOR UPDATE SKIP LOCKED) due
          WHERE w.stream_id = due.stream_id AND w.revision = due.revision
         RETURNING w.stream_id, w.revision, w.at::float8 AS at, w.event, w.reason`,
        [at, limit, worker, leaseMs],
      );
      return rows
        .map((r) => ({
          streamId: r.stream_id,
          revision: r.revision,
          at: r.at,
          event: r.event,
          reason: r.reason,
        }))
        .sort((a, b) => a.at - b.at);
    },

    async fireWakeUp(w) {
      const result = await host.apply(w.streamId, wakeMessageId(w), w.event);
      // Accepted: the transaction already settled the row. Refused (the stream moved on and the
      // machine turned the late event down) or duplicate (fired before): settle it now.
      if (result.status !== 'accepted') {
        await db.query('UPDATE wakeups SET done = true WHERE stream_id = $1 AND revision = $2', [
          w.streamId,
          w.revision,
        ]);
      }
      return result;
    },
  };
  return host;
}
