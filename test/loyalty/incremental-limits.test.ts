/**
 * The per-command limit check reads only what a command created or replaced; these properties
 * show it refuses exactly when the full check of the resulting context would, with the same
 * field path and value (so the same code and message).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialSnapshot, isRefusal, transition } from '../../src/index.js';
import { decide, isRetry } from '../../src/loyalty/commands.js';
import {
  defineLoyaltyProgram,
  defineTierLadder,
  type LoyaltyProgram,
  type MembershipContext,
  type MembershipEvent,
} from '../../src/loyalty/index.js';
import { limitBreach, limitBreachSince, MAX_TIME } from '../../src/loyalty/limits.js';
import { rulesOf } from '../../src/loyalty/rules.js';
import { anyOps, anyPolicy, walk } from './arbitraries.js';
import { DAY, type Member } from './helpers.js';

type Ctx = MembershipContext;

/** Every numeric field of a context, as a path of property names and indexes. */
function numericPaths(c: Ctx): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (const f of ['enrolledAt', 'lastAt', 'lastActivityAt', 'balance', 'debt', 'nextLot'] as const)
    out.push([f]);
  if (c.period) out.push(['period', 'start'], ['period', 'end']);
  if (c.floor) out.push(['floor', 'until']);
  if (c.grace) out.push(['grace', 'until']);
  if (c.lastChange) out.push(['lastChange', 'at']);
  if (c.lastCommand) out.push(['lastCommand', 'at']);
  for (const f of Object.keys(c.totals)) out.push(['totals', f]);
  c.lots.forEach((_, i) => {
    for (const f of [
      'id',
      'points',
      'remaining',
      'qualifying',
      'earnedAt',
      'availableAt',
      'expiresAt',
    ])
      out.push(['lots', i, f]);
  });
  c.orders.forEach((_, i) => {
    for (const f of ['at', 'amount', 'refunded', 'base', 'earned', 'clawed', 'baseClawed'])
      out.push(['orders', i, f]);
  });
  c.months.forEach((_, i) => {
    for (const f of ['month', 'points', 'spend', 'visits']) out.push(['months', i, f]);
  });
  c.keys.forEach((_, i) => {
    out.push(['keys', i, 2]);
  });
  return out;
}

/** `value` with `path` set to `to`, copying only the objects and arrays along the path. */
function setAt(value: unknown, path: readonly (string | number)[], to: unknown): unknown {
  if (path.length === 0) return to;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = setAt(copy[head], rest, to);
  return copy;
}

/** Values outside some limit: negative, fractional, not finite, unsafe, beyond a Date. */
const badValue = fc.constantFrom(
  -1,
  -MAX_TIME - 1,
  0.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.MAX_SAFE_INTEGER + 2,
  MAX_TIME + 1,
  1e300,
);

/** The pairs (context before, context after) of every command a walk accepted. */
function steps(states: readonly Member[]): [Ctx, Ctx][] {
  const out: [Ctx, Ctx][] = [];
  for (let i = 1; i < states.length; i++) {
    const before = states[i - 1] as Member;
    const after = states[i] as Member;
    if (after.context !== before.context) out.push([before.context, after.context]);
  }
  return out;
}

describe('the per-command limit check', () => {
  it('agrees with the full check when any one field a command left is pushed out of its limits', () => {
    let breaches = 0;
    fc.assert(
      fc.property(anyPolicy, anyOps, fc.nat(), fc.nat(), badValue, (policy, ops, s, f, bad) => {
        const { states } = walk(policy, ops);
        const pairs = steps(states);
        const [before, after] = pairs[s % Math.max(1, pairs.length)] ?? [
          (states[0] as Member).context,
          (states[0] as Member).context,
        ];
        // Unchanged, both find nothing (every reached context is within the limits).
        expect(limitBreach(after)).toBeUndefined();
        expect(limitBreachSince(before, after)).toBeUndefined();
        // One field out of its limits, in an entry the command made or in one it kept.
        const paths = numericPaths(after);
        const path = paths[f % paths.length] as (string | number)[];
        const broken = setAt(after, path, bad) as Ctx;
        const full = limitBreach(broken);
        if (full !== undefined) breaches++;
        expect(limitBreachSince(before, broken)).toEqual(full);
      }),
      { numRuns: 300 },
    );
    // Most values break most fields (-1 is a fine time, MAX_TIME + 1 a fine count).
    expect(breaches).toBeGreaterThan(150);
  }, 60_000);

  it('refuses exactly when the full check would, on commands that overflow counts and times', () => {
    const YEAR = 365 * DAY;
    const ladder = defineTierLadder({
      id: 'huge',
      qualifyBy: ['points'],
      tiers: [
        { id: 'base', multiplier: 100 },
        { id: 'x', threshold: { points: 1e15 }, multiplier: 10_000 },
      ],
    });
    const program = (expiryDays: number): LoyaltyProgram =>
      defineLoyaltyProgram({
        ladder,
        policy: {
          earn: { points: 1000, per: 1 },
          expiry: { kind: 'days', days: expiryDays },
          pendingDays: 7,
        },
      });
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('purchase' as const),
        dt: fc.nat(60 * DAY),
        amount: fc.oneof(fc.integer({ min: 1, max: 1e12 }), fc.constant(1e12)),
      }),
      fc.record({
        kind: fc.constant('refund' as const),
        dt: fc.nat(5 * DAY),
        share: fc.integer({ min: 1, max: 100 }),
      }),
      fc.record({ kind: fc.constant('visit' as const), dt: fc.nat(200 * DAY) }),
      fc.record({
        kind: fc.constant('redeem' as const),
        dt: fc.nat(20 * DAY),
        points: fc.integer({ min: 1, max: 1e12 }),
      }),
      fc.record({ kind: fc.constant('periodEnd' as const), dt: fc.nat(400 * DAY) }),
    );
    // Starts in the last representable years (lots expire, and periods end, past a Date's range)
    // and anywhere else.
    const start = fc.oneof(
      fc.integer({ min: MAX_TIME - 3 * YEAR, max: MAX_TIME - YEAR }),
      fc.integer({ min: -MAX_TIME, max: -MAX_TIME + 2 * YEAR }),
      fc.integer({ min: 0, max: 60 * YEAR }),
    );
    let refusedOverLimit = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(30, 365, 36_500),
        start,
        fc.array(op, { maxLength: 40 }),
        (days, at0, ops) => {
          const p = program(days);
          const rules = rulesOf(p);
          const enroll = transition(p.machine, initialSnapshot(p.machine), {
            type: 'ENROLL',
            key: 'e',
            at: at0,
          });
          if (!enroll.ok) return;
          let snap: Member = enroll.snapshot;
          let at = at0;
          const orders: { order: string; amount: number }[] = [];
          for (const [i, o] of ops.entries()) {
            at += o.dt;
            const key = `c${i}`;
            let event: MembershipEvent;
            if (o.kind === 'purchase') {
              event = { type: 'PURCHASE', key, at, order: `o${i}`, amount: o.amount };
              orders.push({ order: `o${i}`, amount: o.amount });
            } else if (o.kind === 'refund') {
              const last = orders[orders.length - 1];
              if (!last) continue;
              const amount = Math.max(1, Math.floor((last.amount * o.share) / 100));
              event = { type: 'REFUND', key, at, order: last.order, amount };
            } else if (o.kind === 'visit') event = { type: 'VISIT', key, at };
            else if (o.kind === 'redeem')
              event = { type: 'REDEEM', key, at, points: o.points, partial: true };
            else event = { type: 'PERIOD_END', key, at };
            if (isRetry(rules, snap.context, event)) continue;
            const next = decide(rules, snap.context, event);
            const result = transition(p.machine, snap, event);
            if (isRefusal(next)) {
              expect(result.ok).toBe(false);
              continue;
            }
            const full = limitBreach(next);
            expect(limitBreachSince(snap.context, next)).toEqual(full);
            if (full === undefined) {
              if (!result.ok) expect.fail(result.error.message);
              expect(result.snapshot.context).toEqual(next);
              snap = result.snapshot;
            } else {
              if (result.ok) expect.fail(`accepted ${full.path} = ${String(full.value)}`);
              expect(result.error.reason?.code).toBe(
                full.kind === 'time' ? 'OUT_OF_RANGE' : 'LIMIT_EXCEEDED',
              );
              expect(result.error.reason?.details?.field).toBe(full.path);
              refusedOverLimit++;
            }
          }
        },
      ),
      { numRuns: 300 },
    );
    // The property saw real refusals, not only accepted commands.
    expect(refusedOverLimit).toBeGreaterThan(20);
  }, 60_000);
});
