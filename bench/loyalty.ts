/**
 * Loyalty: one member's commands through the membership machine (`transition`, one command at a
 * time, refusals kept out of the snapshot), against a hand-written ledger in plain TypeScript that
 * applies the same rules to the same command mix, zod-parses every command with the machine's own
 * event schemas, fingerprints keys with SHA-256 (node:crypto) and builds a new context per command
 * (the previous one untouched). Before timing, each size checks that both end with the identical
 * state, revision and context (deep equality) and refuse the same commands with the same codes.
 *
 * It imports the built package (dist), as an app runs it: tsx would compile src with esbuild's
 * `keepNames`, which wraps every function created inside a call and slows closures the shipped
 * code does not slow. `npm run bench` builds first.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type * as z from 'zod';
import { initialSnapshot, type Snapshot, transition } from '../dist/index.js';
import {
  defineLoyaltyProgram,
  defineTierLadder,
  type MembershipContext,
  type MembershipEvent,
} from '../dist/loyalty/index.js';
import {
  type Bench,
  cell,
  compare,
  ratioCell,
  ratioStat,
  type Sample,
  table,
  verdict,
} from './harness.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const sizes = [1_000, 10_000, 100_000] as const;
const rounds: Record<(typeof sizes)[number], number> = { 1000: 15, 10000: 7, 100000: 3 };
const TARGET = 2;

const program = defineLoyaltyProgram({
  ladder: defineTierLadder({
    id: 'bench',
    qualifyBy: ['points', 'visits'],
    tiers: [
      { id: 'member' },
      { id: 'silver', threshold: { points: 30_000, visits: 1_500 }, multiplier: 125 },
      { id: 'gold', threshold: { points: 70_000, visits: 3_000 }, multiplier: 150 },
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
const machine = program.machine;

/**
 * The command mix: a command every 6 hours; in every 20, 11 purchases (amounts that change with
 * the year, so the tier goes up and down), 3 visits, 2 redemptions (one partial, one that is
 * refused when the balance is short), 2 refunds of recent orders (one partial, one full), 2 retries
 * of a purchase (same key and payload, accepted without effect), 1 refund of an order past the
 * refund window (refused); a PERIOD_END at each year end.
 */
export function commands(n: number): MembershipEvent[] {
  const start = Date.UTC(2020, 0, 1);
  const out: MembershipEvent[] = [{ type: 'ENROLL', key: 'enroll', at: start }];
  let year = 2020;
  for (let i = 1; out.length < n; i++) {
    const at = start + i * 6 * HOUR;
    const y = new Date(at).getUTCFullYear();
    if (y !== year) {
      year = y;
      out.push({ type: 'PERIOD_END', key: `pe${y}`, at: Date.UTC(y, 0, 1) });
      if (out.length >= n) break;
    }
    const key = `c${i}`;
    const scale = [1, 2, 4][y % 3] as number;
    const amount = (1_250 + (i % 7) * 500) * scale;
    const purchase: MembershipEvent = { type: 'PURCHASE', key, at, order: `o${i}`, amount };
    switch (i % 20) {
      case 0:
        out.push({ type: 'REDEEM', key, at, points: 200, partial: true });
        break;
      case 5:
        out.push({ type: 'REFUND', key, at, order: `o${i - 2}`, amount: 1_000 });
        break;
      case 6:
      case 13:
      case 19:
        out.push({ type: 'VISIT', key, at });
        break;
      case 8:
      case 16:
        // A retry of the previous command (a purchase): the host sends it again.
        out.push({ ...(out[out.length - 1] as MembershipEvent) });
        break;
      case 10:
        out.push({ type: 'REDEEM', key, at, points: 2_000 });
        break;
      case 14: {
        const o = i - 3;
        out.push({
          type: 'REFUND',
          key,
          at,
          order: `o${o}`,
          amount: (1_250 + (o % 7) * 500) * scale,
        });
        break;
      }
      case 17:
        out.push({ type: 'REFUND', key, at, order: `o${i - 400}`, amount: 500 });
        break;
      default:
        out.push(purchase);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The library: one `transition` per command.

interface Run {
  readonly state: string;
  readonly revision: number;
  readonly context: MembershipContext;
  readonly refused: string[];
}

function driveOurs(log: readonly MembershipEvent[], codes?: string[]): Snapshot {
  let s = initialSnapshot(machine) as Snapshot<string, MembershipContext>;
  for (const e of log) {
    const r = transition(machine, s as never, e);
    if (r.ok) s = r.snapshot;
    else codes?.push(r.error.reason?.code ?? r.error.code);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// The hand-written ledger: the same rules for this programme and this mix.

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Ctx = Mutable<MembershipContext>;
type Lot = MembershipContext['lots'][number];
type Order = MembershipContext['orders'][number];
interface Hand {
  readonly state: 'prospect' | 'active';
  readonly revision: number;
  readonly context: MembershipContext;
}
type HandResult =
  | { ok: true; hand: Hand }
  | { ok: false; code: string; message: string; hand: Hand };

const schemas = machine.definition.events as Record<string, z.ZodType>;
const tiers = [
  { id: 'member', points: Infinity, visits: Infinity, multiplier: 100 },
  { id: 'silver', points: 30_000, visits: 1_500, multiplier: 125 },
  { id: 'gold', points: 70_000, visits: 3_000, multiplier: 150 },
];
const EXPIRY = 365 * DAY;
const PENDING = DAY;
const REFUND_WINDOW = 30 * DAY;
const KEY_DAYS = DAY;
const MAX_KEYS = 200;

function handStart(): Hand {
  return {
    state: 'prospect',
    revision: 0,
    context: {
      tier: null,
      enrolledAt: null,
      lastAt: null,
      lastActivityAt: null,
      period: null,
      months: [],
      lots: [],
      nextLot: 0,
      balance: 0,
      debt: 0,
      orders: [],
      floor: null,
      grace: null,
      keys: [],
      totals: {
        earned: 0,
        redeemed: 0,
        expired: 0,
        canceled: 0,
        clawedBack: 0,
        uncollected: 0,
        adjustedOut: 0,
        transferredOut: 0,
      },
      lastChange: null,
      lastCommand: null,
    },
  };
}

const monthOf = (t: number) => {
  const d = new Date(t);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};
const yearSpan = (t: number) => {
  const y = new Date(t).getUTCFullYear();
  return { start: Date.UTC(y, 0, 1), end: Date.UTC(y + 1, 0, 1) };
};
const rankOf = (tier: string | null) =>
  Math.max(
    0,
    tiers.findIndex((t) => t.id === tier),
  );

function fingerprint(e: MembershipEvent): string {
  let text: string;
  switch (e.type) {
    case 'PURCHASE':
    case 'REFUND':
      text = `{"amount":${e.amount},"order":${JSON.stringify(e.order)},"type":"${e.type}"}`;
      break;
    case 'REDEEM':
      text = `{"partial":${e.partial === true},"points":${e.points},"type":"REDEEM"}`;
      break;
    default:
      text = `{"type":"${e.type}"}`;
  }
  return createHash('sha256').update(text).digest('hex');
}

function fail(hand: Hand, code: string, message: string): HandResult {
  return { ok: false, code, message, hand };
}

function metrics(c: Ctx, at: number): { points: number; visits: number } {
  const from = Math.floor(monthOf(at) / 12) * 12;
  let points = 0;
  let visits = 0;
  for (const m of c.months) {
    if (m.month < from || m.month > from + 11) continue;
    points += m.points;
    visits += m.visits;
  }
  return { points, visits };
}

function qualified(c: Ctx, at: number): number {
  const m = metrics(c, at);
  for (let r = tiers.length - 1; r > 0; r--) {
    const t = tiers[r] as (typeof tiers)[number];
    if (m.points >= t.points || m.visits >= t.visits) return r;
  }
  return 0;
}

function setTier(c: Ctx, rank: number, at: number, reason: string): void {
  const to = (tiers[rank] as (typeof tiers)[number]).id;
  if (to === c.tier) return;
  c.lastChange = { at, from: c.tier, to, reason };
  c.tier = to;
}

/** Pending lots due by `t` become active; lots expiring by `through` expire. */
function settle(c: Ctx, t: number, through: number): void {
  let lots: Lot[] | undefined;
  let expired = 0;
  for (let i = 0; i < c.lots.length; i++) {
    const lot = c.lots[i] as Lot;
    let next: Lot | undefined = lot;
    if (lot.expiresAt !== null && lot.expiresAt <= through) {
      expired += lot.remaining;
      if (lot.status === 'active') c.balance -= lot.remaining;
      next = undefined;
    } else if (lot.status === 'pending' && lot.availableAt <= t) {
      c.balance += lot.remaining;
      next = { ...lot, status: 'active' };
    }
    if (next !== lot && lots === undefined) lots = c.lots.slice(0, i);
    if (lots !== undefined && next !== undefined) lots.push(next);
  }
  if (lots === undefined) return;
  c.lots = lots;
  if (expired > 0) c.totals = { ...c.totals, expired: c.totals.expired + expired };
}

function reviewAt(c: Ctx, end: number): void {
  const m = metrics(c, end - 1);
  let q = 0;
  for (let r = tiers.length - 1; r > 0; r--) {
    const t = tiers[r] as (typeof tiers)[number];
    if (m.points >= t.points || m.visits >= t.visits) {
      q = r;
      break;
    }
  }
  const cur = rankOf(c.tier);
  if (q > cur) {
    setTier(c, q, end, `qualified for ${tiers[q]?.id} in the period that ended`);
    c.grace = null;
    return;
  }
  const target = Math.max(q, cur - 1);
  if (target < cur) {
    setTier(
      c,
      target,
      end,
      `did not keep ${c.tier} in the period that ended (points ${m.points}, visits ${m.visits})`,
    );
  }
}

function addActivity(c: Ctx, at: number, points: number, spend: number, visits: number): void {
  const month = monthOf(at);
  const i = c.months.findIndex((m) => m.month === month);
  if (i < 0 && (points < 0 || spend < 0)) return;
  const cur = c.months[i] ?? { month, points: 0, spend: 0, visits: 0 };
  const next = {
    month,
    points: Math.max(0, cur.points + points),
    spend: Math.max(0, cur.spend + spend),
    visits: Math.max(0, cur.visits + visits),
  };
  const months = c.months.slice();
  if (i < 0) {
    months.push(next);
    months.sort((a, b) => a.month - b.month);
  } else months[i] = next;
  c.months = months;
}

function afterActivity(c: Ctx, at: number): void {
  const q = qualified(c, at);
  const cur = rankOf(c.tier);
  if (c.grace && q >= cur) c.grace = null;
  if (q > cur) setTier(c, q, at, `qualified for ${tiers[q]?.id} by activity in the current window`);
}

/** Takes up to `points` from the lots `from` selects, in order; returns taken and from active. */
function take(c: Ctx, points: number, from: (l: Lot) => boolean): [number, number] {
  let left = points;
  let active = 0;
  const lots: Lot[] = [];
  for (const lot of c.lots) {
    if (left === 0 || lot.remaining === 0 || !from(lot)) {
      lots.push(lot);
      continue;
    }
    const n = Math.min(left, lot.remaining);
    left -= n;
    if (lot.status === 'active') active += n;
    if (lot.remaining > n) lots.push({ ...lot, remaining: lot.remaining - n });
  }
  c.lots = lots;
  return [points - left, active];
}

function handStep(hand: Hand, e: MembershipEvent): HandResult {
  const schema = schemas[e.type];
  if (schema === undefined) return fail(hand, 'UNKNOWN_EVENT', `Unknown command ${e.type}.`);
  const { type: _type, ...payload } = e;
  const parsed = schema.safeParse(payload);
  if (!parsed.success) return fail(hand, 'INVALID_PAYLOAD', parsed.error.message);
  const c0 = hand.context;
  const at = e.at;
  if (hand.state === 'prospect') {
    if (e.type !== 'ENROLL') return fail(hand, 'EVENT_NOT_ALLOWED', 'Enrol first.');
    const c: Ctx = { ...c0, enrolledAt: at };
    setTier(c, 0, at, 'enrolled in the entry tier');
    c.period = yearSpan(at);
    remember(c, e);
    return { ok: true, hand: { state: 'active', revision: hand.revision + 1, context: c } };
  }
  let seen: MembershipContext['keys'][number] | undefined;
  for (const k of c0.keys) if (k[0] === e.key) seen = k;
  if (seen !== undefined) {
    const expired = at >= seen[2] + KEY_DAYS;
    if (!expired && seen[1] === fingerprint(e))
      return { ok: true, hand: { ...hand, revision: hand.revision + 1 } };
    return expired
      ? fail(hand, 'KEY_EXPIRED', `Key '${e.key}' has expired.`)
      : fail(hand, 'KEY_REUSED', `Key '${e.key}' was used for a different payload.`);
  }
  if (c0.lastAt !== null && at < c0.lastAt)
    return fail(hand, 'OUT_OF_ORDER', `${e.type} is earlier than the last command.`);
  if (e.type === 'PERIOD_END' && c0.period && at < c0.period.end)
    return fail(hand, 'PERIOD_NOT_ENDED', 'The period has not ended.');

  // Move the clock: period reviews, pending and expired lots, old orders, old months.
  const c: Ctx = { ...c0 };
  while (c.period && c.period.end <= at) {
    const end = c.period.end;
    settle(c, end, end - 1);
    reviewAt(c, end);
    settle(c, end, end);
    c.period = yearSpan(end);
  }
  settle(c, at, at);
  const keep = at - REFUND_WINDOW;
  if (c.orders.some((o) => o.at <= keep)) c.orders = c.orders.filter((o) => o.at > keep);
  const from = Math.floor(monthOf(at) / 12) * 12;
  if (c.months.some((m) => m.month < from)) c.months = c.months.filter((m) => m.month >= from);

  switch (e.type) {
    case 'PURCHASE': {
      if (c.orders.some((o) => o.id === e.order))
        return fail(hand, 'DUPLICATE_ORDER', `Order '${e.order}' has already earned points.`);
      const base = Math.floor(e.amount / 100);
      const earned = Math.floor((base * (tiers[rankOf(c.tier)]?.multiplier ?? 100)) / 100);
      if (earned > 0) {
        const lot: Lot = {
          id: c.nextLot,
          source: 'purchase',
          order: e.order,
          points: earned,
          remaining: earned,
          status: 'pending',
          earnedAt: at,
          availableAt: at + PENDING,
          expiresAt: at + EXPIRY,
          qualifying: base,
        };
        c.lots = [...c.lots, lot];
        c.nextLot++;
        c.totals = { ...c.totals, earned: c.totals.earned + earned };
      }
      addActivity(c, at, base, e.amount, 1);
      c.lastActivityAt = at;
      const order: Order = {
        id: e.order,
        at,
        amount: e.amount,
        refunded: 0,
        base,
        earned,
        clawed: 0,
        baseClawed: 0,
      };
      c.orders = [...c.orders, order];
      afterActivity(c, at);
      break;
    }
    case 'REFUND': {
      const order = c.orders.find((o) => o.id === e.order);
      if (order === undefined)
        return fail(hand, 'UNKNOWN_ORDER', `Order '${e.order}' is not held.`);
      const refunded = order.refunded + e.amount;
      if (refunded > order.amount)
        return fail(hand, 'REFUND_EXCEEDS_ORDER', `Refund exceeds order '${order.id}'.`);
      const clawTotal = Math.floor((order.earned * refunded) / order.amount);
      const baseTotal = Math.floor((order.base * refunded) / order.amount);
      const claw = clawTotal - order.clawed;
      if (claw > 0) {
        const [taken, active] = take(c, claw, (l) => l.order === order.id);
        c.balance -= active;
        c.totals = {
          ...c.totals,
          clawedBack: c.totals.clawedBack + taken,
          uncollected: c.totals.uncollected + claw - taken,
        };
      }
      addActivity(c, order.at, -(baseTotal - order.baseClawed), -e.amount, 0);
      const left = order.base - baseTotal;
      c.lots = c.lots.map((l) =>
        l.order === order.id && l.qualifying > left ? { ...l, qualifying: left } : l,
      );
      const updated = { ...order, refunded, clawed: clawTotal, baseClawed: baseTotal };
      c.orders = c.orders.map((o) => (o.id === order.id ? updated : o));
      break;
    }
    case 'VISIT':
      c.lastActivityAt = at;
      addActivity(c, at, 0, 0, 1);
      afterActivity(c, at);
      break;
    case 'REDEEM': {
      if (c.balance <= 0 || (e.points > c.balance && e.partial !== true))
        return fail(
          hand,
          'INSUFFICIENT_POINTS',
          `Redeeming ${e.points} points needs that many, but the balance is ${c.balance}.`,
        );
      const [taken] = take(c, Math.min(e.points, c.balance), (l) => l.status === 'active');
      c.balance -= taken;
      c.totals = { ...c.totals, redeemed: c.totals.redeemed + taken };
      c.lastActivityAt = at;
      break;
    }
    case 'PERIOD_END':
      break;
    default:
      return fail(hand, 'EVENT_NOT_ALLOWED', `${e.type} is not part of this ledger.`);
  }
  remember(c, e);
  return { ok: true, hand: { state: 'active', revision: hand.revision + 1, context: c } };
}

function remember(c: Ctx, e: MembershipEvent): void {
  const keys = [...c.keys, [e.key, fingerprint(e), e.at] as [string, string, number]];
  let drop = Math.max(0, keys.length - MAX_KEYS);
  while (drop < keys.length && (keys[drop] as [string, string, number])[2] <= e.at - KEY_DAYS)
    drop++;
  c.keys = drop === 0 ? keys : keys.slice(drop);
  c.lastAt = Math.max(c.lastAt ?? e.at, e.at);
  c.lastCommand = { type: e.type, key: e.key, at: e.at };
}

function driveHand(log: readonly MembershipEvent[], codes?: string[]): Hand {
  let h = handStart();
  for (const e of log) {
    const r = handStep(h, e);
    if (r.ok) h = r.hand;
    else codes?.push(r.code);
  }
  return h;
}

// ---------------------------------------------------------------------------------------------

/** Checks that both sides agree on the whole log; returns the library's run. */
function check(log: readonly MembershipEvent[]): Run {
  const oursCodes: string[] = [];
  const handCodes: string[] = [];
  const s = driveOurs(log, oursCodes) as Snapshot<string, MembershipContext>;
  const h = driveHand(log, handCodes);
  const ours = { state: s.state, revision: s.revision, context: s.context };
  const hand = { state: h.state, revision: h.revision, context: h.context };
  if (!isDeepStrictEqual(ours, hand)) {
    const diff = Object.keys(ours.context).filter(
      (k) =>
        !isDeepStrictEqual(
          (ours.context as unknown as Record<string, unknown>)[k],
          (hand.context as unknown as Record<string, unknown>)[k],
        ),
    );
    throw new Error(
      `loyalty bench: the hand-written ledger and the machine disagree after ${log.length} commands (state ${ours.state}/${hand.state}, revision ${ours.revision}/${hand.revision}, context fields: ${diff.join(', ') || 'none'})`,
    );
  }
  if (!isDeepStrictEqual(oursCodes, handCodes))
    throw new Error(
      `loyalty bench: refusals differ: ${oursCodes.length} vs ${handCodes.length} (${oursCodes.slice(0, 5)} / ${handCodes.slice(0, 5)})`,
    );
  return { ...ours, refused: oursCodes };
}

/** A count that is the same in every process (the log is deterministic). */
const count = (runs: readonly Sample[], key: string) =>
  (runs[0]?.[key] ?? Number.NaN).toLocaleString('en-US');

export const bench: Bench = {
  title: 'Loyalty: one member’s commands, against a hand-written ledger',
  measure(): Sample {
    const out: Sample = {};
    for (const n of sizes) {
      const log = commands(n);
      const run = check(log);
      const t = compare({ ours: () => driveOurs(log), hand: () => driveHand(log) }, n, rounds[n]);
      out[`ours.${n}`] = t.ours;
      out[`hand.${n}`] = t.hand;
      out[`bytes.${n}`] = JSON.stringify(driveOurs(log)).length;
      out[`lots.${n}`] = run.context.lots.length;
      out[`orders.${n}`] = run.context.orders.length;
      out[`keys.${n}`] = run.context.keys.length;
      out[`refused.${n}`] = run.refused.length;
      out[`retries.${n}`] = log.length - run.revision - run.refused.length;
    }
    return out;
  },
  render(runs: readonly Sample[]): string {
    const rows = sizes.map((n) => {
      const r = ratioStat(runs, `ours.${n}`, `hand.${n}`);
      return [
        n.toLocaleString('en-US'),
        cell(runs, `ours.${n}`),
        cell(runs, `hand.${n}`),
        ratioCell(runs, `ours.${n}`, `hand.${n}`),
        `≤ ${TARGET}×: ${verdict(r.median, TARGET)}`,
        cell(runs, `bytes.${n}`),
        `${count(runs, `lots.${n}`)} / ${count(runs, `orders.${n}`)} / ${count(runs, `keys.${n}`)}`,
        count(runs, `refused.${n}`),
      ];
    });
    return `${table(
      [
        'commands',
        'servicecraft ns/command',
        'hand-written ns/command',
        'ratio',
        'target',
        'snapshot JSON bytes',
        'live lots / held orders / kept keys',
        'refused',
      ],
      rows,
    )}

One member, a command every 6 hours: in every 20, 11 purchases (amounts change with the year, so the tier rises and falls), 3 visits, 2 redemptions (one partial; one refused when the balance is short), 2 refunds of recent orders (one partial, one full), 2 retries of a purchase (same key and payload: accepted, no effect), 1 refund of an order past the 30-day window (refused UNKNOWN_ORDER); a PERIOD_END at each year end (tier review). Policy: 3 tiers on points or visits, calendar-year window, one-step downgrade, 365-day expiry, 1 pending day, soonest-expiring spent first. servicecraft: \`transition\` per command (a new snapshot each time; a refused command leaves it unchanged). Hand-written: the same rules in plain TypeScript (bench/loyalty.ts), \`safeParse\` of every command with the machine's own event schemas, SHA-256 key fingerprints from node:crypto, a new context per command. Before timing, each size asserts that both end with the deep-equal state, revision and context and refuse the same commands with the same codes. The ratio is formed in each process (interleaved rounds), then summarised.`;
  },
};
