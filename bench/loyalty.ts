/**
 * Loyalty ledger replay: one member, 10k / 50k / 100k commands (purchases, visits, redemptions,
 * refunds and period ends over the years). Replay time should grow linearly (flat ns/command) and
 * the JSON snapshot should stay flat, since spent and expired lots and old keys are compacted.
 */
import {
  defineLoyaltyProgram,
  defineTierLadder,
  type MembershipEvent,
  replay,
} from '../dist/index.js';
import { fmt, measureOnce, type Section, table } from './harness.js';

const DAY_MS = 86_400_000;

const program = defineLoyaltyProgram({
  ladder: defineTierLadder({
    id: 'bench',
    qualifyBy: ['points', 'visits'],
    tiers: [
      { id: 'member' },
      { id: 'silver', threshold: { points: 5_000, visits: 50 }, multiplier: 125 },
      { id: 'gold', threshold: { points: 20_000, visits: 150 }, multiplier: 150 },
    ],
  }),
  policy: {
    expiry: { kind: 'days', days: 365 },
    pendingDays: 1,
    spendOrder: 'soonestExpiringFirst',
    downgrade: 'oneStep',
    refundWindowDays: 30,
  },
});

function commands(n: number): MembershipEvent[] {
  const start = Date.UTC(2020, 0, 1);
  const out: MembershipEvent[] = [{ type: 'ENROLL', key: 'enroll', at: start }];
  for (let i = 1; i < n; i++) {
    const at = start + i * DAY_MS;
    const key = `c${i}`;
    switch (i % 10) {
      case 0:
        out.push({ type: 'REDEEM', key, at, points: 1_000, partial: true });
        break;
      case 5:
        out.push({ type: 'REFUND', key, at, order: `o${i - 1}`, amount: 1_000 });
        break;
      case 7:
        out.push({ type: 'VISIT', key, at });
        break;
      default:
        out.push({ type: 'PURCHASE', key, at, order: `o${i}`, amount: 2_500 + (i % 7) * 1_000 });
    }
  }
  return out;
}

/** Replays 10k, 50k and 100k commands; reports ns/command and the snapshot size at each size. */
export function run(): Section {
  const rows: (string | number)[][] = [];
  for (const n of [10_000, 50_000, 100_000]) {
    const log = commands(n);
    replay(program.machine, log.slice(0, 2_000)); // warm-up
    const { ms, result } = measureOnce(() => replay(program.machine, log));
    if (!result.ok) throw new Error(`bench replay failed: ${result.error.message}`);
    const c = result.snapshot.context;
    rows.push([
      n.toLocaleString('en-US'),
      fmt(ms),
      fmt((ms * 1e6) / n),
      JSON.stringify(result.snapshot).length.toLocaleString('en-US'),
      c.lots.length,
      c.orders.length,
      c.keys.length,
    ]);
  }
  return {
    title: 'Loyalty: replaying one member’s ledger',
    body: `${table(['commands', 'replay ms', 'ns/command', 'snapshot JSON bytes', 'live lots', 'held orders', 'kept keys'], rows)}\n\nOne member, a command a day (purchases, visits, a refund and a redemption of up to 1,000 points in every ten), 365-day expiry, 1 pending day, 30-day refund window. The membership machine trusts its own (property-tested) updates (validateUpdates: false); the remaining cost is the ledger arithmetic and idempotency fingerprints, which scale with the live lots and held orders, not with history. Flat ns/command means linear replay; a flat snapshot means history is compacted.`,
  };
}
