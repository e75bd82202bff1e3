import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialSnapshot, replayOrThrow, transition } from '../../src/index.js';
import { advance, catchUp, type Rules, settleAt } from '../../src/loyalty/commands.js';
import { settleLots } from '../../src/loyalty/ledger.js';
import { rulesOf } from '../../src/loyalty/rules.js';
import { review } from '../../src/loyalty/tiers.js';
import type { MembershipContext } from '../../src/loyalty/types.js';
import { anyOps, anyPolicy, walk } from './arbitraries.js';
import { DAY, programWith, T0 } from './helpers.js';

const YEAR = 365 * DAY;

/** The plain loop the catch-up replaces: one review per elapsed period, in order. */
function reviewEveryPeriod(rules: Rules, ctx: MembershipContext, now: number) {
  let next = ctx;
  let reviews = 0;
  while (next.period && next.period.end <= now) {
    const end = next.period.end;
    const before = settleAt(rules, next, end, end - 1);
    const w = rules.policy.window;
    if (
      w.kind === 'anniversary' &&
      w.from === 'tierChange' &&
      before.lastChange !== next.lastChange
    ) {
      // A grace end changed the tier inside the period: a new period starts there, unreviewed.
      next = { ...before, period: rules.time.periodAt(before, before.lastChange?.at ?? end) };
      continue;
    }
    // The tier is reviewed before the lots due exactly at `end` expire.
    next = review(rules, before, end);
    next = settleLots(next, end);
    next = { ...next, period: rules.time.periodAt(next, end) };
    reviews++;
  }
  return { ctx: next, reviews };
}

describe('catching up on missed reviews', () => {
  it('gives exactly what reviewing every period gives, for gaps up to decades', () => {
    fc.assert(
      fc.property(
        anyPolicy,
        anyOps,
        fc.nat(),
        fc.integer({ min: 0, max: 40 * YEAR }),
        (policy, ops, pick, gap) => {
          const { program, states } = walk(policy, ops);
          const s = states[pick % states.length];
          if (!s || s.state === 'closed') return;
          const rules: Rules = rulesOf(program);
          const now = (s.context.lastAt ?? T0) + gap;
          const fast = catchUp(rules, s.context, now);
          const slow = reviewEveryPeriod(rules, s.context, now);
          expect(fast.ctx).toEqual(slow.ctx);
          expect(fast.reviews).toBeLessThanOrEqual(slow.reviews);
        },
      ),
      { numRuns: 150 },
    );
  }, 30_000);

  it('needs a bounded number of reviews for a gap of 1e15 ms (about 31,700 years)', () => {
    for (const window of [
      { kind: 'calendarYear' as const },
      { kind: 'rolling' as const, months: 12 },
    ]) {
      const p = programWith({ window, downgrade: 'oneStep', graceDays: 30 });
      const rules: Rules = rulesOf(p);
      const m = replayOrThrow(p.machine, [
        { type: 'ENROLL', key: 'e', at: T0 },
        { type: 'PURCHASE', key: 'p', at: T0, order: 'A', amount: 200_000 }, // gold
        { type: 'GRANT_TIER', key: 'g', at: T0, tier: 'silver', until: T0 + 3 * YEAR },
      ]);
      const now = T0 + 1e15;
      const { ctx, reviews } = catchUp(rules, m.context, now);
      // Window, two downgrades with their grace periods, the floor's end: a handful of reviews.
      expect(reviews).toBeLessThanOrEqual(40);
      expect(ctx.period).toEqual(rules.time.periodAt(ctx, now));
      expect(ctx.tier).toBe('member');
    }
  });

  it('VISIT at 8.6e15 after ENROLL at 0 is accepted, in the period containing it', () => {
    for (const window of [
      { kind: 'calendarYear' as const },
      { kind: 'rolling' as const, months: 3 },
    ]) {
      const p = programWith({ window, downgrade: 'oneStep', expiry: { kind: 'days', days: 45 } });
      const start = replayOrThrow(p.machine, [
        { type: 'ENROLL', key: 'e', at: 0 },
        { type: 'PURCHASE', key: 'p', at: 0, order: 'A', amount: 200_000 },
      ]);
      const r = transition(p.machine, start, { type: 'VISIT', key: 'v', at: 8.6e15 });
      if (!r.ok) return expect.fail(r.error.message);
      const c = r.snapshot.context;
      expect(c.period).toEqual(rulesOf(p).time.periodAt(c, 8.6e15));
      expect([c.tier, c.balance, c.lots, c.totals.expired]).toEqual(['member', 0, [], 2_000]);
      // The last tier change happened long ago, at the review that took the member to the bottom.
      expect(c.lastChange?.to).toBe('member');
      expect(c.lastChange?.at).toBeLessThan(Date.UTC(1975, 0, 1));
    }
  });

  it('advance settles what is due at `now` after the reviews', () => {
    const p = programWith({ pendingDays: 7 });
    const rules: Rules = rulesOf(p);
    const m = replayOrThrow(p.machine, [
      { type: 'ENROLL', key: 'e', at: T0 },
      { type: 'PURCHASE', key: 'p', at: T0, order: 'A', amount: 1_000 },
    ]);
    expect(advance(rules, m.context, T0 + 7 * DAY).balance).toBe(10);
    expect(initialSnapshot(p.machine).context.period).toBeNull();
  });
});
