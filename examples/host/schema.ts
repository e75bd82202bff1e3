/**
 * The host's four tables. Times are epoch milliseconds (BIGINT); revisions are the snapshots'
 * `revision` (0 at the start, one more per accepted event).
 */
import type { Sql } from './db.js';

export const schema: readonly string[] = [
  // The current snapshot of each stream: a cache of `replay(events)`, and the compare-and-set
  // token (`revision`) every write is conditional on.
  `CREATE TABLE IF NOT EXISTS snapshots (
    stream_id TEXT    PRIMARY KEY,
    machine   TEXT    NOT NULL,            -- the machine's id
    revision  INTEGER NOT NULL,            -- = snapshot.revision = number of events in the log
    snapshot  JSONB   NOT NULL
  )`,
  // Every accepted event, once. Refused commands never get here.
  `CREATE TABLE IF NOT EXISTS events (
    stream_id  TEXT    NOT NULL,
    revision   INTEGER NOT NULL,           -- the snapshot revision this event produced: 1, 2, 3, …
    type       TEXT    NOT NULL,
    payload    JSONB   NOT NULL,           -- the event as it was sent, without its type
    message_id TEXT    NOT NULL UNIQUE,    -- the command's id: one event per message, ever
    at         BIGINT  NOT NULL,           -- when the host stored it
    PRIMARY KEY (stream_id, revision)
  )`,
  // The idempotent inbox: a message id is recorded in the transaction that applies it, so a
  // redelivered message finds its row and changes nothing.
  `CREATE TABLE IF NOT EXISTS inbox (
    message_id   TEXT   PRIMARY KEY,
    stream_id    TEXT   NOT NULL,
    processed_at BIGINT NOT NULL
  )`,
  // Time events to send: at most one pending row per stream (the answer of `nextWakeUp` for the
  // stream's current snapshot), replaced in the same transaction as every accepted event.
  `CREATE TABLE IF NOT EXISTS wakeups (
    stream_id  TEXT    NOT NULL,
    revision   INTEGER NOT NULL,           -- the snapshot revision that scheduled it
    at         BIGINT  NOT NULL,
    event      JSONB   NOT NULL,
    reason     TEXT    NOT NULL,
    claimed_by TEXT,
    claimed_at BIGINT,
    done       BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (stream_id, revision)
  )`,
  'CREATE INDEX IF NOT EXISTS wakeups_due ON wakeups (at) WHERE NOT done',
];

/** Creates the tables if they are missing. */
export async function installSchema(db: Sql): Promise<void> {
  for (const statement of schema) await db.query(statement);
}
