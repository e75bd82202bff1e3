/**
 * Shared by the host tests: the backends to run on, a seeded PRNG, and 20-event scripts for a
 * complaint case and a loyalty member (each a valid life story when applied in order).
 */
import { randomBytes } from 'node:crypto';
import { type Command, type Database, openDatabase } from '../../examples/host/index.js';

export interface Backend {
  readonly name: 'pglite' | 'postgres';
  /** A fresh, empty database (a new PGlite, or a new schema on the server dropped on close). */
  open(poolSize?: number): Promise<Database>;
}

const url = process.env.DATABASE_URL;

/** PGlite always; the server when DATABASE_URL is set. */
export const backends: readonly Backend[] = [
  { name: 'pglite', open: () => openDatabase() },
  ...(url
    ? [
        {
          name: 'postgres' as const,
          open: (poolSize?: number) =>
            openDatabase({
              url,
              schema: `host_test_${randomBytes(6).toString('hex')}`,
              dropSchemaOnClose: true,
              poolSize,
            }),
        },
      ]
    : []),
];

if (!url) {
  const why =
    process.env.SERVICECRAFT_POSTGRES_UNAVAILABLE === '1'
      ? 'PostgreSQL could not be installed or started by .ci/run'
      : 'DATABASE_URL is not set';
  console.warn(
    `\n!!! test/host: ${why}; the PostgreSQL SERVER runs are SKIPPED, only PGlite runs.\n`,
  );
}

/** The backends as `describe.each` rows, plus the server as a skipped row when it is missing. */
export const backendRows = (['pglite', 'postgres'] as const).map((name) => ({
  name,
  backend: backends.find((b) => b.name === name),
}));

/** mulberry32: a small seeded PRNG, so a failing run can be repeated. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const start = Date.UTC(2028, 2, 6, 9);
const minute = 60_000;

/** A complaint case's 20 events: two remedy decisions, a rejection with recourse, a close. */
export function complaintScript(id: string): Command[] {
  let m = 0;
  const at = () => start + m++ * minute;
  const money = { kind: 'monetaryRemedy', amount: { amount: 12_000, currency: 'EUR' } };
  const explained = {
    kind: 'explained',
    explanation: 'The leak came from a loose lid, which we replaced.',
  };
  return [
    {
      type: 'RECEIVE',
      at: at(),
      by: 'sam',
      id,
      channel: 'email',
      summary: 'Kettle leaks',
      remedySought: 'Refund',
      owner: { id: 'sam', level: 'agent' },
    },
    { type: 'ACKNOWLEDGE', at: at(), by: 'sam' },
    {
      type: 'ASSESS',
      at: at(),
      by: 'sam',
      severity: 'medium',
      safety: 'low',
      complexity: 'low',
      impact: 'low',
      urgency: 'medium',
    },
    { type: 'ATTEMPT_FAILED', at: at(), by: 'sam', note: 'replacement declined' },
    { type: 'REASSIGN', at: at(), by: 'sam', owner: 'kim' },
    { type: 'ATTEMPT_FAILED', at: at(), by: 'kim', note: 'voucher declined' },
    { type: 'RESPOND', at: at(), by: 'kim', closure: money },
    { type: 'DECLINE_REMEDY', at: at(), by: 'mia', note: 'ask for photos first' },
    { type: 'ATTEMPT_FAILED', at: at(), by: 'kim', note: 'photos received' },
    { type: 'RESPOND', at: at(), by: 'kim', closure: money },
    { type: 'APPROVE_REMEDY', at: at(), by: 'mia', level: 'manager' },
    { type: 'RECONSIDER', at: at(), by: 'kim', note: 'customer sent more detail' },
    { type: 'RESPOND', at: at(), by: 'kim', closure: explained },
    { type: 'COMMUNICATE_DECISION', at: at(), by: 'kim' },
    { type: 'REJECT', at: at(), by: 'customer', recourseOffered: ['ombudsman'] },
    { type: 'REASSIGN', at: at(), by: 'kim', owner: 'lee' },
    { type: 'RECONSIDER', at: at(), by: 'lee' },
    { type: 'RESPOND', at: at(), by: 'lee', closure: explained },
    { type: 'COMMUNICATE_DECISION', at: at(), by: 'lee' },
    { type: 'ACCEPT', at: at(), by: 'customer' },
  ];
}

/** A loyalty member's 20 events: enrol, buy, visit, redeem, a refund, an adjustment. */
export function loyaltyScript(id: string): Command[] {
  let n = 0;
  const at = () => start + n * 3_600_000;
  const key = () => `${id}-${n++}`;
  const events: Command[] = [{ type: 'ENROLL', at: at(), key: key() }];
  for (let i = 0; i < 8; i++) {
    events.push({
      type: 'PURCHASE',
      at: at(),
      key: key(),
      order: `${id}-o${i}`,
      amount: 2_500 + i * 700,
    });
  }
  for (let i = 0; i < 5; i++) events.push({ type: 'VISIT', at: at(), key: key() });
  events.push({ type: 'REDEEM', at: at(), key: key(), points: 60 });
  events.push({ type: 'REFUND', at: at(), key: key(), order: `${id}-o3`, amount: 1_000 });
  events.push({ type: 'REFERRAL', at: at(), key: key(), referee: `${id}-friend` });
  events.push({ type: 'ADJUST', at: at(), key: key(), points: 25, reason: 'goodwill' });
  events.push({ type: 'REDEEM', at: at(), key: key(), points: 40 });
  events.push({ type: 'VISIT', at: at(), key: key() });
  return events;
}
