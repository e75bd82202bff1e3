/**
 * `nextWakeUp` on the membership machine: the earliest time-based change (period end, lot expiry,
 * pending lot becoming spendable, grace or floor end) and the command to send then.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialSnapshot, nextWakeUp, transition } from '../../src/index.js';
import { balance, tierOf } from '../../src/loyalty/index.js';
import type { MembershipContext } from '../../src/loyalty/types.js';
import { anyOps, anyPolicy, walk } from './arbitraries.js';
import { apply, DAY, enrolled, k, type Member, programWith, T0 } from './helpers.js';

/** Every instant at which the context has something scheduled (the oracle's own scan). */
function scheduled(c: MembershipContext): number[] {
  const out: number[] = [];
  if (c.period) out.push(c.period.end);
  for (const l of c.lots) {
    if (l.expiresAt !== null) out.push(l.expiresAt);
    // A lot that expires before it would become spendable is never unlocked.
    if (l.status === 'pending' && (l.expiresAt === null || l.availableAt < l.expiresAt))
      out.push(l.availableAt);
  }
  if (c.grace) out.push(c.grace.until);
  if (c.floor?.until != null) out.push(c.floor.until);
  return out;
}

describe('nextWakeUp(program.machine, snapshot)', () => {
  it('walks a member through unlock, expiry and the year-end review in order', () => {
    // Points pending 7 days, expiring 30 days after earning; calendar-year reviews (UTC).
    const p = programWith({ pendingDays: 7, expiry: { kind: 'days', days: 30 } });
    let m = apply(p, enrolled(p, T0), [
      { type: 'PURCHASE', key: k(), at: T0, order: 'A', amount: 1_000 },
    ]);
    const first = nextWakeUp(p.machine, m);
    if (!first) return expect.fail('expected a wake-up');
    expect(first).toEqual({
      at: T0 + 7 * DAY,
      event: { type: 'EXPIRE', key: `wake:EXPIRE:${T0 + 7 * DAY}`, at: T0 + 7 * DAY },
      reason: 'loyalty.lotAvailable',
    });
    m = apply(p, m, [first.event]);
    expect(m.context.balance).toBe(10);
    const second = nextWakeUp(p.machine, m);
    if (!second) return expect.fail('expected a wake-up');
    expect([second.at, second.reason]).toEqual([T0 + 30 * DAY, 'loyalty.lotExpiry']);
    m = apply(p, m, [second.event]);
    expect(m.context.balance).toBe(0);
    const third = nextWakeUp(p.machine, m);
    expect(third).toEqual({
      at: Date.UTC(2026, 0, 1),
      event: {
        type: 'PERIOD_END',
        key: `wake:PERIOD_END:${Date.UTC(2026, 0, 1)}`,
        at: Date.UTC(2026, 0, 1),
      },
      reason: 'loyalty.periodEnd',
    });
  });

  it('uses the programme zone: a Sydney member wakes for the review at local midnight', () => {
    const p = programWith({ timeZone: 'Australia/Sydney' });
    const w = nextWakeUp(p.machine, enrolled(p, Date.UTC(2025, 5, 1)));
    expect([w?.at, w?.event.type]).toEqual([Date.UTC(2025, 11, 31, 13), 'PERIOD_END']);
  });

  it('is undefined before enrolment and once closed', () => {
    const p = programWith();
    expect(nextWakeUp(p.machine, initialSnapshot(p.machine))).toBeUndefined();
    const closed = apply(p, enrolled(p), [{ type: 'CLOSE', key: k(), at: T0 + DAY }]);
    expect(nextWakeUp(p.machine, closed)).toBeUndefined();
  });

  it('delivering the same wake-up twice is a retry that changes nothing', () => {
    const p = programWith({ expiry: { kind: 'days', days: 10 } });
    const m = apply(p, enrolled(p), [
      { type: 'PURCHASE', key: k(), at: T0, order: 'A', amount: 1_000 },
    ]);
    const w = nextWakeUp(p.machine, m);
    if (!w) return expect.fail('expected a wake-up');
    const once = apply(p, m, [w.event]);
    const twice = transition(p.machine, once, w.event);
    if (!twice.ok) return expect.fail(twice.error.message);
    expect(twice.snapshot.context).toEqual(once.context);
  });
});

describe('wake-up properties over random policies, zones and command sequences', () => {
  it('each wake-up is after the last command, is accepted, settles what was due, and skips nothing', () => {
    fc.assert(
      fc.property(anyPolicy, anyOps, fc.nat(), (policy, ops, pick) => {
        const { program, states } = walk(policy, ops);
        const picked = states[pick % states.length];
        if (!picked) return;
        let s: Member = picked;
        const start = s.context.lastAt;
        // What the oracle expects to be woken for: every lot expiry or unlock and floor end
        // scheduled in the snapshot, and the period end unless a tier change may restart the
        // period (anniversaries from the last tier change). A grace period can be canceled by a
        // review, so its end is checked step by step only (the minimum below).
        const w0 = program.policy.window;
        const restarts = w0.kind === 'anniversary' && w0.from === 'tierChange';
        const due = new Set(
          scheduled({
            ...s.context,
            grace: null,
            period: restarts ? null : s.context.period,
          }),
        );
        const woken: number[] = [];
        for (let step = 0; step < 12; step++) {
          const w = nextWakeUp(program.machine, s);
          if (s.state === 'closed' || s.state === 'prospect') {
            expect(w).toBeUndefined();
            return;
          }
          if (!w) return expect.fail('an active or paused membership always has a period end');
          const last = s.context.lastAt ?? Number.NEGATIVE_INFINITY;
          // Never at or before the last command's time, and the event carries the wake-up's time.
          expect(w.at).toBeGreaterThan(last);
          expect(w.event.at).toBe(w.at);
          // It is the earliest scheduled instant: nothing is due before it...
          const pending = scheduled(s.context);
          expect(Math.min(...pending)).toBe(w.at);
          // ...so reading the membership just before it shows no change.
          expect(balance(program, s, { at: w.at - 1 })).toBe(balance(program, s));
          expect(tierOf(program, s, { at: w.at - 1 })?.id).toBe(s.context.tier);
          const r = transition(program.machine, s, w.event);
          if (!r.ok) return expect.fail(r.error.message);
          const c = r.snapshot.context;
          // Everything due by `at` was settled.
          for (const l of c.lots) {
            if (l.expiresAt !== null) expect(l.expiresAt).toBeGreaterThan(w.at);
            if (l.status === 'pending') expect(l.availableAt).toBeGreaterThan(w.at);
          }
          expect(c.period?.end).toBeGreaterThan(w.at);
          const after = nextWakeUp(program.machine, r.snapshot);
          if (after) expect(after.at).toBeGreaterThan(w.at);
          woken.push(w.at);
          s = r.snapshot;
        }
        // No instant scheduled at the start and reached by the chain was skipped.
        const reached = woken[woken.length - 1] ?? start ?? 0;
        for (const t of due) if (t <= reached) expect(woken).toContain(t);
      }),
      { numRuns: 120 },
    );
  }, 60_000);
});
